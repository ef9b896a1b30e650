import Engine
import Foundation

/// `genplay sample`: draw images from one of the generators, write them as PNG or PGM files
/// (one per image and a grid) and show them as ASCII art.
enum SampleCommand {
    static let name = "sample"
    static let summary = """
        Generate images with the diffusion model (sampler ddpm, ddim or dpm), the GAN or a VAE
        (vae = 16-D latent, vae2d = 2-D), write them to --out (MODEL-000.png, MODEL-001.png, …
        and all of them in MODEL-grid.png; .pgm with --format pgm) and print a preview (ASCII
        art by default; --mode for half-blocks, braille or 16 colours) and the time taken.
        Without --class the diffusion model and the VAE sample unconditionally and the GAN
        cycles through the classes.
        """
    static let usage = "sample ddpm|ddim|dpm|gan|vae|vae2d [--class N|name] [--count N] [--steps N] [--eta X] [--guidance X] [--seed N] [--truncation X] [--out DIR] [--format png|pgm] [--mode halfblocks|braille|ascii|color16] [--dither none|ordered|floydsteinberg] [--preview-size COLSxROWS]"
    static let options: [OptionSpec] = [
        OptionSpec("--class", value: "N|NAME", help: "class number or name (e.g. 7 or sneaker)"),
        OptionSpec("--count", value: "N", help: "images to generate (default 8, at most 10000)"),
        OptionSpec("--out", value: "DIR", help: "folder for the image files (default samples)"),
        OptionSpec("--format", value: "png|pgm", help: "file format (default png)"),
        OptionSpec("--scale", value: "N", help: "enlarge the written images N times (default 1)"),
        OptionSpec("--no-preview", help: "skip the preview"),
    ] + ImagePreview.options + GenerationSettings.options
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected one model: \(ImageGeneratorKind.allCases.map(\.rawValue).joined(separator: ", "))") }
        let kind = try ImageGeneratorKind.parse(args.positionals[0])
        // Every image is held until the grid is drawn: 10 000 of them, scaled, stay near 100 MB.
        let count = try args.int("--count", default: 8, range: 1 ... 10_000)
        let scale = try args.int("--scale", default: 1, range: 1 ... 64)
        guard let format = ImageFileFormat(rawValue: args.string("--format") ?? "png") else {
            throw UsageError("--format: expected png or pgm, got '\(args.string("--format")!)'")
        }
        let settings = try GenerationSettings(args)
        let previewStyle = try ImagePreview.style(args), previewSize = try ImagePreview.size(args)
        let directory = args.string("--out") ?? "samples"
        // A folder that cannot be made is said before any image is generated.
        try AtomicFile.createFolder(URL(fileURLWithPath: directory))
        var generator: ImageGenerator!
        let load = try seconds { generator = try ImageGenerator(kind, args) }
        let label = try generator.label(args.string("--class"))
        var images: [Float] = []
        let time = try seconds { images = try generator.generate([Int?](repeating: label, count: count), settings) }

        let info = generator.info, size = info.size, pixels = info.pixelCount
        let pictures = (0 ..< count).map { GrayImage(unit: images[$0 * pixels ..< ($0 + 1) * pixels], width: size, height: size).scaled(by: scale) }
        for (i, picture) in pictures.enumerated() {
            try format.write(picture, to: "\(directory)/\(kind.rawValue)-\(String(format: "%03d", i)).\(format.fileExtension)")
        }
        let gridPath = "\(directory)/\(kind.rawValue)-grid.\(format.fileExtension)"
        try format.write(GrayImage.grid(pictures, columns: min(count, 10)), to: gridPath)

        if !args.flag("--no-preview") {
            let caption = label.map { info.classNames.indices.contains($0) ? info.classNames[$0] : "class \($0)" } ?? ""
            Console.writeRaw(ImagePreview.text(images, size: size, captions: (0 ..< count).map { "#\($0) \(caption)" }, style: previewStyle, imageSize: previewSize))
        }
        let what = label.map { "class \($0) (\(info.classNames.indices.contains($0) ? info.classNames[$0] : "?"))" } ?? "no class"
        Console.write(String(format: "%d %@ images, %@, %@: %.1f ms (%.1f ms per image; %d network evaluations), load %.0f ms\nwrote %d files and %@\n",
                             count, kind.rawValue, what, generator.describe(settings), time * 1000, time * 1000 / Double(count), generator.evaluations,
                             load * 1000, count, gridPath))
        return 0
    }
}
