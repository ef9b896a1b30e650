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

    /// The pass in progress: its first position, its token count, the first of its rows whose
    /// logits are wanted, and how many of its rows are still computed (all, until the last
    /// layer's attention keeps those from `outputsFrom` on).
    private(set) var position = 0
    private(set) var batch = 0
    private(set) var outputsFrom = 0
    var rows = 0

    init(file: GGUFFile, architecture type: any DecoderArchitecture.Type, options: ModelOptions) throws {
        self.file = file
        let tensors = ModelTensors(file)
        let hyperparameters = try TransformerConfig(file: file, architecture: type.name)
        contextLength = Self.contextLength(options, hyperparameters)
        let architecture = try type.init(tensors, config: hyperparameters, context: contextLength)
        let c = architecture.config
        guard architecture.attention.count == c.layers, architecture.feedForward.count == c.layers else {
            preconditionFailure("\(type.name) describes \(architecture.attention.count) blocks of \(c.layers)")
        }
        self.architecture = architecture
        config = c
        pool = WorkerPool(threads: options.threads)
        try tensors.pack(pool: pool)
        cache = try KVCache(layers: c.layers, capacity: contextLength, rowLength: c.kvDim, for: file.path)
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

    private static func contextLength(_ options: ModelOptions, _ config: TransformerConfig) -> Int {
        max(1, min(options.contextLength, config.trainedContext))
    }

    /// Roughly what `init` allocates, known before it runs: a repacked copy of the weights
    /// (about their size in the file), the KV cache, and headroom for the rest.
    static func memoryNeeded(file: GGUFFile, architecture: String, options: ModelOptions) throws -> Int {
        let c = try TransformerConfig(file: file, architecture: architecture)
        return file.tensors.reduce(0) { $0 + $1.byteCount } + ModelMemory.headroom
            + KVCache.byteCount(layers: c.layers, capacity: contextLength(options, c), rowLength: c.kvDim)
    }

    public func evaluate(_ tokens: [Int32], at position: Int) throws -> UnsafeBufferPointer<Float> {
        try passes(tokens, at: position) { start, count in
            tokens.withUnsafeBufferPointer { all in
                forward(UnsafeBufferPointer(rebasing: all[start ..< start + count]), at: position + start, outputsFrom: count - 1) { _, _ in }
            }
        }
        return UnsafeBufferPointer(start: state.logits, count: config.vocabularySize)
    }

    public func evaluate(_ tokens: [Int32], at position: Int, logitsFrom first: Int,
                         _ body: (Int, UnsafeBufferPointer<Float>) -> Void) throws {
        try passes(tokens, at: position) { start, count in
            let from = min(max(0, first - start), count - 1)
            tokens.withUnsafeBufferPointer { all in
                forward(UnsafeBufferPointer(rebasing: all[start ..< start + count]), at: position + start, outputsFrom: from) { row, logits in
                    if start + from + row >= first { body(start + from + row, logits) }
                }
            }
        }
    }

    /// Checks `tokens` and runs `pass(start, count)` over them in batches of at most `batch`.
    private func passes(_ tokens: [Int32], at position: Int, _ pass: (Int, Int) -> Void) throws {
        guard !tokens.isEmpty else { throw InferenceError.emptyInput }
        guard position >= 0, position + tokens.count <= contextLength else {
            throw InferenceError.contextFull(needed: position + tokens.count, capacity: contextLength)
        }
        if let bad = tokens.first(where: { $0 < 0 || Int($0) >= config.vocabularySize }) {
            throw InferenceError.tokenOutOfRange(bad, vocabularySize: config.vocabularySize)
        }
        for start in stride(from: 0, to: tokens.count, by: state.batch) { pass(start, min(state.batch, tokens.count - start)) }
    }

    /// Logit rows the output head computes at once when several are wanted.
    private static let headRows = 8

    /// One pass over up to `batch` tokens: the logits of rows `outputsFrom...` go to
    /// `body(row - outputsFrom, logits)` in order; the last row's stay in `state.logits`.
    private func forward(_ tokens: UnsafeBufferPointer<Int32>, at position: Int, outputsFrom: Int,
                         _ body: (Int, UnsafeBufferPointer<Float>) -> Void) {
        let c = config, s = state, head = architecture.head
        self.position = position
        batch = tokens.count
        rows = tokens.count
        self.outputsFrom = outputsFrom
        for (i, token) in tokens.enumerated() { head.embedding.dequantizeRow(Int(token), into: s.x + i * c.dim) }
        if let scale = architecture.embeddingScale {
            for i in 0 ..< rows * c.dim { s.x[i] *= scale }
        }
        for (r, rope) in ropes.enumerated() {
            let table = s.ropeTables[r]
            eachRow(rows) { i in rope.fillTable(position: position + i, into: table + i * c.ropeDimensions) }
        }
        for l in 0 ..< c.layers { architecture.block(l, self) }

        // logits = norm(x)·Woutᵀ  (rows × dim → rows × vocab), as one matmul of `rows` rows in
        // llama.cpp, here a few rows at a time.
        let kept = rows, v = c.vocabularySize
        norm(head.norm, s.x, into: s.xb)
        let out = kept == 1 ? s.logits : UnsafeMutablePointer<Float>.allocate(capacity: Self.headRows * v)
        defer { if out != s.logits { out.deallocate() } }
        var lastFirst = 0
        for first in stride(from: 0, to: kept, by: Self.headRows) {
            let count = min(Self.headRows, kept - first)
            lastFirst = first
            head.output.multiply(s.xb + first * c.dim, count: count, into: out, scratch: s.activations, pool: pool,
                                 place: BatchPlace(batch: kept, first: first))
            for r in 0 ..< count {
                let logits = out + r * v
                if let bias = head.bias { for j in 0 ..< v { logits[j] += bias.values[j] } }
                body(first + r, UnsafeBufferPointer(start: logits, count: v))
            }
        }
        if out != s.logits { s.logits.update(from: out + (kept - 1 - lastFirst) * v, count: v) }
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
