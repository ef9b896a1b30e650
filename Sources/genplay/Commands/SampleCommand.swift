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
    /// More images than this are written but not all previewed.
    static let previewLimit = 100

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
        let info = generator.info, size = info.size, pixels = info.pixelCount

        // Written a batch at a time, as generated: only the grid's pictures and the preview's
        // first images are kept.
        var time = 0.0, batchStart = Date(), pictures: [GrayImage] = [], previewed: [Float] = []
        try generator.forEachBatch([Int?](repeating: label, count: count), settings) { indices, images in
            time += Date().timeIntervalSince(batchStart)
            for (j, i) in indices.enumerated() {
                let unit = images[j * pixels ..< (j + 1) * pixels]
                let picture = GrayImage(unit: unit, width: size, height: size).scaled(by: scale)
                try format.write(picture, to: "\(directory)/\(kind.rawValue)-\(String(format: "%03d", i)).\(format.fileExtension)")
                pictures.append(picture)
                if i < Self.previewLimit { previewed += unit }
            }
            Console.progress("\(pictures.count)/\(count) images written")
            batchStart = Date()
        }
        Console.progress("")
        let gridPath = "\(directory)/\(kind.rawValue)-grid.\(format.fileExtension)"
        try format.write(GrayImage.grid(pictures, columns: min(count, 10)), to: gridPath)

        if !args.flag("--no-preview") {
            let caption = label.map { info.classNames.indices.contains($0) ? info.classNames[$0] : "class \($0)" } ?? ""
            let shown = min(count, Self.previewLimit)
            Console.writeRaw(ImagePreview.text(previewed, size: size, captions: (0 ..< shown).map { "#\($0) \(caption)" }, style: previewStyle, imageSize: previewSize))
            if shown < count { Console.write("(the first \(shown) of \(count) shown)\n") }
        }
        let what = label.map { "class \($0) (\(info.classNames.indices.contains($0) ? info.classNames[$0] : "?"))" } ?? "no class"
        Console.write(String(format: "%d %@ images, %@, %@: %.1f ms (%.1f ms per image; %d network evaluations), load %.0f ms\nwrote %d files and %@\n",
                             count, kind.rawValue, what, generator.describe(settings), time * 1000, time * 1000 / Double(count), generator.evaluations,
                             load * 1000, count, gridPath))
        return 0
    }
}
