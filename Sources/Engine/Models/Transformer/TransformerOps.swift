import CKernels

/// The operations architectures write their blocks in. Each works on the rows of the pass
/// still computed (`rows`); `x` is the residual stream (rows × dim), `xb` a scratch of the same
/// shape.
extension Transformer {
    var x: UnsafeMutablePointer<Float> { state.x }
    var xb: UnsafeMutablePointer<Float> { state.xb }

    /// y = rmsnorm(row)·w for each row of `input` (rows of `weight.count` values); y may be the input.
    func norm(_ weight: WeightVector, _ input: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let width = weight.values.count, epsilon = config.rmsEpsilon
        eachRow(rows) { i in rmsNorm(input + i * width, weight: weight.pointer, into: y + i * width, count: width, epsilon: epsilon) }
    }

    /// x += y over the rows (the residual connection).
    func addResidual(_ y: UnsafePointer<Float>) {
        let s = state.x
        for i in 0 ..< rows * config.dim { s[i] += y[i] }
    }

    /// Self-attention of block `l` over the KV cache: q, k, v from `input` (with biases, head
    /// norms and rope as the block has them), this pass's keys and values stored at their
    /// positions, causal attention (within the block's window), then out = attn·Woᵀ
    /// (n×qDim → n×dim). After the last block's keys are stored only the rows whose logits are
    /// wanted continue (the last one, unless every position's are asked for): they move to
    /// row 0 on with their residuals and `rows` becomes their count.
    func selfAttention(_ l: Int, _ input: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let c = config, s = state, w = architecture.attention[l], settings = w.settings
        let n = rows, position = position, rope = ropes[ropeOfLayer[l]], table = s.ropeTables[ropeOfLayer[l]]
        attentionInputs[l].run(input, count: n, scratch: s.activations, pool: pool)
        let keys = cache.keys(layer: l), values = cache.values(layer: l)
        eachRow(n) { i in
            let q = s.q + i * c.qDim, k = s.k + i * c.kvDim, v = s.v + i * c.kvDim
            if let b = w.queryBias { add(b, to: q) }
            if let b = w.keyBias { add(b, to: k) }
            if let b = w.valueBias { add(b, to: v) }
            if let norm = w.queryNorm { normHeads(q, heads: c.heads, norm) }
            if let norm = w.keyNorm { normHeads(k, heads: c.kvHeads, norm) }
            rope.apply(q, heads: c.heads, headDim: c.headDim, table: table + i * c.ropeDimensions)
            rope.apply(k, heads: c.kvHeads, headDim: c.headDim, table: table + i * c.ropeDimensions)
            if let scale = settings.queryScale { for j in 0 ..< c.qDim { q[j] *= scale } }
            gp_f32_to_f16(k, keys + (position + i) * c.kvDim, Int64(c.kvDim))
            gp_f32_to_f16(v, values + (position + i) * c.kvDim, Int64(c.kvDim))
        }
        // llama.cpp projects every row and keeps the rows with outputs afterwards: their
        // arithmetic is the one of their place in the batch.
        var place = BatchPlace(batch: n)
        if l == c.layers - 1, outputsFrom > 0 {
            let kept = n - outputsFrom
            s.q.update(from: s.q + outputsFrom * c.qDim, count: kept * c.qDim)
            s.x.update(from: s.x + outputsFrom * c.dim, count: kept * c.dim)
            attend(queries: kept, firstPosition: position + outputsFrom, settings, keys: keys, values: values)
            rows = kept
            place = BatchPlace(batch: n, first: outputsFrom)
        } else {
            attend(queries: n, firstPosition: position, settings, keys: keys, values: values)
        }
        w.output.multiply(s.attention, count: rows, into: out, scratch: s.activations, pool: pool, place: place)
        if let b = w.outputBias { for i in 0 ..< rows { add(b, to: out + i * c.dim) } }
    }

    /// The feed-forward block `l` on `input`: out = down(act(input·Wgᵀ) * input·Wuᵀ).
    func feedForward(_ l: Int, _ input: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let s = state, w = architecture.feedForward[l], hidden = config.hiddenDim
        feedForwardInputs[l].run(input, count: rows, scratch: s.activations, pool: pool)
        eachRow(rows) { i in
            let g = s.gate + i * hidden, u = s.up + i * hidden
            switch w.activation {
            case .silu: gp_swiglu(Int64(hidden), g, g, u)
            case .geluTanh: gp_geglu(Int64(hidden), g, g, u)
            }
        }
        w.down.multiply(s.gate, count: rows, into: out, scratch: s.activations, pool: pool)
    }

    /// Causal attention of `queries` query rows (at consecutive positions from `firstPosition`)
    /// over the cache, per head, into `state.attention`. The kernel is chosen by the size of the
    /// whole pass, as llama.cpp chooses it, so a row's arithmetic does not depend on which rows
    /// are computed.
    private func attend(queries n: Int, firstPosition position: Int, _ settings: AttentionWeights.Settings,
                        keys: UnsafeMutablePointer<UInt16>, values: UnsafeMutablePointer<UInt16>) {
        let c = config, s = state
        let group = c.heads / c.kvHeads, scale = settings.scale, window = settings.window ?? 0
        let stride = Int64(c.kvDim), d = Int64(c.headDim)
        if batch >= Self.tiledAttentionMinimum {
            let tile = 64, tiles = (n + tile - 1) / tile
            pool.parallelFor(c.heads * tiles) { range, thread in
                let scratch = s.attentionScratch + thread * s.attentionScratchLength
                for job in range {
                    let h = job / tiles, first = job % tiles * tile, count = min(tile, n - first)
                    let kvOffset = h / group * c.headDim
                    gp_attend_tiled(d, s.q + first * c.qDim + h * c.headDim, Int64(c.qDim), Int64(count),
                                    Int64(position + first), Int64(window), keys + kvOffset, values + kvOffset, stride, scale,
                                    s.attention + first * c.qDim + h * c.headDim, Int64(c.qDim), scratch)
                }
            }
        } else {
            pool.parallelFor(n * c.heads) { range, thread in
                let scratch = UnsafeMutableRawPointer(s.attentionScratch + thread * s.attentionScratchLength)
                    .assumingMemoryBound(to: UInt16.self)
                for job in range {
                    let i = job / c.heads, h = job % c.heads
                    let kvOffset = h / group * c.headDim, end = position + i + 1
                    let first = window > 0 ? max(0, end - window) : 0
                    gp_attend_f16(d, s.q + i * c.qDim + h * c.headDim, keys + kvOffset, values + kvOffset, stride,
                                  Int64(first), Int64(end), scale, s.attention + i * c.qDim + h * c.headDim, scratch)
                }
            }
        }
    }

    /// llama.cpp switches to tiled flash attention for batches of at least this many tokens.
    static var tiledAttentionMinimum: Int { 64 }

    /// RMS norm of each head's `headDim` values, in place.
    private func normHeads(_ v: UnsafeMutablePointer<Float>, heads: Int, _ weight: WeightVector) {
        let d = config.headDim
        for h in 0 ..< heads { rmsNorm(v + h * d, weight: weight.pointer, into: v + h * d, count: d, epsilon: config.rmsEpsilon) }
    }

    private func add(_ bias: WeightVector, to v: UnsafeMutablePointer<Float>) {
        for j in 0 ..< bias.values.count { v[j] += bias.values[j] }
    }
}
