/// The block most decoder families share (llama, Qwen2, Qwen3, Phi-3, Mistral, ...):
///
///     x += attention(rmsnorm(x))
///     x += feedForward(rmsnorm(x))
///
/// An architecture of this shape only says how its attention and feed-forward tensors are found
/// and set up (rope layout, biases, head norms, fused matrices); `PreNormArchitecture` supplies
/// the rest of `DecoderArchitecture`.
struct PreNormBlocks {
    let config: TransformerConfig
    let head: OutputHead
    let attention: [AttentionWeights]
    let feedForward: [FeedForwardWeights]
    /// Per block: the norms before attention and before the feed-forward network.
    private let attentionNorms, feedForwardNorms: [WeightVector]

    /// Looks the blocks' tensors up layer by layer (the order they are repacked in), then the head.
    init(_ tensors: ModelTensors, config c: TransformerConfig, outputBias: TensorPresence = .absent,
         attention: (Int) throws -> AttentionWeights, feedForward: (Int) throws -> FeedForwardWeights) throws {
        config = c
        var attentionWeights: [AttentionWeights] = [], feedForwardWeights: [FeedForwardWeights] = []
        var attentionNorms: [WeightVector] = [], feedForwardNorms: [WeightVector] = []
        for l in 0 ..< c.layers {
            attentionNorms.append(try tensors.vector(TensorName.block(l, .attentionNorm), count: c.dim))
            attentionWeights.append(try attention(l))
            feedForwardNorms.append(try tensors.vector(TensorName.block(l, .feedForwardNorm), count: c.dim))
            feedForwardWeights.append(try feedForward(l))
        }
        (self.attention, self.feedForward) = (attentionWeights, feedForwardWeights)
        (self.attentionNorms, self.feedForwardNorms) = (attentionNorms, feedForwardNorms)
        head = try OutputHead(tensors, config: c, bias: outputBias)
    }

    func run(_ l: Int, _ t: Transformer) {
        t.norm(attentionNorms[l], t.x, into: t.xb)       // xb = rmsnorm(x)
        t.selfAttention(l, t.xb, into: t.xb)             // xb = attention(xb)·Woᵀ
        t.addResidual(t.xb)                              // x += xb
        t.norm(feedForwardNorms[l], t.x, into: t.xb)     // xb = rmsnorm(x)
        t.feedForward(l, t.xb, into: t.xb)               // xb = down(act(xb·Wgᵀ) * xb·Wuᵀ)
        t.addResidual(t.xb)                              // x += xb
    }
}

/// An architecture built of `PreNormBlocks`.
protocol PreNormArchitecture: DecoderArchitecture {
    var blocks: PreNormBlocks { get }
}

extension PreNormArchitecture {
    var config: TransformerConfig { blocks.config }
    var head: OutputHead { blocks.head }
    var attention: [AttentionWeights] { blocks.attention }
    var feedForward: [FeedForwardWeights] { blocks.feedForward }

    func block(_ l: Int, _ t: Transformer) { blocks.run(l, t) }
}
