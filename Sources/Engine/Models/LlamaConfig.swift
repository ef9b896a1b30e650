/// Hyper-parameters of a llama-architecture model, read from GGUF metadata.
public struct LlamaConfig: Sendable, Equatable {
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

    public var qDim: Int { heads * headDim }
    public var kvDim: Int { kvHeads * headDim }

    public init(file: GGUFFile, architecture: String = "llama") throws {
        func key(_ k: GGUFKey.Arch) -> String { GGUFKey.arch(architecture, k) }
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
            ?? file.tensor(named: "token_embd.weight").map { $0.shape.count > 1 ? $0.shape[1] : 0 } ?? 0
        func check(_ ok: Bool, _ k: GGUFKey.Arch, _ v: Any) throws {
            if !ok { throw ModelError.badHyperparameter(key: key(k), value: "\(v)") }
        }
        try check(dim > 0 && dim <= 1 << 16, .embeddingLength, dim)
        try check(hiddenDim > 0 && hiddenDim <= 1 << 18, .feedForwardLength, hiddenDim)
        try check(layers > 0 && layers <= 1024, .blockCount, layers)
        try check(heads > 0 && dim % heads == 0, .headCount, heads)
        try check(kvHeads > 0 && heads % kvHeads == 0, .headCountKV, kvHeads)
        headDim = try file.int(key(.keyLength)) ?? dim / heads
        try check(headDim > 0 && headDim % 2 == 0 && headDim <= 1024, .keyLength, headDim)
        ropeDimensions = try file.int(key(.ropeDimensionCount)) ?? headDim
        try check(ropeDimensions > 0 && ropeDimensions <= headDim && ropeDimensions % 2 == 0, .ropeDimensionCount, ropeDimensions)
        try check(trainedContext > 0, .contextLength, trainedContext)
        try check(vocabularySize > 0 && vocabularySize <= 1 << 24, .vocabSize, vocabularySize)
        try check(rmsEpsilon > 0 && rmsEpsilon < 1, .rmsEpsilon, rmsEpsilon)
        try check(ropeBase > 1, .ropeFreqBase, ropeBase)
    }
}
