/// SentencePiece writes a space as `▁` (U+2581) inside tokens, so that a token's text never
/// holds a plain space (llama.cpp's `llama_escape_whitespace` and `llama_unescape_whitespace`).
/// Only the ASCII space is escaped; tabs and newlines stay as they are.
enum WhitespaceEscape {
    /// `▁` in UTF-8.
    static let marker: [UInt8] = [0xE2, 0x96, 0x81]

    /// Appends `text` to `output` with every space written as `▁`.
    static func escape(_ text: ArraySlice<UInt8>, into output: inout [UInt8]) {
        for b in text {
            if b == 0x20 { output.append(contentsOf: marker) } else { output.append(b) }
        }
    }

    /// The bytes of a token's text with every `▁` turned back into a space.
    static func unescape(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            if utf8[i] == marker[0], i + 2 < utf8.count, utf8[i + 1] == marker[1], utf8[i + 2] == marker[2] {
                bytes.append(0x20)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return bytes
    }
}
