import CKernels

/// Every activation buffer a forward pass needs, allocated once for the largest batch so that
/// evaluating tokens allocates nothing.
final class TransformerRunState {
    let batch: Int
    let x, xb, q, k, v, attention, gate, up, logits: UnsafeMutablePointer<Float>
    /// cos/sin tables, one per distinct rope of the model: `ropeDimensions` floats per row.
    let ropeTables: [UnsafeMutablePointer<Float>]
    /// Activations converted for the dot kernels (8-bit blocks or halves).
    let activations: UnsafeMutableRawPointer
    /// Per-thread attention scratch, `attentionScratchLength` floats each.
    let attentionScratch: UnsafeMutablePointer<Float>
    let attentionScratchLength: Int
    private var owned: [UnsafeMutablePointer<Float>] = []

    init(config c: TransformerConfig, batch: Int, ropes: Int, activationBytes: Int, threads: Int) {
        self.batch = batch
        var owned: [UnsafeMutablePointer<Float>] = []
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(1, count))
            p.initialize(repeating: 0, count: max(1, count))
            owned.append(p)
            return p
        }
        x = buffer(batch * c.dim)
        xb = buffer(batch * max(c.dim, c.qDim))
        q = buffer(batch * c.qDim)
        k = buffer(batch * c.kvDim)
        v = buffer(batch * c.kvDim)
        attention = buffer(batch * c.qDim)
        gate = buffer(batch * c.hiddenDim)
        up = buffer(batch * c.hiddenDim)
        logits = buffer(c.vocabularySize)
        ropeTables = (0 ..< ropes).map { _ in buffer(batch * c.ropeDimensions) }
        // Halves for the one-query kernel or floats for the tiled one, whichever is larger.
        attentionScratchLength = max(c.headDim, gp_attend_tiled_scratch(Int64(c.headDim), 64))
        attentionScratch = buffer(threads * attentionScratchLength)
        self.owned = owned
        activations = .allocate(byteCount: max(1, batch * max(activationBytes, c.hiddenDim * 4)), alignment: 64)
    }

    deinit {
        for p in owned { p.deallocate() }
        activations.deallocate()
    }
}
