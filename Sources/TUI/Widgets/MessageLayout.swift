import Engine
import Render

/// One message's body as glyphs wrapped to a width.
///
/// Glyph tags say what each glyph shows: for a generated reply, the index of the token it
/// came from (a grapheme made of several tokens, such as an emoji sequence, belongs to the
/// token of its first byte); `plainTag` for other text; `errorTag` for the error line;
/// `reasoningTag` for the line that stands for a reply's think section.
struct MessageLayout {
    static let plainTag: Int32 = -1
    static let errorTag: Int32 = -2
    static let reasoningTag: Int32 = -3

    /// How a reply's think section shows: folded into one line or expanded, and whether the
    /// reply is still streaming (an unclosed section is then "thinking…", not unfinished).
    struct Reasoning: Equatable {
        var isExpanded = false
        var isStreaming = false
    }

    /// A message longer than this shows its start and a line saying how much more there is:
    /// layout stays within a few milliseconds however large a paste was (a 50 MB one took 9 s
    /// to open and 11 s per resize). No reply comes near it: contexts hold far less.
    static let maximumGlyphs = 256 * 1024

    let glyphs: [Glyph]
    let rows: [Range<Int>]
    /// The glyphs of the think section as shown (its line, and the reasoning when expanded):
    /// drawn dimmed.
    let reasoningGlyphs: Range<Int>

    init(_ message: ChatMessage, width: Int, reasoning: Reasoning = Reasoning()) {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(min(message.text.utf8.count, Self.maximumGlyphs))
        let text = message.text
        let tokenEnds = Self.tokenEnds(message)
        var reasoningGlyphs = 0 ..< 0
        // Only the model's replies think: a user who types <think> sees it as typed.
        // An empty closed section (thinking switched off) shows nothing but the answer.
        if message.role == .assistant, let section = ThinkSection(in: text) {
            let thought = Self.trimmingWhitespace(text[section.reasoning])
            if !thought.isEmpty || !section.isClosed {
                Glyphs.appendText(Self.summary(section, of: message, reasoning), tag: Self.reasoningTag, to: &glyphs)
            }
            var unshown = 0
            if reasoning.isExpanded && !thought.isEmpty {
                glyphs.append(.lineBreak(tag: Self.reasoningTag))
                unshown += Self.appendText(of: text, thought, tokenEnds: tokenEnds, to: &glyphs)
            }
            reasoningGlyphs = 0 ..< glyphs.count
            let answer = section.answer(in: text)
            if !answer.isEmpty {
                if !glyphs.isEmpty { glyphs.append(.lineBreak(tag: Self.plainTag)) }
                unshown += Self.appendText(of: text, answer.startIndex ..< answer.endIndex, tokenEnds: tokenEnds, to: &glyphs)
            }
            Self.appendUnshownNote(unshown, to: &glyphs)
        } else {
            Self.appendUnshownNote(Self.appendText(of: text, text.startIndex ..< text.endIndex, tokenEnds: tokenEnds, to: &glyphs), to: &glyphs)
        }
        if let error = message.error {
            if !glyphs.isEmpty { glyphs.append(.lineBreak(tag: Self.errorTag)) }
            Glyphs.appendText("⚠ " + error, tag: Self.errorTag, to: &glyphs)
        }
        self.init(glyphs: glyphs, reasoningGlyphs: reasoningGlyphs, width: width)
    }

    private init(glyphs: [Glyph], reasoningGlyphs: Range<Int>, width: Int) {
        self.glyphs = glyphs
        self.reasoningGlyphs = reasoningGlyphs
        rows = WordWrap.rows(glyphs, width: width)
    }

    /// The same glyphs wrapped to another width (a resize): only the wrapping is done again.
    func rewrapped(to width: Int) -> MessageLayout {
        MessageLayout(glyphs: glyphs, reasoningGlyphs: reasoningGlyphs, width: width)
    }

    /// The think section's line: `▸ thought for 42 tokens · Alt-r shows` (the count left out
    /// for a reply without tokens).
    private static func summary(_ section: ThinkSection, of message: ChatMessage, _ reasoning: Reasoning) -> String {
        let tokens = tokenCount(in: section.reasoning, of: message)
        let count = tokens == 0 ? "" : " \(tokens) token\(tokens == 1 ? "" : "s")"
        let thought = count.isEmpty ? "thought" : "thought for" + count
        let what = section.isClosed ? thought : reasoning.isStreaming ? "thinking…" + count : thought + " (unfinished)"
        let key = ChatScreen.bindings.first { $0.command == .toggleReasoning }?.keys.first?.description ?? ""
        return (reasoning.isExpanded ? "▾ " : "▸ ") + what + " · \(key) " + (reasoning.isExpanded ? "hides" : "shows")
    }

