/// qwen2 (Qwen2, Qwen2.5 and their Coder/Math variants), as llama.cpp's src/models/qwen2.cpp:
/// llama's pre-norm SwiGLU blocks with rope in the NEOX layout, biases on Q, K and V, and an
/// output head that is tied to the embedding unless the file has its own (with an optional
/// bias on the logits).
struct Qwen2: PreNormArchitecture {
    static let name = "qwen2"
    let blocks: PreNormBlocks

    init(_ tensors: ModelTensors, config c: TransformerConfig, context: Int) throws {
        let settings = AttentionWeights.Settings(rope: Rope(c, layout: .neox), scale: 1 / Float(c.headDim).squareRoot())
        blocks = try PreNormBlocks(tensors, config: c, outputBias: .optional,
            attention: { try AttentionWeights(tensors, layer: $0, config: c, headNorms: .absent, settings: settings) },
            feedForward: { try FeedForwardWeights(tensors, layer: $0, config: c, activation: .silu) })
    }
}
