/// llama (Llama 2 and 3, SmolLM, TinyLlama, Mistral's dense models, ...), as llama.cpp's
/// src/models/llama.cpp: pre-norm blocks of grouped-query attention with rotary positions in
/// the "normal" layout and a SwiGLU feed-forward network. Llama 3.1/3.2's per-pair frequency
/// factors (`rope_freqs.weight`) or LongRoPE factors apply when the file has them; biases on
/// the projections are optional, as llama.cpp allows them.
struct Llama: PreNormArchitecture {
    static let name = "llama"
    let blocks: PreNormBlocks

    init(_ tensors: ModelTensors, config c: TransformerConfig, context: Int) throws {
        let factors = try tensors.ropeFactors(c, context: context, longRope: c.longRope)
        let settings = AttentionWeights.Settings(rope: Rope(c, layout: .normal, factors: factors), scale: 1 / Float(c.headDim).squareRoot())
        blocks = try PreNormBlocks(tensors, config: c,
            attention: { try AttentionWeights(tensors, layer: $0, config: c, headNorms: .absent, outputBias: .optional, settings: settings) },
            feedForward: { try FeedForwardWeights(tensors, layer: $0, config: c, activation: .silu) })
    }
}
