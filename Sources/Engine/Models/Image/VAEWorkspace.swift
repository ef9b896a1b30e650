/// The encoder's activations at one batch size.
final class EncoderWorkspace {
    let batch: Int
    let input: FeatureMap
    let maps: [FeatureMap]
    let flat, hidden, mu, logvar: UnsafeMutablePointer<Float>
    private let arena = ActivationArena()

    init(_ m: VAE, batch: Int) {
        self.batch = batch
        let arena = self.arena
        input = arena.map(channels: m.info.channels, batch: batch, height: m.info.size, width: m.info.size)
        maps = zip(m.encoderConvs, m.encoderSizes.dropFirst()).map { arena.map(channels: $0.outChannels, batch: batch, height: $1, width: $1) }
        flat = arena.floats(batch * m.encoderFC.inFeatures)
        hidden = arena.floats(batch * m.encoderFC.outFeatures)
        mu = arena.floats(batch * m.latentDimension)
        logvar = arena.floats(batch * m.latentDimension)
    }
}

/// The decoder's activations at one batch size.
final class DecoderWorkspace {
    let batch: Int
    let hidden, flat: UnsafeMutablePointer<Float>
    let first, output: FeatureMap
    /// Stage i: its input enlarged ×2, and its output.
    let upsampled, maps: [FeatureMap]
    private let arena = ActivationArena()

    init(_ m: VAE, batch: Int) {
        self.batch = batch
        let arena = self.arena
        hidden = arena.floats(batch * m.decoderFC1.outFeatures)
        flat = arena.floats(batch * m.decoderFC2.outFeatures)
        let s = m.decoderSize
        first = arena.map(channels: m.decoderFC2.outFeatures / (s * s), batch: batch, height: s, width: s)
        upsampled = m.decoderConvs.enumerated().map { i, conv in
            arena.map(channels: conv.inChannels, batch: batch, height: s << (i + 1), width: s << (i + 1))
        }
        maps = m.decoderConvs.enumerated().map { i, conv in
            arena.map(channels: conv.outChannels, batch: batch, height: s << (i + 1), width: s << (i + 1))
        }
        output = arena.map(channels: m.info.channels, batch: batch, height: m.info.size, width: m.info.size)
    }
}
