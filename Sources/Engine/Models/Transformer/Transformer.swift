import CKernels

/// A decoder-only transformer over a KV cache: token embedding, the architecture's blocks in
/// order, final norm and output projection. The architecture file says what a block is; the
/// operations it is written in (norms, attention over the cache, feed-forward, residuals) live
/// here and in TransformerOps.swift, with llama.cpp's CPU arithmetic step by step so greedy
/// decoding produces the same tokens.
public final class Transformer: LanguageModel {
    public let config: TransformerConfig
    public let contextLength: Int
    public var vocabularySize: Int { config.vocabularySize }
    public var trainedContextLength: Int { config.trainedContext }

    /// The weights stay in its memory map.
    private let file: GGUFFile
    let architecture: any DecoderArchitecture
    let pool: WorkerPool
    let cache: KVCache
    let state: TransformerRunState
    /// The distinct ropes of the layers (one table each per pass) and each layer's.
    let ropes: [Rope]
    let ropeOfLayer: [Int]
    /// Per layer: q/k/v from the attention input, gate/up from the feed-forward input.
    let attentionInputs: [MatmulPlan]
    let feedForwardInputs: [MatmulPlan]

    /// The pass in progress: its first position, its token count, and how many of its rows are
    /// still computed (all, until the last layer's attention keeps only the last).
    private(set) var position = 0
    private(set) var batch = 0
    var rows = 0

    init(file: GGUFFile, architecture type: any DecoderArchitecture.Type, options: ModelOptions) throws {
        self.file = file
        let tensors = ModelTensors(file)
        let hyperparameters = try TransformerConfig(file: file, architecture: type.name)
        contextLength = max(1, min(options.contextLength, hyperparameters.trainedContext))
        let architecture = try type.init(tensors, config: hyperparameters, context: contextLength)
        let c = architecture.config
        guard architecture.attention.count == c.layers, architecture.feedForward.count == c.layers else {
            preconditionFailure("\(type.name) describes \(architecture.attention.count) blocks of \(c.layers)")
        }
        self.architecture = architecture
        config = c
        pool = WorkerPool(threads: options.threads)
        tensors.pack(pool: pool)
        cache = KVCache(layers: c.layers, capacity: contextLength, rowLength: c.kvDim)
        var ropes: [Rope] = []
        ropeOfLayer = architecture.attention.map { layer in
            if let i = ropes.firstIndex(of: layer.settings.rope) { return i }
            ropes.append(layer.settings.rope)
            return ropes.count - 1
        }
        self.ropes = ropes
        let matrices = architecture.attention.flatMap { [$0.query, $0.key, $0.value, $0.output] }
            + architecture.feedForward.flatMap { [$0.gate, $0.up, $0.down] } + [architecture.head.output]
        let batch = max(1, min(options.batchSize, contextLength))
        // A plan converts its input once per distinct activation format: at most three (q/k/v).
        let state = TransformerRunState(config: c, batch: batch, ropes: ropes.count,
                                        activationBytes: 3 * (matrices.map(\.activationRowBytes).max() ?? 0),
                                        threads: pool.threadCount)
        self.state = state
        attentionInputs = architecture.attention.map {
            MatmulPlan([($0.query, state.q), ($0.key, state.k), ($0.value, state.v)], batch: batch)
        }
        feedForwardInputs = architecture.feedForward.map { MatmulPlan([($0.gate, state.gate), ($0.up, state.up)], batch: batch) }
    }

    public func evaluate(_ tokens: [Int32], at position: Int) throws -> UnsafeBufferPointer<Float> {
        guard !tokens.isEmpty else { throw InferenceError.emptyInput }
        guard position >= 0, position + tokens.count <= contextLength else {
            throw InferenceError.contextFull(needed: position + tokens.count, capacity: contextLength)
        }
        if let bad = tokens.first(where: { $0 < 0 || Int($0) >= config.vocabularySize }) {
            throw InferenceError.tokenOutOfRange(bad, vocabularySize: config.vocabularySize)
        }
        var start = 0
        while start < tokens.count {
            let count = min(state.batch, tokens.count - start)
            tokens.withUnsafeBufferPointer { forward(UnsafeBufferPointer(rebasing: $0[start ..< start + count]), at: position + start) }
            start += count
        }
        return UnsafeBufferPointer(start: state.logits, count: config.vocabularySize)
    }

    /// One pass over up to `batch` tokens; leaves the last token's logits in `state.logits`.
    private func forward(_ tokens: UnsafeBufferPointer<Int32>, at position: Int) {
        let c = config, s = state, head = architecture.head
        self.position = position
        batch = tokens.count
        rows = tokens.count
        for (i, token) in tokens.enumerated() { head.embedding.dequantizeRow(Int(token), into: s.x + i * c.dim) }
        if let scale = architecture.embeddingScale {
            for i in 0 ..< rows * c.dim { s.x[i] *= scale }
        }
        for (r, rope) in ropes.enumerated() {
            let table = s.ropeTables[r]
            eachRow(rows) { i in rope.fillTable(position: position + i, into: table + i * c.ropeDimensions) }
        }
        for l in 0 ..< c.layers { architecture.block(l, self) }

        // logits = norm(x_last)·Woutᵀ  (dim → vocab)
        rmsNorm(s.x + (rows - 1) * c.dim, weight: head.norm.pointer, into: s.xb, count: c.dim, epsilon: c.rmsEpsilon)
        head.output.multiply(s.xb, count: 1, into: s.logits, scratch: s.activations, pool: pool)
        if let bias = head.bias { for j in 0 ..< c.vocabularySize { s.logits[j] += bias.values[j] } }
    }

    /// Runs `body(row)` for each of `n` token rows, on the pool when there are enough of them.
    func eachRow(_ n: Int, _ body: (Int) -> Void) {
        if n < 8 {
            for i in 0 ..< n { body(i) }
        } else {
            pool.parallelFor(n) { range, _ in for i in range { body(i) } }
        }
    }
}
