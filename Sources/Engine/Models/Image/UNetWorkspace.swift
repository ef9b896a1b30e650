/// Every activation of one UNet forward pass at one batch size, allocated once.
/// Per level l (size s_l): `p`, `q` hold the running h, `wide` / `narrow` are block
/// temporaries, and `concat[l][j]` is the input of up block j: its upper half is filled by the
/// down path (the skip), its lower half by whatever runs just before the up block.
final class UNetWorkspace {
    let batch: Int
    let sinusoidal, hidden, embedding, projected: UnsafeMutablePointer<Float>
    let input, output: FeatureMap
    let p, q, wide, narrow: [FeatureMap]
    /// Input of level l's upsample convolution: h of level l + 1 enlarged ×2 (index l).
    let upsampled: [FeatureMap]
    let concat: [[FeatureMap]]
    private let arena = ActivationArena()

    init(config c: UNetConfig, sizes: [Int], batch: Int) {
        self.batch = batch
        let arena = self.arena
        func map(_ channels: Int, _ level: Int) -> FeatureMap {
            arena.map(channels: channels, batch: batch, height: sizes[level], width: sizes[level])
        }
        let levels = c.channels.indices, ch = c.channels, last = ch.count - 1
        sinusoidal = arena.floats(batch * c.sinusoidalDimension)
        hidden = arena.floats(batch * c.embeddingDimension)
        embedding = arena.floats(batch * c.embeddingDimension)
        projected = arena.floats(batch * (ch.max() ?? 0))
        input = map(c.image.channels, 0)
        output = map(c.image.channels, 0)
        // p also receives the downsampled h of the level above (C[l−1] channels).
        p = levels.map { map(max(ch[$0], $0 > 0 ? ch[$0 - 1] : 0), $0) }
        q = levels.map { map(ch[$0], $0) }
        wide = levels.map { map(2 * ch[$0], $0) }
        // narrow holds the attention's q, k, v (3C) where there is attention (the middle always has).
        narrow = levels.map { map(c.attentionLevels.contains($0) || $0 == last ? 3 * ch[$0] : ch[$0], $0) }
        upsampled = levels.dropLast().map { map(ch[$0 + 1], $0) }
        concat = levels.map { l in (0 ..< c.resBlocks).map { _ in map(2 * ch[l], l) } }
    }
}
