/// llama (Llama 2 and 3, SmolLM, TinyLlama, ...), as llama.cpp's src/models/llama.cpp: pre-norm
/// blocks of grouped-query attention with rotary positions in the "normal" layout (with Llama
/// 3's per-pair frequency factors when the file has them) and a SwiGLU feed-forward network.
/// Biases on the projections are optional, as llama.cpp allows them.
struct Llama: DecoderArchitecture {
    static let name = "llama"

    let config: TransformerConfig
    let head: OutputHead
    let attention: [AttentionWeights]
    let feedForward: [FeedForwardWeights]
    /// Per block: the norms before attention and before the feed-forward network.
    private let attentionNorms, feedForwardNorms: [WeightVector]

    init(_ tensors: ModelTensors, config c: TransformerConfig) throws {
        config = c
        let factors = try tensors.optionalFloats(TensorName.ropeFrequencies, count: c.ropeDimensions / 2)
        let rope = Rope(dimensions: c.ropeDimensions, base: c.ropeBase, frequencyScale: c.ropeFrequencyScale, factors: factors)
        let settings = AttentionWeights.Settings(rope: rope, scale: 1 / Float(c.headDim).squareRoot())
        var attention: [AttentionWeights] = [], feedForward: [FeedForwardWeights] = []
        var attentionNorms: [WeightVector] = [], feedForwardNorms: [WeightVector] = []
        for l in 0 ..< c.layers {
            attentionNorms.append(try tensors.vector(TensorName.block(l, .attentionNorm), count: c.dim))
            attention.append(try AttentionWeights(tensors, layer: l, config: c, biases: .optional, headNorms: .absent, settings: settings))
            feedForwardNorms.append(try tensors.vector(TensorName.block(l, .feedForwardNorm), count: c.dim))
            feedForward.append(try FeedForwardWeights(tensors, layer: l, config: c, activation: .silu))
        }
        (self.attention, self.feedForward, self.attentionNorms, self.feedForwardNorms) = (attention, feedForward, attentionNorms, feedForwardNorms)
        head = try OutputHead(tensors, config: c)
    }

    func block(_ l: Int, _ t: Transformer) {
        t.norm(attentionNorms[l], t.x, into: t.xb)       // xb = rmsnorm(x)
        t.selfAttention(l, t.xb, into: t.xb)             // xb = attention(xb)·Woᵀ
        t.addResidual(t.xb)                              // x += xb
        t.norm(feedForwardNorms[l], t.x, into: t.xb)     // xb = rmsnorm(x)
        t.feedForward(l, t.xb, into: t.xb)               // xb = (silu(xb·Wgᵀ) * xb·Wuᵀ)·Wdᵀ
        t.addResidual(t.xb)                              // x += xb
    }
}
