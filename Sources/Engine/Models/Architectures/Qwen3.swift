/// qwen3 (Qwen3 dense models), as llama.cpp's src/models/qwen3.cpp: Qwen2's blocks without the
/// Q/K/V biases and with an RMS norm over each head of Q and K before rope (NEOX layout). Heads
/// are `attention.key_length` wide, which need not be dim / heads (Qwen3-0.6B: 16 × 128 over
/// 1024).
struct Qwen3: PreNormArchitecture {
    static let name = "qwen3"
    let blocks: PreNormBlocks

    init(_ tensors: ModelTensors, config c: TransformerConfig, context: Int) throws {
        let settings = AttentionWeights.Settings(rope: Rope(c, layout: .neox), scale: 1 / Float(c.headDim).squareRoot())
        blocks = try PreNormBlocks(tensors, config: c,
            attention: { try AttentionWeights(tensors, layer: $0, config: c, headNorms: .required, settings: settings) },
            feedForward: { try FeedForwardWeights(tensors, layer: $0, config: c, activation: .silu) })
    }
}
