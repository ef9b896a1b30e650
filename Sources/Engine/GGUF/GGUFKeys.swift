/// GGUF metadata key names, in one table (as llama.cpp keeps them). Architecture-scoped keys
/// take the architecture prefix, e.g. `GGUFKey.arch("llama", .blockCount)`.
public enum GGUFKey {
    public static let architecture = "general.architecture"
    public static let name = "general.name"
    public static let alignment = "general.alignment"
    public static let fileType = "general.file_type"

    public static let tokenizerModel = "tokenizer.ggml.model"
    public static let tokenizerPre = "tokenizer.ggml.pre"
    public static let tokens = "tokenizer.ggml.tokens"
    public static let tokenTypes = "tokenizer.ggml.token_type"
    public static let scores = "tokenizer.ggml.scores"
    public static let merges = "tokenizer.ggml.merges"
    public static let bosID = "tokenizer.ggml.bos_token_id"
    public static let eosID = "tokenizer.ggml.eos_token_id"
    public static let eotID = "tokenizer.ggml.eot_token_id"
    public static let eomID = "tokenizer.ggml.eom_token_id"
    public static let unknownID = "tokenizer.ggml.unknown_token_id"
    public static let paddingID = "tokenizer.ggml.padding_token_id"
    public static let addBOS = "tokenizer.ggml.add_bos_token"
    public static let addEOS = "tokenizer.ggml.add_eos_token"
    public static let addSpacePrefix = "tokenizer.ggml.add_space_prefix"
    public static let chatTemplate = "tokenizer.chat_template"

    /// Fill-in-the-middle token ids (and their older names).
    public enum FIM {
        public static let prefix = "tokenizer.ggml.fim_pre_token_id"
        public static let suffix = "tokenizer.ggml.fim_suf_token_id"
        public static let middle = "tokenizer.ggml.fim_mid_token_id"
        public static let padding = "tokenizer.ggml.fim_pad_token_id"
        public static let repository = "tokenizer.ggml.fim_rep_token_id"
        public static let fileSeparator = "tokenizer.ggml.fim_sep_token_id"
        public static let legacyPrefix = "tokenizer.ggml.prefix_token_id"
        public static let legacySuffix = "tokenizer.ggml.suffix_token_id"
        public static let legacyMiddle = "tokenizer.ggml.middle_token_id"
    }

    /// Keys that live under `<architecture>.`.
    public enum Arch: String, Sendable {
        case contextLength = "context_length"
        case embeddingLength = "embedding_length"
        case feedForwardLength = "feed_forward_length"
        case blockCount = "block_count"
        case headCount = "attention.head_count"
        case headCountKV = "attention.head_count_kv"
        case keyLength = "attention.key_length"
        case valueLength = "attention.value_length"
        case slidingWindow = "attention.sliding_window"
        case slidingWindowPattern = "attention.sliding_window_pattern"
        case ropeFreqBaseSWA = "rope.freq_base_swa"
        case finalLogitSoftcapping = "final_logit_softcapping"
        case rmsEpsilon = "attention.layer_norm_rms_epsilon"
        case ropeFreqBase = "rope.freq_base"
        case ropeDimensionCount = "rope.dimension_count"
        case ropeScalingType = "rope.scaling.type"
        case ropeScalingFactor = "rope.scaling.factor"
        case ropeScalingAttentionFactor = "rope.scaling.attn_factor"
        case ropeScalingOriginalContext = "rope.scaling.original_context_length"
        case vocabSize = "vocab_size"
    }

    public static func arch(_ architecture: String, _ key: Arch) -> String { "\(architecture).\(key.rawValue)" }
}

/// Typed reads of metadata that a loader needs: a missing key or a value of the wrong type is a
/// `GGUFError` naming the key.
extension GGUFFile {
    public func requireInt(_ key: String) throws -> Int {
        guard let value = self[key] else { throw GGUFError.missingKey(key) }
        guard let int = value.integer else {
            throw GGUFError.wrongValueType(key: key, expected: "an integer", found: value.typeName)
        }
        return int
    }

    public func int(_ key: String) throws -> Int? {
        self[key] == nil ? nil : try requireInt(key)
    }

    public func float(_ key: String) throws -> Float? {
        guard let value = self[key] else { return nil }
        guard let d = value.double else {
            throw GGUFError.wrongValueType(key: key, expected: "a number", found: value.typeName)
        }
        return Float(d)
    }

    public func string(_ key: String) throws -> String? {
        guard let value = self[key] else { return nil }
        guard let s = value.string else {
            throw GGUFError.wrongValueType(key: key, expected: "string", found: value.typeName)
        }
        return s
    }

    public func requireString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw GGUFError.missingKey(key) }
        return s
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let value = self[key] else { return nil }
        guard let b = value.bool else {
            throw GGUFError.wrongValueType(key: key, expected: "bool", found: value.typeName)
        }
        return b
    }

    public func stringArray(_ key: String) throws -> [String]? {
        guard let value = self[key] else { return nil }
        guard case let .array(.string, items) = value else {
            throw GGUFError.wrongValueType(key: key, expected: "array[string]", found: value.typeName)
        }
        return items.map { $0.string ?? "" }
    }

    public func intArray(_ key: String) throws -> [Int]? {
        guard let value = self[key] else { return nil }
        guard case let .array(element, items) = value, element != .string, element != .array,
              element != .bool, element != .float32, element != .float64 else {
            throw GGUFError.wrongValueType(key: key, expected: "array of integers", found: value.typeName)
        }
        return items.map { $0.integer ?? 0 }
    }

    public func floatArray(_ key: String) throws -> [Float]? {
        guard let value = self[key] else { return nil }
        guard case let .array(element, items) = value, element != .string, element != .array, element != .bool else {
            throw GGUFError.wrongValueType(key: key, expected: "array of numbers", found: value.typeName)
        }
        return items.map { Float($0.double ?? 0) }
    }
}
