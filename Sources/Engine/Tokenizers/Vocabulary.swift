/// What a token is, from `tokenizer.ggml.token_type` (a set, as in llama.cpp: a normal token
/// whose text looks like a control token is made control too).
struct TokenAttributes: OptionSet, Sendable {
    let rawValue: UInt8

    static let normal = TokenAttributes(rawValue: 1 << 0)
    static let unknown = TokenAttributes(rawValue: 1 << 1)
    static let control = TokenAttributes(rawValue: 1 << 2)
    static let userDefined = TokenAttributes(rawValue: 1 << 3)
    static let unused = TokenAttributes(rawValue: 1 << 4)
    static let byte = TokenAttributes(rawValue: 1 << 5)
    /// A special token written in the text takes the whitespace before (lstrip) or after
    /// (rstrip) it along; llama.cpp sets these by model name, never from the file.
    static let lstrip = TokenAttributes(rawValue: 1 << 6)
    static let rstrip = TokenAttributes(rawValue: 1 << 7)

    /// The tokens cut out of a text before the tokenizer proper sees it.
    static let special: TokenAttributes = [.control, .userDefined, .unknown]

    /// GGUF's token type codes (0 is "undefined": no attribute).
    init?(tokenType: Int) {
        let byType: [TokenAttributes] = [[], .normal, .unknown, .control, .userDefined, .unused, .byte]
        guard byType.indices.contains(tokenType) else { return nil }
        self = byType[tokenType]
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }
}

/// How a vocabulary writes the bytes of its normal tokens.
enum TokenSpelling: Sendable {
    /// Every byte as a printable character (`Ġ` for a space): byte-level BPE.
    case byteLevel
    /// Text as it is with spaces as `▁`, and bytes no token covers as `<0xNN>`: SentencePiece.
    case sentencePiece
}

/// The tokens of a vocabulary: their stored text, attributes and the bytes each stands for,
/// with the reverse index from text to id.
struct Vocabulary: Sendable {
    let texts: [String]
    var attributes: [TokenAttributes]
    let spelling: TokenSpelling
    private let index: TokenTextIndex
    /// The token of each single byte, -1 where the vocabulary lacks it.
    let byteTokens: [Int32]

    var count: Int { texts.count }

    init(file: GGUFFile, spelling: TokenSpelling) throws {
        guard let texts = try file.stringArray(GGUFKey.tokens) else { throw GGUFError.missingKey(GGUFKey.tokens) }
        guard !texts.isEmpty else { throw TokenizerError.emptyVocabulary }
        var attributes = [TokenAttributes](repeating: .normal, count: texts.count)
        if let types = try file.intArray(GGUFKey.tokenTypes) {
            guard types.count == texts.count else {
                throw TokenizerError.countMismatch(key: GGUFKey.tokenTypes, expected: texts.count, found: types.count)
            }
            for (id, type) in types.enumerated() {
                guard let attr = TokenAttributes(tokenType: type) else {
                    throw TokenizerError.unknownTokenType(id: id, type: type)
                }
                attributes[id] = attr
            }
        }
        let index = try TokenTextIndex(texts: texts)
        self.texts = texts
        self.attributes = attributes
        self.spelling = spelling
        self.index = index
        byteTokens = (0 ... 255).map { b in
            switch spelling {
            case .byteLevel: return index.id(of: ByteLevel.encode([UInt8(b)])) ?? -1
            // llama.cpp's `byte_to_token`: `<0xNN>`, else the byte as a one-character token.
            case .sentencePiece: return index.id(of: Array(Self.byteTokenText(UInt8(b)).utf8)) ?? index.id(of: [UInt8(b)]) ?? -1
            }
        }
    }

    func id(ofText text: [UInt8]) -> Int32? { index.id(of: text) }

    func id(ofText text: UnsafeBufferPointer<UInt8>) -> Int32? { index.id(of: text) }

    func contains(_ id: Int32) -> Bool { id >= 0 && Int(id) < texts.count }

    /// The bytes of a token, as llama.cpp's `token_to_piece` gives them: control and unknown
    /// tokens as their text (or nothing), user-defined ones as their text, normal tokens
    /// through the spelling, byte tokens (`<0x0A>`) as that byte, unused and undefined ones
    /// as nothing.
    func bytes(of id: Int32, renderSpecial: Bool) -> [UInt8] {
        guard contains(id) else { return [] }
        let attr = attributes[Int(id)], text = texts[Int(id)]
        if !attr.isDisjoint(with: [.control, .unknown]) { return renderSpecial ? Array(text.utf8) : [] }
        if attr.contains(.userDefined) { return Array(text.utf8) }
        if attr.contains(.normal) {
            switch spelling {
            case .byteLevel: return ByteLevel.decode(text)
            case .sentencePiece: return WhitespaceEscape.unescape(text)
            }
        }
        if attr.contains(.byte), text.utf8.count == 6, let b = UInt8(text.dropFirst(3).prefix(2), radix: 16) { return [b] }
        return []
    }

    /// How SentencePiece names the token of a byte: `<0x0A>` (upper-case hex).
    static func byteTokenText(_ byte: UInt8) -> String {
        let hex = Array("0123456789ABCDEF")
        return "<0x\(hex[Int(byte >> 4)])\(hex[Int(byte & 15)])>"
    }
}
