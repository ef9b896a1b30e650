/// Hyper-parameters every decoder-only transformer has, read from GGUF metadata under the
/// architecture's prefix (`llama.block_count`, `qwen3.attention.key_length`, ...). What only
/// one architecture has is read in that architecture's file.
public struct TransformerConfig: Sendable, Equatable {
    public var architecture: String
    public var dim: Int
    public var hiddenDim: Int
    public var layers: Int
    public var heads: Int
    public var kvHeads: Int
    public var headDim: Int
    public var vocabularySize: Int
    public var trainedContext: Int
    public var rmsEpsilon: Float
    public var ropeBase: Float
    public var ropeDimensions: Int
    /// 1 / `rope.scaling.factor` under linear or LongRoPE scaling, else 1.
    public var ropeFrequencyScale: Float
    /// `rope.scaling.attn_factor`: multiplies rope's cos and sin (LongRoPE's attention scaling).
    public var ropeAttentionFactor: Float
    /// LongRoPE (Phi-3 128k): per-pair factors chosen by the context, long ones beyond
    /// `ropeOriginalContext` (`rope.scaling.original_context_length`, else the trained context).
    public var longRope: Bool
    public var ropeOriginalContext: Int
    /// `attention.sliding_window` when present; the architecture says which layers use it.
    public var slidingWindow: Int?

    public var qDim: Int { heads * headDim }
    public var kvDim: Int { kvHeads * headDim }

    public init(file: GGUFFile, architecture: String) throws {
        func key(_ k: GGUFKey.Arch) -> String { GGUFKey.arch(architecture, k) }
        self.architecture = architecture
        dim = try file.requireInt(key(.embeddingLength))
        hiddenDim = try file.requireInt(key(.feedForwardLength))
        layers = try file.requireInt(key(.blockCount))
        heads = try file.requireInt(key(.headCount))
        kvHeads = try file.int(key(.headCountKV)) ?? heads
        trainedContext = try file.requireInt(key(.contextLength))
        rmsEpsilon = try file.float(key(.rmsEpsilon)) ?? 1e-5
        ropeBase = try file.float(key(.ropeFreqBase)) ?? 10000
        let vocabFromTokens = (file[GGUFKey.tokens]?.array?.count)
        vocabularySize = try file.int(key(.vocabSize)) ?? vocabFromTokens
            ?? file.tensor(named: TensorName.tokenEmbedding).map { $0.shape.count > 1 ? $0.shape[1] : 0 } ?? 0
        func check(_ ok: Bool, _ k: GGUFKey.Arch, _ v: Any) throws {
            if !ok { throw ModelError.badHyperparameter(key: key(k), value: "\(v)") }
        }
        try check(dim > 0 && dim <= 1 << 16, .embeddingLength, dim)
        try check(hiddenDim > 0 && hiddenDim <= 1 << 18, .feedForwardLength, hiddenDim)
        try check(layers > 0 && layers <= 1024, .blockCount, layers)
        // Without attention.key_length a head is dim / heads wide (Gemma's heads are wider).
        let keyLength = try file.int(key(.keyLength))
        try check(heads > 0 && heads <= 1024 && (keyLength != nil || dim % heads == 0), .headCount, heads)
        try check(kvHeads > 0 && heads % kvHeads == 0, .headCountKV, kvHeads)
        headDim = keyLength ?? dim / heads
        try check(headDim > 0 && headDim % 2 == 0 && headDim <= 1024, .keyLength, headDim)
        if let valueLength = try file.int(key(.valueLength)), valueLength != headDim {
            throw ModelError.unsupportedHyperparameter(key: key(.valueLength), value: "\(valueLength) (≠ key length \(headDim))")
        }
        ropeDimensions = try file.int(key(.ropeDimensionCount)) ?? headDim
        try check(ropeDimensions > 0 && ropeDimensions <= headDim && ropeDimensions % 2 == 0, .ropeDimensionCount, ropeDimensions)
        try check(trainedContext > 0, .contextLength, trainedContext)
        try check(vocabularySize > 0 && vocabularySize <= 1 << 24, .vocabSize, vocabularySize)
        try check(rmsEpsilon > 0 && rmsEpsilon < 1, .rmsEpsilon, rmsEpsilon)
        try check(ropeBase > 1, .ropeFreqBase, ropeBase)
        ropeFrequencyScale = 1
        let scaling = try file.string(key(.ropeScalingType))
        switch scaling {
        case nil, "none": break
        case "linear", "longrope":
            // As llama.cpp: a missing or zero factor means 1.
            let factor = try file.float(key(.ropeScalingFactor)).flatMap { $0 == 0 ? nil : $0 } ?? 1
            try check(factor >= 1 && factor <= 1024, .ropeScalingFactor, factor)
            ropeFrequencyScale = 1 / factor
        case let other?:
            throw ModelError.unsupportedHyperparameter(key: key(.ropeScalingType), value: other)
        }
        longRope = scaling == "longrope"
        ropeAttentionFactor = try file.float(key(.ropeScalingAttentionFactor)) ?? 1
        try check(ropeAttentionFactor > 0 && ropeAttentionFactor < 16, .ropeScalingAttentionFactor, ropeAttentionFactor)
        ropeOriginalContext = try file.int(key(.ropeScalingOriginalContext)) ?? trainedContext
        try check(ropeOriginalContext > 0, .ropeScalingOriginalContext, ropeOriginalContext)
        slidingWindow = try file.int(key(.slidingWindow))
        if let window = slidingWindow { try check(window > 0, .slidingWindow, window) }
    }
}
