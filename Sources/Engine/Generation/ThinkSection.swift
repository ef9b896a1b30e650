/// Where a reasoning model's thinking is in its reply. Qwen3 and DeepSeek-R1 think first, in
/// `<think> … </think>`, then answer; when the prompt already opened the section (a template
/// that ends with `<think>\n`), the reply has only the closing tag. So the section is either
/// an opening tag at the start of the reply (after whitespace) up to the closing tag, or, with
/// no opening tag there, everything up to the first closing tag. Tags are matched exactly, as
/// text; a `<think>` later in a reply is just text.
public struct ThinkSection: Equatable, Sendable {
    public static let openingTag = "<think>"
    public static let closingTag = "</think>"

    /// The section with its tags and the whitespace before it: what the answer comes after.
    public let whole: Range<String.Index>
    /// The reasoning: the text between the tags.
    public let reasoning: Range<String.Index>
    /// False while the model is still thinking (or was stopped before it finished).
    public let isClosed: Bool

    /// The think section of `reply`, if it has one.
    public init?(in reply: String) {
        let start = reply.unicodeScalars.firstIndex { !$0.properties.isWhitespace } ?? reply.endIndex
        let opened = reply.utf8[start...].starts(with: Self.openingTag.utf8)
        let reasoningStart = opened ? reply.utf8.index(start, offsetBy: Self.openingTag.utf8.count) : reply.startIndex
        let closing = reply.utf8[reasoningStart...].firstRange(of: Self.closingTag.utf8)
        guard opened || closing != nil else { return nil }
        whole = reply.startIndex ..< (closing?.upperBound ?? reply.endIndex)
        reasoning = reasoningStart ..< (closing?.lowerBound ?? reply.endIndex)
        isClosed = closing != nil
    }

    /// The answer after the section, without the blank lines that usually follow the tag.
    public func answer(in reply: String) -> Substring {
        reply[whole.upperBound...].drop { $0.isWhitespace }
    }
}
