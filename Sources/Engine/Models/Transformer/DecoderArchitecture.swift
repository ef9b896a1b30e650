/// One decoder-only architecture, in a file of its own (as llama.cpp's src/models/NAME.cpp):
/// the tensors it has, looked up by name, and how one block wires the shared transformer
/// operations together. `ModelRegistry` maps `general.architecture` to it: adding an
/// architecture is a file in Models/Architectures and a line in `ModelRegistry.registered`
/// (most are `PreNormArchitecture`s: a few lines saying how their attention is set up).
protocol DecoderArchitecture {
    /// The `general.architecture` value, which also prefixes its metadata keys.
    static var name: String { get }

    /// Reads what only this architecture has and maps its tensors (`config` holds the
    /// hyper-parameters every transformer has; `context` is the KV cache's length, which picks
    /// LongRoPE's factors).
    init(_ tensors: ModelTensors, config: TransformerConfig, context: Int) throws

    var config: TransformerConfig { get }
    var head: OutputHead { get }
    /// Per block, the tensors the shared attention and feed-forward operations run.
    var attention: [AttentionWeights] { get }
    var feedForward: [FeedForwardWeights] { get }
    /// Multiplies the token embeddings before the first block (Gemma: √dim); nil leaves them.
    var embeddingScale: Float? { get }

    /// Block `layer` over the pass's rows of `t.x`, the residual stream.
    func block(_ layer: Int, _ t: Transformer)
}

extension DecoderArchitecture {
    var embeddingScale: Float? { nil }
}

/// `general.architecture` → the architecture that loads it.
public enum ModelRegistry {
    nonisolated(unsafe) private static let registered: [any DecoderArchitecture.Type] = [
        Llama.self, Gemma3.self, Qwen2.self, Qwen3.self, Phi3.self,
    ]

    /// Architectures people's GGUF files commonly have that genplay cannot run yet, by the
    /// name users know them by.
    private static let known: [String: String] = [
        "gemma3": "Gemma 3", "gemma2": "Gemma 2", "gemma": "Gemma", "qwen2": "Qwen2", "qwen3": "Qwen3",
        "qwen3moe": "Qwen3 MoE", "phi3": "Phi-3", "phi2": "Phi-2", "mistral3": "Mistral 3", "gpt2": "GPT-2",
        "falcon": "Falcon", "starcoder2": "StarCoder2", "mamba": "Mamba", "deepseek2": "DeepSeek-V2",
    ]

    public static var architectures: [String] { registered.map { $0.name }.sorted() }

    public static func supports(_ architecture: String) -> Bool {
        registered.contains { $0.name == architecture }
    }

    /// Why a file of `architecture` cannot be loaded ("Gemma 3: needs the gemma3 architecture"),
    /// or nil when it can.
    public static func unsupportedReason(_ architecture: String) -> String? {
        if supports(architecture) { return nil }
        let needs = "needs the \(architecture) architecture"
        return known[architecture].map { "\($0): \(needs)" } ?? needs
    }

    /// Roughly what loading `file` allocates beyond its memory map.
    static func memoryNeeded(_ file: GGUFFile, options: ModelOptions) throws -> Int {
        let name = try file.requireString(GGUFKey.architecture)
        guard supports(name) else { throw ModelError.unsupportedArchitecture(name) }
        return try Transformer.memoryNeeded(file: file, architecture: name, options: options)
    }

    public static func load(_ file: GGUFFile, options: ModelOptions) throws -> LanguageModel {
        let name = try file.requireString(GGUFKey.architecture)
        guard let type = registered.first(where: { $0.name == name }) else { throw ModelError.unsupportedArchitecture(name) }
        return try Transformer(file: file, architecture: type, options: options)
    }
}
