/// Text to token ids and back, as the model and the UI see it. Implementations are immutable
/// once loaded, so one instance can serve several threads.
public protocol Tokenizer: Sendable {
    var vocabularySize: Int { get }
    var bos: Int32? { get }
    var eos: Int32? { get }
    /// End of turn (`<|im_end|>`, `<|eot_id|>`, ...), from the metadata or found by its text.
    var eot: Int32? { get }
    /// Whether `encode(addSpecial: true)` starts with BOS / ends with EOS (from the metadata).
    var addsBOS: Bool { get }
    var addsEOS: Bool { get }
    /// Whether `encode` puts a space before the text (SentencePiece's `add_space_prefix`);
    /// `decode` takes it off the first token again, as llama.cpp's detokenizer does.
    var addsSpacePrefix: Bool { get }

    /// Token ids for `text`. `addSpecial` adds BOS/EOS as the vocabulary asks; control tokens
    /// written in the text (`<|im_start|>`) become their ids where `specialTokens` says, and
    /// elsewhere are tokenized as plain text. User-defined tokens are always recognised.
    func encode(_ text: String, addSpecial: Bool, specialTokens: SpecialTokenScope) -> [Int32]

    /// The bytes a token stands for: possibly part of a UTF-8 character. Control and unknown
    /// tokens give their text when `renderSpecial` is set and nothing otherwise; ids outside
    /// the vocabulary give nothing.
    func tokenBytes(_ id: Int32, renderSpecial: Bool) -> [UInt8]

    /// The vocabulary entry as stored in the file (`Ġthe` for " the" in byte-level BPE).
    func tokenText(_ id: Int32) -> String?

    /// True for tokens that end a generation: EOS, EOT, EOM and the control tokens llama.cpp
    /// treats the same way (`<|im_end|>`, `<|endoftext|>`, ...).
    func isEndOfGeneration(_ id: Int32) -> Bool

    /// True for control tokens (`<|im_start|>`, BOS, EOS): text that is never shown by default.
    func isControl(_ id: Int32) -> Bool

    /// Whether the special token, written in a text, takes the whitespace before / after it
    /// along (llama.cpp's lstrip / rstrip: Phi-3's markers eat the newline that follows them).
    func stripsWhitespace(_ id: Int32) -> (before: Bool, after: Bool)
}

extension Tokenizer {
    public var addsSpacePrefix: Bool { false }

    /// `parseSpecial`: control tokens are recognised everywhere in the text, or nowhere.
    public func encode(_ text: String, addSpecial: Bool, parseSpecial: Bool) -> [Int32] {
        encode(text, addSpecial: addSpecial, specialTokens: parseSpecial ? .everywhere : .nowhere)
    }

    /// Token ids for `text` as plain text: no BOS or EOS, special tokens not parsed.
    public func encode(_ text: String) -> [Int32] { encode(text, addSpecial: false, parseSpecial: false) }

    /// The text of some tokens, as llama.cpp's `llama_detokenize` gives it (special tokens
    /// kept): special tokens appear as their text unless `renderSpecial` is off, and the
    /// first token loses a leading space when the tokenizer adds one in front of every text.
    /// Bytes that do not form valid UTF-8 become U+FFFD.
    public func decode(_ ids: [Int32], renderSpecial: Bool = true) -> String {
        var bytes: [UInt8] = []
        for (index, id) in ids.enumerated() {
            let piece = tokenBytes(id, renderSpecial: renderSpecial)
            bytes.append(contentsOf: index == 0 ? withoutSpacePrefix(piece) : piece[...])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first token's bytes without the space `encode` put before the text, if it did.
    func withoutSpacePrefix(_ piece: [UInt8]) -> ArraySlice<UInt8> {
        addsSpacePrefix && piece.first == 0x20 ? piece.dropFirst() : piece[...]
    }

    /// One token as text for listings such as `genplay tokenize`: special tokens as their text,
    /// a token that is only part of a UTF-8 character as U+FFFD.
    public func piece(_ id: Int32) -> String {
        String(decoding: tokenBytes(id, renderSpecial: true), as: UTF8.self)
    }
}

/// Reads the tokenizer a GGUF file describes, by `tokenizer.ggml.model`.
public func loadTokenizer(from file: GGUFFile) throws -> any Tokenizer {
    let model = try file.requireString(GGUFKey.tokenizerModel)
    guard let load = tokenizerModels.first(where: { $0.name == model })?.load else {
        throw TokenizerError.unsupportedModel(model)
    }
    return try load(file)
}

/// The tokenizer of each `tokenizer.ggml.model` value, named as llama.cpp names them.
let tokenizerModels: [(name: String, load: @Sendable (GGUFFile) throws -> any Tokenizer)] = [
    ("gpt2", { try BPETokenizer(file: $0) }),
    ("llama", { try SentencePieceTokenizer(file: $0) }),
]

/// What can be wrong with a file's tokenizer metadata, naming the key and the value.
public enum TokenizerError: Error, CustomStringConvertible, Equatable {
    case unsupportedModel(String)
    case unsupportedPreTokenizer(String)
    case emptyVocabulary
    case countMismatch(key: String, expected: Int, found: Int)
    case duplicateToken(text: String, first: Int, second: Int)
    case unknownTokenType(id: Int, type: Int)
    case malformedMerge(index: Int, merge: String)
    case mergeWithUnknownToken(index: Int, merge: String, token: String)
    case tokenIDOutOfRange(key: String, id: Int, vocabularySize: Int)
    case missingSpecialToken(role: String, key: String)
    case scoreNotANumber(id: Int)

    public var description: String {
        switch self {
        case let .unsupportedModel(model):
            return "unsupported tokenizer model '\(model)' (tokenizer.ggml.model; supported: "
                + tokenizerModels.map(\.name).joined(separator: ", ") + ")"
        case let .unsupportedPreTokenizer(pre):
            return "unsupported pre-tokenizer '\(pre)' (tokenizer.ggml.pre; supported: "
                + PreTokenizer.supportedNames.joined(separator: ", ") + ")"
        case .emptyVocabulary: return "tokenizer.ggml.tokens is empty"
        case let .countMismatch(key, expected, found):
            return "\(key) has \(found) entries, expected \(expected) (one per token)"
        case let .duplicateToken(text, first, second):
            return "tokens \(first) and \(second) are both '\(text)'"
        case let .unknownTokenType(id, type): return "token \(id) has unknown type \(type) in tokenizer.ggml.token_type"
        case let .malformedMerge(index, merge):
            return "merge #\(index) '\(merge)' in tokenizer.ggml.merges is not two tokens separated by a space"
        case let .mergeWithUnknownToken(index, merge, token):
            return "merge #\(index) '\(merge)' in tokenizer.ggml.merges uses '\(token)', which is not a token"
        case let .tokenIDOutOfRange(key, id, size):
            return "\(key) is \(id), outside the vocabulary of \(size) tokens"
        case let .missingSpecialToken(role, key):
            return "the tokenizer adds \(role) to every text but \(key) is missing"
        case let .scoreNotANumber(id): return "token \(id) has score nan in tokenizer.ggml.scores"
        }
    }
}
