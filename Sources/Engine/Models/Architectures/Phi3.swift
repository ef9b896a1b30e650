/// phi3 (Phi-3 and Phi-3.5 mini/medium, Phi-4 mini), as llama.cpp's src/models/phi3.cpp:
/// pre-norm blocks with Q, K and V in one `attn_qkv` matrix and the gate and up projections in
/// one `ffn_up` (2 × n_ff rows: SwiGLU of the first half times the second); rope in the NEOX
/// layout with the LongRoPE factors of the 128k models (`rope_factors_long` beyond the original
/// context, `rope_factors_short` within it) and `rope.scaling.attn_factor`; Q scaled by
/// 1/√headDim after rope and attention at scale 1. llama.cpp ignores Phi-3's sliding window
/// (its PR 13676), and so does this.
struct Phi3: PreNormArchitecture {
    static let name = "phi3"
    let blocks: PreNormBlocks

    init(_ tensors: ModelTensors, config c: TransformerConfig, context: Int) throws {
        let factors = try tensors.ropeFactors(c, context: context, longRope: true)
        let settings = AttentionWeights.Settings(rope: Rope(c, layout: .neox, factors: factors), scale: 1,
                                                 queryScale: 1 / Float(c.headDim).squareRoot())
        blocks = try PreNormBlocks(tensors, config: c,
            attention: { try AttentionWeights(tensors, layer: $0, config: c, headNorms: .absent, settings: settings) },
            feedForward: { try FeedForwardWeights(tensors, layer: $0, config: c, activation: .silu, fusedGateUp: true) })
    }
}
