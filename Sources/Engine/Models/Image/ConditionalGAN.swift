/// The class-conditional GAN of `cgan` checkpoints (Checkpoints/README.md, "Conditional GAN"):
/// a generator (`g.*`: linear from latent + class embedding, then nearest ×2 + conv3×3 stages
/// with class-conditional GroupNorm) and the projection discriminator it was trained against
/// (`d.*`, spectral norm baked in). Not for concurrent use.
public final class ConditionalGAN {
    public let info: ImageModelInfo
    public let latentDimension: Int
    public let classCount: Int
    let classEmbed: Embedding
    let fc: Linear
    /// Stage i: conditional norm i, then (for i ≥ 1) conv i after a ×2 upsample.
    let norms: [ConditionalGroupNorm]
    let convs: [Conv2D]
    let outConv: Conv2D
    let generatorSize: Int
    let discriminatorConvs: [Conv2D]
    let discriminatorFC: Linear
    let discriminatorEmbed: Embedding
    let slope: Float
    let run: ImageExecution
    private var generatorWorkspace: GeneratorWorkspace?
    private var discriminatorWorkspace: DiscriminatorWorkspace?

    public init(file: GGUFFile, threads: Int = 2) throws {
        typealias K = GGUFKey.GAN
        info = try ImageModelInfo(file, expecting: K.architecture)
        latentDimension = try file.requireInt(K.latentDimension)
        classCount = try file.requireInt(K.classCount)
        let classDimension = try file.requireInt(K.classDimension)
        let gc = try file.requireIntArray(K.generatorChannels), dc = try file.requireIntArray(K.discriminatorChannels)
        let groups = try file.requireInt(K.groups), epsilon = try file.float(K.groupNormEpsilon) ?? 1e-5
        slope = try file.float(K.leakyReLUSlope) ?? 0.2
        let g = TensorReader(file, prefix: "g."), d = TensorReader(file, prefix: "d.")
        // The generator doubles its map before each conv, so it starts at size / 2^(stages − 1).
        let stages = gc.count - 1
        generatorSize = info.size >> stages
        guard stages >= 0, generatorSize << stages == info.size else {
            throw ModelError.badHyperparameter(key: K.generatorChannels, value: "\(gc) for \(info.size)-pixel images")
        }
        let classes = classCount, start = generatorSize
        classEmbed = try Embedding(g, "class_embed", rows: classes, dimension: classDimension)
        fc = try Linear(g, "fc", in: latentDimension + classDimension, out: gc[0] * start * start)
        norms = try gc.indices.map {
            try ConditionalGroupNorm(g, "norm\($0)", channels: gc[$0], classes: classes, groups: groups, epsilon: epsilon)
        }
        convs = try (0 ..< stages).map { try .same3x3(g, "conv\($0 + 1)", in: gc[$0], out: gc[$0 + 1]) }
        outConv = try .same3x3(g, "conv_out", in: gc.last!, out: info.channels)
        var cin = info.channels
        discriminatorConvs = try dc.enumerated().map { i, c in
            defer { cin = c }
            // conv1 keeps the size; every later conv halves it.
            return i == 0 ? try .same3x3(d, "conv1", in: cin, out: c) : try .down3x3(d, "conv\(i + 1)", in: cin, out: c)
        }
        discriminatorFC = try Linear(d, "fc", in: dc.last!, out: 1)
        discriminatorEmbed = try Embedding(d, "class_embed", rows: classes, dimension: dc.last!)
        let all = convs + [outConv] + discriminatorConvs
        run = ImageExecution(threads: threads, scratchFloats: all.map(\.scratchFloats).max() ?? 0)
    }

