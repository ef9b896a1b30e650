/// The generator's activations at one batch size.
final class GeneratorWorkspace {
    let batch: Int
    let input, flat: UnsafeMutablePointer<Float>
    /// Stage i's output (maps[0] is the reshaped linear output), and stage i + 1's input ×2.
    let maps, upsampled: [FeatureMap]
    let output: FeatureMap
    private let arena = ActivationArena()

    init(_ m: ConditionalGAN, batch: Int) {
        self.batch = batch
        let arena = self.arena, s = m.generatorSize
        input = arena.floats(batch * m.fc.inFeatures)
        flat = arena.floats(batch * m.fc.outFeatures)
        maps = m.norms.enumerated().map { i, norm in
            arena.map(channels: norm.channels, batch: batch, height: s << i, width: s << i)
        }
        upsampled = m.convs.enumerated().map { i, conv in
            arena.map(channels: conv.inChannels, batch: batch, height: s << (i + 1), width: s << (i + 1))
        }
        output = arena.map(channels: m.info.channels, batch: batch, height: m.info.size, width: m.info.size)
    }
}

/// The discriminator's activations at one batch size.
final class DiscriminatorWorkspace {
    let batch: Int
    let input: FeatureMap
    let maps: [FeatureMap]
    let pooled, score: UnsafeMutablePointer<Float>
    private let arena = ActivationArena()

    init(_ m: ConditionalGAN, batch: Int) {
        self.batch = batch
        let arena = self.arena
        input = arena.map(channels: m.info.channels, batch: batch, height: m.info.size, width: m.info.size)
        var size = m.info.size
        maps = m.discriminatorConvs.map { conv in
            size = conv.outputSize(height: size, width: size).height
            return arena.map(channels: conv.outChannels, batch: batch, height: size, width: size)
        }
        pooled = arena.floats(batch * (m.discriminatorConvs.last?.outChannels ?? 0))
        score = arena.floats(batch)
    }
}
