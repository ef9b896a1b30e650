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

    /// GGUF's token type codes (0 is "undefined": no attribute).
    init?(tokenType: Int) {
        let byType: [TokenAttributes] = [[], .normal, .unknown, .control, .userDefined, .unused, .byte]
        guard byType.indices.contains(tokenType) else { return nil }
        self = byType[tokenType]
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }
}

/// The tokens of a byte-level BPE vocabulary: their stored text, attributes and the bytes each
/// stands for, with the reverse index from text to id.
struct Vocabulary: Sendable {
    let texts: [String]
    var attributes: [TokenAttributes]
    /// Token id by its stored text (UTF-8 bytes: String keys would merge canonically
    /// equivalent spellings that are distinct tokens).
    let idsByText: [[UInt8]: Int32]
    /// The token of each single byte's spelling, -1 where the vocabulary lacks it.
    let byteTokens: [Int32]

    var count: Int { texts.count }

    init(file: GGUFFile) throws {
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
        var idsByText: [[UInt8]: Int32] = [:]
        idsByText.reserveCapacity(texts.count)
        for (id, text) in texts.enumerated() where !text.isEmpty {
            if let first = idsByText.updateValue(Int32(id), forKey: Array(text.utf8)) {
                throw TokenizerError.duplicateToken(text: text, first: Int(first), second: id)
            }
        }
        self.texts = texts
        self.attributes = attributes
        self.idsByText = idsByText
        byteTokens = (0 ... 255).map { idsByText[ByteLevel.encode([UInt8($0)])] ?? -1 }
    }

    func id(ofText text: [UInt8]) -> Int32? { idsByText[text] }

    func contains(_ id: Int32) -> Bool { id >= 0 && Int(id) < texts.count }

    /// The bytes of a token, as llama.cpp's `token_to_piece` gives them for byte-level BPE:
    /// special tokens as their text, normal tokens through the byte map, byte tokens
    /// (`<0x0A>`) as that byte, unused and undefined ones as nothing.
    func bytes(of id: Int32, renderSpecial: Bool) -> [UInt8] {
        guard contains(id) else { return [] }
        let attr = attributes[Int(id)], text = texts[Int(id)]
        if !attr.isDisjoint(with: [.control, .unknown]) { return renderSpecial ? Array(text.utf8) : [] }
        if attr.contains(.userDefined) { return Array(text.utf8) }
        if attr.contains(.normal) { return ByteLevel.decode(text) }
        if attr.contains(.byte), text.utf8.count == 6, let b = UInt8(text.dropFirst(3).prefix(2), radix: 16) { return [b] }
        return []
    }
}
