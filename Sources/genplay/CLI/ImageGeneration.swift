import Engine
import Foundation

/// The generators `genplay sample` and `genplay eval images` drive.
enum ImageGeneratorKind: String, CaseIterable {
    case ddpm, ddim, dpm, gan, vae, vae2d

    var checkpoint: String {
        switch self {
        case .ddpm, .ddim, .dpm: return ImageCheckpoints.diffusion
        case .gan: return ImageCheckpoints.gan
        case .vae: return ImageCheckpoints.vae16D
        case .vae2d: return ImageCheckpoints.vae2D
        }
    }

    static func parse(_ text: String?) throws -> ImageGeneratorKind {
        guard let text, let kind = ImageGeneratorKind(rawValue: text.lowercased()) else {
            throw UsageError("expected a model: \(allCases.map(\.rawValue).joined(separator: ", "))\(text.map { " (got '\($0)')" } ?? "")")
        }
        return kind
    }
}

/// Sampling settings shared by the image commands.
struct GenerationSettings {
    static let options: [OptionSpec] = [
        OptionSpec("--steps", value: "N", help: "diffusion sampling steps (default: the checkpoint's, 50)"),
        OptionSpec("--eta", value: "X", help: "DDIM noise η, 0 = deterministic (default 0)"),
        OptionSpec("--guidance", value: "X", help: "classifier-free guidance scale (default: the checkpoint's, 3)"),
        OptionSpec("--seed", value: "N", help: "random seed (default 0)"),
        OptionSpec("--truncation", value: "X", help: "GAN/VAE: redraw latent values beyond ±X (GAN) or scale the latent spread (VAE)"),
        OptionSpec("--batch", value: "N", help: "images generated per batch (default 50)"),
        ImageLoading.threadsOption, ImageLoading.checkpointsOption,
    ]

    var steps: Int?
    var eta: Float
    var guidance: Float?
    var seed: UInt64
    var truncation: Float?
    var batch: Int

    init(_ args: Arguments) throws {
        steps = args.string("--steps") == nil ? nil : try args.int("--steps", default: 50, range: 1 ... 1000)
        eta = try args.float("--eta", default: 0, range: 0 ... 1)
        guidance = args.string("--guidance") == nil ? nil : try args.float("--guidance", default: 3, range: -20 ... 50)
        seed = try args.uint64("--seed", default: 0)
        truncation = args.string("--truncation") == nil ? nil : try args.float("--truncation", default: 1, range: 0.01 ... 100)
        batch = try args.int("--batch", default: 50, range: 1 ... 10_000)
    }
}

/// A loaded generator that turns class labels into images.
final class ImageGenerator {
    let kind: ImageGeneratorKind
    let info: ImageModelInfo
    let unet: UNet?
    let gan: ConditionalGAN?
    let vae: VAE?
    /// Network evaluations so far (diffusion steps or generator/decoder calls), for timing lines.
    private(set) var evaluations = 0

    init(_ kind: ImageGeneratorKind, _ args: Arguments) throws {
        self.kind = kind
        let file = try ImageLoading.file(kind.checkpoint, args), threads = try ImageLoading.threads(args)
        switch kind {
        case .ddpm, .ddim, .dpm:
            let m = try UNet(file: file, threads: threads)
            (unet, gan, vae, info) = (m, nil, nil, m.config.image)
        case .gan:
            let m = try ConditionalGAN(file: file, threads: threads)
            (unet, gan, vae, info) = (nil, m, nil, m.info)
        case .vae, .vae2d:
            let m = try VAE(file: file, threads: threads)
            (unet, gan, vae, info) = (nil, nil, m, m.info)
        }
    }

    /// The sampling settings in words, defaults resolved.
    func describe(_ s: GenerationSettings) -> String {
        if let unet {
            let eta = kind == .ddim ? String(format: ", η %g", s.eta) : ""
            return String(format: "%d steps, guidance %g%@", s.steps ?? unet.config.defaultSteps, s.guidance ?? unet.config.defaultGuidance, eta)
        }
        if gan != nil { return s.truncation.map { String(format: "truncation %g", $0) } ?? "no truncation" }
        return s.truncation.map { String(format: "latent spread %g", $0) } ?? "latent spread 1 (0.5 around a class mean)"
    }