    /// Images in [−1, 1] (NCHW) for latent vectors z (count × latent) and classes; `probe`
    /// sees `fc` (before the reshape), `norm<i>` (before silu) and `conv<i>`.
    public func generate(_ z: [Float], classes: [Int], probe: ((String, FeatureMap) -> Void)? = nil) throws -> [Float] {
        let count = classes.count
        guard z.count == count * latentDimension else {
            throw ImageModelError.batchMismatch("\(z.count / latentDimension) latents, \(count) classes")
        }
        if let bad = classes.first(where: { !(0 ..< classCount).contains($0) }) {
            throw ImageModelError.classOutOfRange(bad, classCount: classCount)
        }
        if generatorWorkspace?.batch != count { generatorWorkspace = GeneratorWorkspace(self, batch: count) }
        let w = generatorWorkspace!
        // (B, latent + class) · fcᵀ -> (B, C0·s·s), reshaped to (C0, B, s, s)
        let width = fc.inFeatures
        for b in 0 ..< count {
            (w.input + b * width).update(from: z.withUnsafeBufferPointer { $0.baseAddress! + b * latentDimension }, count: latentDimension)
            classEmbed.copyRow(classes[b], into: w.input + b * width + latentDimension)
        }
        fc(w.input, rows: count, into: w.flat, run)
        probe?("fc", FeatureMap(w.flat, channels: 1, batch: count, height: 1, width: fc.outFeatures))
        w.maps[0].unflatten(from: w.flat)
        for (i, norm) in norms.enumerated() {
            if i > 0 {
                upsampleNearest2x(w.maps[i - 1], into: w.upsampled[i - 1])
                convs[i - 1](w.upsampled[i - 1], into: w.maps[i], run) // (C, 2s, 2s) ⊛ (C', C, 3, 3) -> (C', 2s, 2s)
                probe?("conv\(i)", w.maps[i])
            }
            norm(w.maps[i], classes: classes)
            probe?("norm\(i)", w.maps[i])
            Activation.silu.apply(w.maps[i])
        }
        outConv(w.maps[w.maps.count - 1], into: w.output, run)
        Activation.tanh.apply(w.output)
        var images = [Float](repeating: 0, count: count * info.pixelCount)
        images.withUnsafeMutableBufferPointer { w.output.store(nchw: $0.baseAddress!) }
        return images
    }

    /// D's score for images in [−1, 1] with their classes (higher = more real).
    public func discriminate(_ images: [Float], classes: [Int]) throws -> [Float] {
        let count = classes.count
        guard images.count == count * info.pixelCount else {
            throw ImageModelError.batchMismatch("\(images.count / info.pixelCount) images, \(count) classes")
        }
        if let bad = classes.first(where: { !(0 ..< classCount).contains($0) }) {
            throw ImageModelError.classOutOfRange(bad, classCount: classCount)
        }
        if discriminatorWorkspace?.batch != count { discriminatorWorkspace = DiscriminatorWorkspace(self, batch: count) }
        let w = discriminatorWorkspace!
        images.withUnsafeBufferPointer { w.input.load(nchw: $0.baseAddress!) }
        var h = w.input
        for (conv, out) in zip(discriminatorConvs, w.maps) {
            conv(h, into: out, run)
            Activation.leakyReLU(slope: slope).apply(out)
            h = out
        }
        // f[b, c] = Σ over positions of h[c, b];  score = fc(f) + Σ_c embed[y][c]·f[c]
        let hw = h.height * h.width, channels = h.channels
        for b in 0 ..< count {
            for c in 0 ..< channels {
                let row = h.data + (c * count + b) * hw
                var sum: Float = 0
                for i in 0 ..< hw { sum += row[i] }
                w.pooled[b * channels + c] = sum
            }
        }
        discriminatorFC(w.pooled, rows: count, into: w.score, run)
        return (0 ..< count).map { b in
            let projection = zip(discriminatorEmbed.row(classes[b]), 0 ..< channels).reduce(Float(0)) { $0 + $1.0 * w.pooled[b * channels + $1.1] }
            return w.score[b] + projection
        }
    }

    /// Latent vectors for `count` samples: N(0, I), or with |z_i| ≤ `truncation` (resampled).
    public func latents(count: Int, seed: UInt64, truncation: Float? = nil) -> [Float] {
        LatentSpace.normal(count * latentDimension, seed: seed, truncation: truncation)
    }
}

/// GroupNorm without its own affine, then h·(1 + γ[y]) + β[y] per class and channel (the
/// generator's class-conditional norm; `<name>.gamma.weight`, `<name>.beta.weight` (classes, C)).
struct ConditionalGroupNorm {
    let norm: GroupNorm
    let gamma, beta: [Float]
    let channels: Int

    init(_ t: TensorReader, _ name: String, channels: Int, classes: Int, groups: Int, epsilon: Float) throws {
        norm = try GroupNorm(channels: channels, groups: groups, epsilon: epsilon)
        gamma = try t.floats(name + ".gamma.weight", shape: [classes, channels])
        beta = try t.floats(name + ".beta.weight", shape: [classes, channels])
        self.channels = channels
    }

    /// In place: image b is normalised and scaled for class `classes[b]`.
    func callAsFunction(_ x: FeatureMap, classes: [Int]) {
        norm.normalize(x, into: x, activation: .identity) { b, c in
            (1 + gamma[classes[b] * channels + c], beta[classes[b] * channels + c])
        }
    }
}
