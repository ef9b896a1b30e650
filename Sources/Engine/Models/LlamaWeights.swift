/// The tensors of one llama block, mapped in place.
struct LlamaLayer {
    let attentionNorm: WeightVector
    let wq, wk, wv, wo: WeightMatrix
    let ffnNorm: WeightVector
    let gate, up, down: WeightMatrix

    init(_ file: GGUFFile, _ i: Int, _ c: LlamaConfig) throws {
        let p = "blk.\(i)."
        attentionNorm = try WeightVector(file, p + "attn_norm.weight", count: c.dim)
        wq = try WeightMatrix(file, p + "attn_q.weight", columns: c.dim, rows: c.qDim)
        wk = try WeightMatrix(file, p + "attn_k.weight", columns: c.dim, rows: c.kvDim)
        wv = try WeightMatrix(file, p + "attn_v.weight", columns: c.dim, rows: c.kvDim)
        wo = try WeightMatrix(file, p + "attn_output.weight", columns: c.qDim, rows: c.dim)
        ffnNorm = try WeightVector(file, p + "ffn_norm.weight", count: c.dim)
        gate = try WeightMatrix(file, p + "ffn_gate.weight", columns: c.dim, rows: c.hiddenDim)
        up = try WeightMatrix(file, p + "ffn_up.weight", columns: c.dim, rows: c.hiddenDim)
        down = try WeightMatrix(file, p + "ffn_down.weight", columns: c.hiddenDim, rows: c.dim)
    }

    var matrices: [WeightMatrix] { [wq, wk, wv, wo, gate, up, down] }

    private init(attentionNorm: WeightVector, matrices m: [WeightMatrix], ffnNorm: WeightVector) {
        self.attentionNorm = attentionNorm
        self.ffnNorm = ffnNorm
        (wq, wk, wv, wo, gate, up, down) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6])
    }

    func replacing(_ matrices: ArraySlice<WeightMatrix>) -> LlamaLayer {
        LlamaLayer(attentionNorm: attentionNorm, matrices: Array(matrices), ffnNorm: ffnNorm)
    }
}

/// All tensors of a llama model. The output projection falls back to the token embedding
/// (tied weights) when `output.weight` is absent.
struct LlamaWeights {
    let tokenEmbedding: WeightMatrix
    let layers: [LlamaLayer]
    let outputNorm: WeightVector
    let output: WeightMatrix

    /// Maps the tensors; matrices used for matmuls are repacked for the kernels (the embedding
    /// stays in the map: a lookup reads single rows).
    init(_ file: GGUFFile, _ c: LlamaConfig, pool: WorkerPool) throws {
        tokenEmbedding = try WeightMatrix(file, "token_embd.weight", columns: c.dim, rows: c.vocabularySize)
        let mapped = try (0 ..< c.layers).map { try LlamaLayer(file, $0, c) }
        outputNorm = try WeightVector(file, "output_norm.weight", count: c.dim)
        let output = file.tensor(named: "output.weight") == nil ? tokenEmbedding
            : try WeightMatrix(file, "output.weight", columns: c.dim, rows: c.vocabularySize)
        let packed = PackedArena.pack(mapped.flatMap(\.matrices) + [output], pool: pool)
        let perLayer = mapped.first?.matrices.count ?? 0
        layers = mapped.enumerated().map { i, layer in layer.replacing(packed[i * perLayer ..< (i + 1) * perLayer]) }
        self.output = packed[packed.count - 1]
    }
}
