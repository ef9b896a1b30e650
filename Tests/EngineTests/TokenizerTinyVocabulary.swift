import Foundation
@testable import Engine

/// A hand-made byte-level BPE vocabulary written with `GGUFWriter`: tokens 0...255 are the
/// single bytes (id = byte value), then `extraTokens` in order; merges as given.
struct TinyVocabulary {
    /// Token types as GGUF stores them.
    enum TokenType: Int { case normal = 1, unknown, control, userDefined, unused, byte }

    var extraTokens: [(text: String, type: TokenType)] = []
    var merges: [String] = []
    var pre: String? = "gpt-2"
    var model = "gpt2"
    var extraMetadata: [(key: String, value: GGUFValue)] = []

    /// The id the `index`-th extra token gets.
    static func id(ofExtra index: Int) -> Int32 { Int32(256 + index) }

    /// How a vocabulary spells some text (`Ġworld` for " world").
    static func spelling(_ text: String) -> String {
        String(decoding: ByteLevel.encode(Array(text.utf8)), as: UTF8.self)
    }

    /// A normal token for `text`, spelled the byte-level way.
    mutating func addWord(_ text: String) -> Int32 {
        extraTokens.append((Self.spelling(text), .normal))
        return Self.id(ofExtra: extraTokens.count - 1)
    }

    mutating func addSpecial(_ text: String, _ type: TokenType) -> Int32 {
        extraTokens.append((text, type))
        return Self.id(ofExtra: extraTokens.count - 1)
    }

    func writer() -> GGUFWriter {
        var w = GGUFWriter()
        let byteTexts = ByteLevel.scalarForByte.map { String(Unicode.Scalar($0)!) }
        w.set(GGUFKey.tokenizerModel, .string(model))
        if let pre { w.set(GGUFKey.tokenizerPre, .string(pre)) }
        w.set(GGUFKey.tokens, .array(.string, (byteTexts + extraTokens.map(\.text)).map { .string($0) }))
        let types = [Int](repeating: TokenType.normal.rawValue, count: 256) + extraTokens.map(\.type.rawValue)
        w.set(GGUFKey.tokenTypes, .array(.int32, types.map { .int32(Int32($0)) }))
        w.set(GGUFKey.merges, .array(.string, merges.map { .string($0) }))
        for (key, value) in extraMetadata { w.set(key, value) }
        return w
    }

    func load() throws -> BPETokenizer {
        try BPETokenizer(file: file())
    }

    func file() throws -> GGUFFile { try writer().readBack() }
}

extension GGUFWriter {
    /// The file this writer makes, read back through a temporary file.
    func readBack() throws -> GGUFFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-\(UUID()).gguf").path
        try write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try GGUFFile(path: path)
    }
}
