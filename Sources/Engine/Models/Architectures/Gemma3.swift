/// gemma3 (Gemma 3), as llama.cpp's src/models/gemma3.cpp: token embeddings scaled by √dim; RMS
/// norms before and after both attention and the feed-forward network (GGUF stores Gemma's
/// norm weights with the +1 already added); per-head RMS norms on Q and K before rope (NEOX
/// layout); Q scaled by 1/√headDim before attention, which then scales by 1; a GELU-tanh gated
/// FFN. Five of every six layers attend within a sliding window with their own rope base
/// (`rope.freq_base_swa`, 10 000 by default); the sixth attends globally with `rope.freq_base`.
/// The output head is tied to the embedding.
struct Gemma3: DecoderArchitecture {
    static let name = "gemma3"

    struct Norms {
        let attention, postAttention, feedForward, postFeedForward: WeightVector
    }

    let config: TransformerConfig
    let head: OutputHead
    let attention: [AttentionWeights]
    let feedForward: [FeedForwardWeights]
    private let norms: [Norms]
    var embeddingScale: Float? { Float(config.dim).squareRoot() }

    init(_ tensors: ModelTensors, config c: TransformerConfig, context: Int) throws {
        config = c
        let file = tensors.file
        func key(_ k: GGUFKey.Arch) -> String { GGUFKey.arch(Self.name, k) }
        if let cap = try file.float(key(.finalLogitSoftcapping)), cap != 0 {
            throw ModelError.unsupportedHyperparameter(key: key(.finalLogitSoftcapping), value: "\(cap)")
        }
        let local = try Self.slidingLayers(file, layers: c.layers, hasWindow: c.slidingWindow != nil)
        let global = Rope(c, layout: .neox)
        let localRope = Rope(dimensions: c.ropeDimensions, base: try file.float(key(.ropeFreqBaseSWA)) ?? 10000, layout: .neox)
        // Gemma 3 27B scales queries by 1/√(dim/heads), the others by 1/√headDim (gemma_pytorch's config).
        let queryScale = 1 / Float(c.layers == 62 ? c.dim / c.heads : c.headDim).squareRoot()
        var attention: [AttentionWeights] = [], feedForward: [FeedForwardWeights] = [], norms: [Norms] = []
        for l in 0 ..< c.layers {
            func norm(_ t: TensorName.Block) throws -> WeightVector { try tensors.vector(TensorName.block(l, t), count: c.dim) }
            let settings = AttentionWeights.Settings(rope: local[l] ? localRope : global, window: local[l] ? c.slidingWindow : nil,
                                                     scale: 1, queryScale: queryScale)
            attention.append(try AttentionWeights(tensors, layer: l, config: c, headNorms: .required, settings: settings))
            feedForward.append(try FeedForwardWeights(tensors, layer: l, config: c, activation: .geluTanh))
            norms.append(Norms(attention: try norm(.attentionNorm), postAttention: try norm(.attentionPostNorm),
                               feedForward: try norm(.feedForwardNorm), postFeedForward: try norm(.feedForwardPostNorm)))
        }
        (self.attention, self.feedForward, self.norms) = (attention, feedForward, norms)
        head = try OutputHead(tensors, config: c)
    }

    /// Which layers use the sliding window: `attention.sliding_window_pattern` as one flag per
    /// layer, or a period n (layer l is local unless l % n == n - 1; 6 when absent).
    private static func slidingLayers(_ file: GGUFFile, layers: Int, hasWindow: Bool) throws -> [Bool] {
        guard hasWindow else { return Array(repeating: false, count: layers) }
        let key = GGUFKey.arch(name, .slidingWindowPattern)
        if case let .array(.bool, flags)? = file[key] {
            guard flags.count == layers else { throw ModelError.badHyperparameter(key: key, value: "\(flags.count) flags for \(layers) layers") }
            return flags.map { $0.bool ?? false }
        }
        let period = try file.int(key) ?? 6
        guard period >= 0 else { throw ModelError.badHyperparameter(key: key, value: "\(period)") }
        return (0 ..< layers).map { period == 0 || $0 % period < period - 1 }
    }

    func block(_ l: Int, _ t: Transformer) {
        let n = norms[l]
        t.norm(n.attention, t.x, into: t.xb)             // xb = rmsnorm(x)
        t.selfAttention(l, t.xb, into: t.xb)             // xb = attention(xb)·Woᵀ
        t.norm(n.postAttention, t.xb, into: t.xb)        // xb = rmsnorm(xb)
        t.addResidual(t.xb)                              // x += xb
        t.norm(n.feedForward, t.x, into: t.xb)           // xb = rmsnorm(x)
        t.feedForward(l, t.xb, into: t.xb)               // xb = (gelu(xb·Wgᵀ) * xb·Wuᵀ)·Wdᵀ
        t.norm(n.postFeedForward, t.xb, into: t.xb)      // xb = rmsnorm(xb)
        t.addResidual(t.xb)                              // x += xb
    }
}
