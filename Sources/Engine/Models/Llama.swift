import CKernels

/// The llama architecture (Llama 2/3, SmolLM, ...): pre-norm blocks of grouped-query attention
/// with rotary positions and a SwiGLU feed-forward network. Arithmetic follows llama.cpp's CPU
/// backend step by step so greedy decoding produces the same tokens.
public final class Llama: LanguageModel {
    public let config: LlamaConfig
    public let contextLength: Int
    public var vocabularySize: Int { config.vocabularySize }
    public var trainedContextLength: Int { config.trainedContext }

    private let file: GGUFFile
    private let weights: LlamaWeights
    private let cache: KVCache
    private let pool: WorkerPool
    private let rope: Rope
    private let state: LlamaRunState
    /// Per layer: q/k/v from the attention input, gate/up from the feed-forward input.
    private let attentionInputs: [MatmulPlan]
    private let feedForwardInputs: [MatmulPlan]
    /// llama.cpp switches to tiled flash attention for batches of at least this many tokens.
    private static let tiledAttentionMinimum = 64

    public init(file: GGUFFile, options: ModelOptions) throws {
        self.file = file
        config = try LlamaConfig(file: file)
        pool = WorkerPool(threads: options.threads)
        weights = try LlamaWeights(file, config, pool: pool)
        contextLength = max(1, min(options.contextLength, config.trainedContext))
        cache = KVCache(layers: config.layers, capacity: contextLength, rowLength: config.kvDim)
        rope = Rope(dimensions: config.ropeDimensions, base: config.ropeBase)
        let matrices = weights.layers.flatMap(\.matrices) + [weights.output]
        let batch = max(1, min(options.batchSize, contextLength))
        // A plan converts its input once per distinct weight format: at most three (q/k/v).
        let state = LlamaRunState(config: config, batch: batch,
                                  activationBytes: 3 * (matrices.map(\.activationRowBytes).max() ?? 0),
                                  threads: pool.threadCount)
        self.state = state
        attentionInputs = weights.layers.map { MatmulPlan([($0.wq, state.q), ($0.wk, state.k), ($0.wv, state.v)], batch: batch) }
        feedForwardInputs = weights.layers.map { MatmulPlan([($0.gate, state.gate), ($0.up, state.up)], batch: batch) }
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
        let c = config, s = state, n = tokens.count
        for (i, token) in tokens.enumerated() { weights.tokenEmbedding.dequantizeRow(Int(token), into: s.x + i * c.dim) }
        for i in 0 ..< n { rope.fillTable(position: position + i, into: s.ropeTable + i * c.ropeDimensions) }

        for (l, layer) in weights.layers.enumerated() {
            // Attention: xb = norm(x); q,k,v = xb·Wqᵀ, xb·Wkᵀ, xb·Wvᵀ  (n×dim → n×qDim, n×kvDim)
            for i in 0 ..< n {
                rmsNorm(s.x + i * c.dim, weight: layer.attentionNorm.values.baseAddress!, into: s.xb + i * c.dim,
                        count: c.dim, epsilon: c.rmsEpsilon)
            }
            attentionInputs[l].run(s.xb, count: n, scratch: s.activations, pool: pool)
            for i in 0 ..< n {
                let table = s.ropeTable + i * c.ropeDimensions
                rope.apply(s.q + i * c.qDim, heads: c.heads, headDim: c.headDim, table: table)
                rope.apply(s.k + i * c.kvDim, heads: c.kvHeads, headDim: c.headDim, table: table)
            }
            let keys = cache.keys(layer: l), values = cache.values(layer: l)
            gp_f32_to_f16(s.k, keys + position * c.kvDim, Int64(n * c.kvDim))
            gp_f32_to_f16(s.v, values + position * c.kvDim, Int64(n * c.kvDim))
            attend(count: n, position: position, keys: keys, values: values)

            // x += attn·Woᵀ  (n×qDim → n×dim)
            layer.wo.multiply(s.attention, count: n, into: s.xb, scratch: s.activations, pool: pool)
            addInPlace(s.x, s.xb, n * c.dim)

            // Feed-forward: x += (silu(xb·Wgᵀ) * xb·Wuᵀ)·Wdᵀ  (n×dim → n×hidden → n×dim)
            for i in 0 ..< n {
                rmsNorm(s.x + i * c.dim, weight: layer.ffnNorm.values.baseAddress!, into: s.xb + i * c.dim,
                        count: c.dim, epsilon: c.rmsEpsilon)
            }
            feedForwardInputs[l].run(s.xb, count: n, scratch: s.activations, pool: pool)
            gp_swiglu(Int64(n * c.hiddenDim), s.gate, s.gate, s.up)
            layer.down.multiply(s.gate, count: n, into: s.xb, scratch: s.activations, pool: pool)
            addInPlace(s.x, s.xb, n * c.dim)
        }

        // logits = norm(x_last)·Woutᵀ  (dim → vocab)
        rmsNorm(s.x + (n - 1) * c.dim, weight: weights.outputNorm.values.baseAddress!, into: s.xb,
                count: c.dim, epsilon: c.rmsEpsilon)
        weights.output.multiply(s.xb, count: 1, into: s.logits, scratch: s.activations, pool: pool)
    }

    /// Causal attention of the n new queries over the cache, per head, into `state.attention`.
    private func attend(count n: Int, position: Int, keys: UnsafeMutablePointer<UInt16>, values: UnsafeMutablePointer<UInt16>) {
        let c = config, s = state
        let group = c.heads / c.kvHeads
        let scale = 1 / Float(c.headDim).squareRoot()
        let stride = Int64(c.kvDim), d = Int64(c.headDim)
        if n >= Self.tiledAttentionMinimum {
            let tile = 64, tiles = (n + tile - 1) / tile
            pool.parallelFor(c.heads * tiles) { range, thread in
                let scratch = s.attentionScratch + thread * s.attentionScratchLength
                for job in range {
                    let h = job / tiles, first = job % tiles * tile, rows = min(tile, n - first)
                    let kvOffset = h / group * c.headDim
                    gp_attend_tiled(d, s.q + first * c.qDim + h * c.headDim, Int64(c.qDim), Int64(rows),
                                    Int64(position + first), keys + kvOffset, values + kvOffset, stride, scale,
                                    s.attention + first * c.qDim + h * c.headDim, Int64(c.qDim), scratch)
                }
            }
        } else {
            pool.parallelFor(n * c.heads) { range, thread in
                let scratch = UnsafeMutableRawPointer(s.attentionScratch + thread * s.attentionScratchLength)
                    .assumingMemoryBound(to: UInt16.self)
                for job in range {
                    let i = job / c.heads, h = job % c.heads
                    let kvOffset = h / group * c.headDim
                    gp_attend_f16(d, s.q + i * c.qDim + h * c.headDim, keys + kvOffset, values + kvOffset, stride,
                                  Int64(position + i + 1), scale, s.attention + i * c.qDim + h * c.headDim, scratch)
                }
            }
        }
    }

    private func addInPlace(_ x: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, _ count: Int) {
        for i in 0 ..< count { x[i] += y[i] }
    }
}
