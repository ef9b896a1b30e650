import Foundation
@testable import Engine

/// A hand-made SentencePiece vocabulary written with `GGUFWriter`: `<unk>` `<s>` `</s>` (ids
/// 0, 1, 2, as llama.cpp assumes), the 256 byte tokens `<0x00>`...`<0xFF>` (ids 3...258) unless
/// `byteTokens` is off, then `pieces` in order. Pieces are written as the vocabulary stores
/// them: `▁the` for " the".
struct TinySentencePieceVocabulary {
    typealias TokenType = TinyVocabulary.TokenType

    var pieces: [(text: String, score: Float, type: TokenType)] = []
    var byteTokens = true
    /// `tokenizer.ggml.add_space_prefix`; nil leaves the key out (llama.cpp then adds one).
    var addSpacePrefix: Bool?
    var extraMetadata: [(key: String, value: GGUFValue)] = []

    static let unknown: Int32 = 0, bos: Int32 = 1, eos: Int32 = 2

    /// The id of the byte token `<0xNN>`.
    static func byteToken(_ byte: UInt8) -> Int32 { 3 + Int32(byte) }

    var tokenCount: Int { 3 + (byteTokens ? 256 : 0) + pieces.count }

    mutating func add(_ text: String, score: Float = -1, _ type: TokenType = .normal) -> Int32 {
        pieces.append((text, score, type))
        return Int32(tokenCount - 1)
    }

    func writer() -> GGUFWriter {
        var tokens: [(text: String, score: Float, type: TokenType)] =
            [("<unk>", 0, .unknown), ("<s>", 0, .control), ("</s>", 0, .control)]
        if byteTokens { tokens += (0 ... 255).map { (Vocabulary.byteTokenText(UInt8($0)), 0, .byte) } }
        tokens += pieces
        var w = GGUFWriter()
        w.set(GGUFKey.tokenizerModel, .string("llama"))
        w.set(GGUFKey.tokens, .array(.string, tokens.map { .string($0.text) }))
        w.set(GGUFKey.scores, .array(.float32, tokens.map { .float32($0.score) }))
        w.set(GGUFKey.tokenTypes, .array(.int32, tokens.map { .int32(Int32($0.type.rawValue)) }))
        if let addSpacePrefix { w.set(GGUFKey.addSpacePrefix, .bool(addSpacePrefix)) }
        for (key, value) in extraMetadata { w.set(key, value) }
        return w
    }

    func load() throws -> SentencePieceTokenizer {
        try SentencePieceTokenizer(file: writer().readBack())
    }
}