    /// A class given as a number or a name (case-insensitive; a unique prefix will do).
    func label(_ text: String?) throws -> Int? {
        guard let text else { return nil }
        if let index = info.classIndex(text) { return index }
        let matches = info.classNames.indices.filter { info.classNames[$0].lowercased().hasPrefix(text.lowercased()) }
        guard matches.count == 1 else {
            throw UsageError("--class: '\(text)' is not one of \(info.classNames.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", "))")
        }
        return matches[0]
    }

    /// One image per label (nil: unconditional where the model allows it) as grey levels in
    /// 0...1, image after image. `progress` gets the number of images done so far.
    func generate(_ labels: [Int?], _ s: GenerationSettings, progress: (Int) -> Void = { _ in }) throws -> [Float] {
        let pixels = info.pixelCount
        var out = [Float](repeating: 0, count: labels.count * pixels)
        var done = 0
        try forEachBatch(labels, s) { indices, images in
            for (j, i) in indices.enumerated() { out[i * pixels ..< (i + 1) * pixels] = images[j * pixels ..< (j + 1) * pixels] }
            done += indices.count
            progress(done)
        }
        return out
    }

    /// The images of `generate`, a batch at a time as they are made: `body` gets the indices
    /// into `labels` and their images (grey levels, image after image), so that a caller
    /// writing files holds one batch, not all of them.
    func forEachBatch(_ labels: [Int?], _ s: GenerationSettings, _ body: (_ indices: [Int], _ images: [Float]) throws -> Void) throws {
        let pixels = info.pixelCount
        // Batches of one label each, in order of first appearance; seeds differ per batch.
        var batches: [(label: Int?, indices: [Int])] = []
        for label in Set(labels.map { $0 ?? -1 }).sorted() {
            let members = labels.indices.filter { (labels[$0] ?? -1) == label }
            for start in stride(from: 0, to: members.count, by: s.batch) {
                batches.append((label == -1 ? nil : label, Array(members[start ..< min(start + s.batch, members.count)])))
            }
        }
        for (b, batch) in batches.enumerated() {
            let seed = s.seed &+ UInt64(b) &* 1_000_003
            let images = try generate(count: batch.indices.count, label: batch.label, seed: seed, s)
            try body(batch.indices, images.prefix(batch.indices.count * pixels).map(info.unitValue))
        }
    }

    /// `count` images of one label in the model's pixel range.
    private func generate(count: Int, label: Int?, seed: UInt64, _ s: GenerationSettings) throws -> [Float] {
        if let unet {
            let method: SamplerMethod = kind == .ddpm ? .ddpm : kind == .ddim ? .ddim : .dpmSolver
            let settings = DenoiseStream.Settings(method: method, steps: s.steps ?? unet.config.defaultSteps, eta: s.eta,
                                                  guidance: s.guidance ?? unet.config.defaultGuidance, label: label,
                                                  seed: seed, count: count)
            evaluations += settings.steps
            return try DenoiseStream(model: unet, settings: settings).finish()
        }
        if let gan {
            evaluations += 1
            // A conditional GAN has no unconditional mode: unlabelled images cycle through the classes.
            let classes = (0 ..< count).map { label ?? $0 % gan.classCount }
            return try gan.generate(gan.latents(count: count, seed: seed, truncation: s.truncation), classes: classes)
        }
        let vae = vae!
        evaluations += 1
        // From the prior N(0, I), or around a class's mean latent (spread 0.5 unless --truncation).
        let spread = s.truncation ?? (label == nil ? 1 : 0.5)
        let noise = LatentSpace.normal(count * vae.latentDimension, seed: seed)
        let z = noise.enumerated().map { i, n in
            (label.map { vae.classMean($0)[i % vae.latentDimension] } ?? 0) + spread * n
        }
        return vae.decode(z)
    }
}
