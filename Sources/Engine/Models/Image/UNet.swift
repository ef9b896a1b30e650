/// The class-conditional ε-prediction UNet of `ddpm-unet` checkpoints (Checkpoints/README.md,
/// "DDPM"): sinusoidal time + class embedding, residual blocks at each level, self-attention
/// where the metadata asks, strided-conv downsampling and nearest ×2 + conv upsampling, and
/// concatenated skips. Not for concurrent use: one forward at a time.
public final class UNet {
    public let config: UNetConfig
    let timeEmbed0, timeEmbed2: Linear
    let classEmbed: Embedding
    let convIn: Conv2D
    let down, up: [[ResBlock]]
    let downAttention, upAttention: [[SpatialAttention]]
    let downsample, upsample: [Conv2D]
    let mid0, mid1: ResBlock
    let midAttention: SpatialAttention
    let outNorm: GroupNorm
    let outConv: Conv2D
    /// Image size at each level.
    let sizes: [Int]
    let run: ImageExecution
    private var workspace: UNetWorkspace?

    public init(file: GGUFFile, threads: Int = 2) throws {
        let c = try UNetConfig(file: file)
        config = c
        let t = TensorReader(file), ch = c.channels, e = c.embeddingDimension
        timeEmbed0 = try Linear(t, "time_embed.0", in: c.sinusoidalDimension, out: e)
        timeEmbed2 = try Linear(t, "time_embed.2", in: e, out: e)
        classEmbed = try Embedding(t, "class_embed", rows: c.classCount + 1, dimension: e)
        convIn = try .same3x3(t, "conv_in", in: c.image.channels, out: ch[0])
        func attention(_ name: String, _ channels: Int) throws -> SpatialAttention {
            try SpatialAttention(t, name, channels: channels, groups: c.groups, epsilon: c.epsilon)
        }
        var down: [[ResBlock]] = [], up: [[ResBlock]] = [], downAttention: [[SpatialAttention]] = []
        var upAttention: [[SpatialAttention]] = [], downsample: [Conv2D] = [], upsample: [Conv2D] = []
        var cin = ch[0], sizes = [c.image.size]
        for l in ch.indices {
            let attends = c.attentionLevels.contains(l)
            down.append(try (0 ..< c.resBlocks).map { j in
                try ResBlock(t, "down.\(l).res.\(j)", in: j == 0 ? cin : ch[l], out: ch[l], config: c)
            })
            downAttention.append(attends ? try (0 ..< c.resBlocks).map { try attention("down.\(l).attn.\($0)", ch[l]) } : [])
            up.append(try (0 ..< c.resBlocks).map { try ResBlock(t, "up.\(l).res.\($0)", in: 2 * ch[l], out: ch[l], config: c) })
            upAttention.append(attends ? try (0 ..< c.resBlocks).map { try attention("up.\(l).attn.\($0)", ch[l]) } : [])
            cin = ch[l]
            if l < ch.count - 1 {
                let conv = try Conv2D.down3x3(t, "downsample.\(l)", in: ch[l], out: ch[l])
                downsample.append(conv)
                sizes.append(conv.outputSize(height: sizes[l], width: sizes[l]).height)
            }
            if l > 0 { upsample.append(try .same3x3(t, "upsample.\(l - 1)", in: ch[l], out: ch[l - 1])) }
        }
        for l in 1 ..< sizes.count where sizes[l] * 2 != sizes[l - 1] {
            throw ModelError.badHyperparameter(key: GGUFKey.Image.size, value: "\(c.image.size): level \(l) does not upsample back to \(sizes[l - 1])")
        }
        (self.down, self.up, self.downAttention, self.upAttention) = (down, up, downAttention, upAttention)
        (self.downsample, self.upsample, self.sizes) = (downsample, upsample, sizes)
        let top = ch[ch.count - 1]
        mid0 = try ResBlock(t, "mid.res.0", in: top, out: top, config: c)
        midAttention = try attention("mid_attn", top)
        mid1 = try ResBlock(t, "mid.res.1", in: top, out: top, config: c)
        outNorm = try GroupNorm(t, "out_norm", channels: ch[0], groups: c.groups, epsilon: c.epsilon)
        outConv = try .same3x3(t, "out_conv", in: ch[0], out: c.image.channels)

        let convs = [convIn, outConv] + downsample + upsample + (down + up + [[mid0, mid1]]).joined().flatMap(\.convolutions)
            + (downAttention + upAttention + [[midAttention]]).joined().flatMap { [$0.qkv, $0.proj] }
        let attentionScratch = sizes.map { SpatialAttention.scratchFloats(positions: $0 * $0) }.max() ?? 0
        run = ImageExecution(threads: threads, scratchFloats: max(convs.map(\.scratchFloats).max() ?? 0, attentionScratch))
    }

    /// ε(x, t, y) for a batch: `x` and `eps` hold `timesteps.count` images of (C, size, size)
    /// (NCHW); `classes[i]` is 0..<classCount or `nullClass` (unconditional). `probe` sees named
    /// intermediate activations (the tensor-name prefixes of the checkpoint).
    public func predictNoise(_ x: UnsafePointer<Float>, timesteps: [Int], classes: [Int],
                             into eps: UnsafeMutablePointer<Float>, probe: ((String, FeatureMap) -> Void)? = nil) throws {
        let batch = timesteps.count, c = config
        guard classes.count == batch else { throw ImageModelError.batchMismatch("\(batch) timesteps, \(classes.count) classes") }
        if let bad = timesteps.first(where: { !(0 ..< c.trainTimesteps).contains($0) }) {
            throw ImageModelError.timestepOutOfRange(bad, count: c.trainTimesteps)
        }
        if let bad = classes.first(where: { !(0 ... c.classCount).contains($0) }) {
            throw ImageModelError.classOutOfRange(bad, classCount: c.classCount + 1)
        }
        if workspace?.batch != batch { workspace = UNetWorkspace(config: c, sizes: sizes, batch: batch) }
        let w = workspace!
        w.input.load(nchw: x)
        forward(w, timesteps: timesteps, classes: classes, probe: probe)
        w.output.store(nchw: eps)
    }

    /// Array convenience: x (B, C, size, size) → ε of the same shape.
    public func predictNoise(_ x: [Float], timesteps: [Int], classes: [Int]) throws -> [Float] {
        var eps = [Float](repeating: 0, count: x.count)
        precondition(x.count == timesteps.count * config.image.pixelCount)
        try x.withUnsafeBufferPointer { xb in
            try eps.withUnsafeMutableBufferPointer { try predictNoise(xb.baseAddress!, timesteps: timesteps, classes: classes, into: $0.baseAddress!, probe: nil) }
        }
        return eps
    }
}