    /// How many of the reply's tokens make up `range` of its text.
    private static func tokenCount(in range: Range<String.Index>, of message: ChatMessage) -> Int {
        let start = message.text.utf8.distance(from: message.text.startIndex, to: range.lowerBound)
        let end = message.text.utf8.distance(from: message.text.startIndex, to: range.upperBound)
        var offset = 0, count = 0
        for token in message.tokens where !token.isEndOfGeneration {
            let next = offset + token.text.utf8.count
            if next > start && offset < end { count += 1 }
            offset = next
        }
        return count
    }

    /// Where each token's text ends in the reply's text (UTF-8 offsets); empty for a message
    /// without tokens.
    private static func tokenEnds(_ message: ChatMessage) -> [(end: Int, index: Int)] {
        var ends: [(end: Int, index: Int)] = []
        var offset = 0
        for (index, token) in message.tokens.enumerated() where !token.isEndOfGeneration && !token.text.isEmpty {
            offset += token.text.utf8.count
            ends.append((offset, index))
        }
        return ends
    }

    /// Glyphs of `text[range]`, tagged with the index of the token each came from, up to
    /// `maximumGlyphs` in all; returns the bytes of `range` left out.
    @discardableResult
    private static func appendText(of text: String, _ range: Range<String.Index>, tokenEnds: [(end: Int, index: Int)],
                                   to glyphs: inout [Glyph]) -> Int {
        var offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        let end = text.utf8.distance(from: text.startIndex, to: range.upperBound)
        var next = 0
        for grapheme in text[range] {
            guard glyphs.count < maximumGlyphs else { return end - offset }
            while next < tokenEnds.count - 1 && offset >= tokenEnds[next].end { next += 1 }
            let tag = tokenEnds.isEmpty ? Self.plainTag : Int32(tokenEnds[next].index)
            Glyphs.append(grapheme, tag: tag, to: &glyphs)
            offset += grapheme.utf8.count
        }
        return 0
    }

    /// The line under a message too long to show whole: how much is left out, and where it is.
    private static func appendUnshownNote(_ bytes: Int, to glyphs: inout [Glyph]) {
        guard bytes > 0 else { return }
        let size = bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(bytes >> 10) KB"
        let key = ChatScreen.bindings.first { $0.command == .exportMarkdown }?.keys.first?.description ?? ""
        glyphs.append(.lineBreak(tag: Self.plainTag))
        Glyphs.appendText("… \(size) more not shown here (\(key) exports the whole chat)", tag: Self.plainTag, to: &glyphs)
    }

    private static func trimmingWhitespace(_ text: Substring) -> Range<String.Index> {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text[start...].lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return start ..< end
    }
}

/// Layouts of the messages of the last frames, one per message, so that only a message that
/// changed (the one streaming) is laid out again, and a resize only wraps again. A pure memo:
/// it never changes what is drawn.
final class MessageLayoutCache {
    /// What the glyphs depend on; the width only changes the rows.
    private struct Content: Equatable {
        let conversationID: String
        let textBytes: Int
        let tokenCount: Int
        let error: String?
        let reasoning: MessageLayout.Reasoning
    }

    private var entries: [Int: (content: Content, width: Int, layout: MessageLayout)] = [:]

    func layout(of message: ChatMessage, in conversationID: String, width: Int,
                reasoning: MessageLayout.Reasoning = MessageLayout.Reasoning()) -> MessageLayout {
        let content = Content(conversationID: conversationID, textBytes: message.text.utf8.count,
                              tokenCount: message.tokens.count, error: message.error, reasoning: reasoning)
        let layout: MessageLayout
        switch entries[message.id] {
        case let entry? where entry.content == content && entry.width == width: return entry.layout
        case let entry? where entry.content == content: layout = entry.layout.rewrapped(to: width)
        default: layout = MessageLayout(message, width: width, reasoning: reasoning)
        }
        entries[message.id] = (content, width, layout)
        return layout
    }
}
