/// Turns token ids, one at a time, into text without ever giving out half a UTF-8 character:
/// byte-level tokens often end inside a character (an emoji is typically two or three
/// tokens), so the bytes of an unfinished character wait for the tokens that complete it.
public struct StreamingDetokenizer: Sendable {
    private let tokenizer: any Tokenizer
    /// Whether control tokens (`<|im_end|>`) appear as their text.
    public var renderSpecial: Bool
    private var pending: [UInt8] = []
    /// Set while the next token is the first of a text: it loses the space the tokenizer put
    /// before the text, as in `decode`.
    private var atTextStart: Bool

    /// `startsText`: the tokens begin a text, as a prompt does, rather than continue one, as
    /// generated tokens do; then the stream gives what `decode` gives for all of them.
    public init(tokenizer: any Tokenizer, renderSpecial: Bool = false, startsText: Bool = false) {
        self.tokenizer = tokenizer
        self.renderSpecial = renderSpecial
        atTextStart = startsText
    }

    /// True while bytes of an unfinished character are waiting.
    public var hasPendingBytes: Bool { !pending.isEmpty }

    /// The text this token completes: possibly empty, possibly more than the token itself.
    public mutating func push(_ id: Int32) -> String {
        let piece = tokenizer.tokenBytes(id, renderSpecial: renderSpecial)
        pending.append(contentsOf: atTextStart ? tokenizer.withoutSpacePrefix(piece) : piece[...])
        atTextStart = false
        let complete = Self.completePrefixLength(pending)
        defer { pending.removeFirst(complete) }
        return String(decoding: pending[..<complete], as: UTF8.self)
    }

    /// Whatever is still waiting, an unfinished character as U+FFFD; nothing waits afterwards.
    public mutating func flush() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// How many leading bytes can be given out now: all but a trailing sequence that is a
    /// valid start of a character still missing bytes. Invalid bytes go out at once (as
    /// U+FFFD) since no later byte can mend them.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        // A character is at most 4 bytes, so an unfinished one starts in the last three.
        for start in stride(from: bytes.count - 1, through: max(0, bytes.count - 3), by: -1) {
            let lead = bytes[start]
            if lead & 0xC0 == 0x80 { continue }  // continuation byte: look further back
            let length = UTF8Sequence.length(leadByte: lead)
            let tail = bytes[(start + 1)...]
            guard length > 1, tail.count < length - 1 else { return bytes.count }
            guard let second = tail.first else { return start }
            let validSoFar = UTF8Sequence.secondByteRange(after: lead).contains(second)
                && tail.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
            return validSoFar ? start : bytes.count
        }
        return bytes.count
    }
}
