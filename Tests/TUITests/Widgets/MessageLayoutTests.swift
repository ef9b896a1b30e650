import Engine
import Render
import Testing
@testable import TUI

@Suite struct MessageLayoutTests {
    @Test func glyphsAreTaggedWithTheirTokens() {
        var message = ChatMessage(id: 1, role: .assistant, text: "")
        for (index, text) in ["Hi", " 👨", "\u{200D}👩", "!"].enumerated() { message.append(token(text, id: Int32(index))) }
        let layout = MessageLayout(message, width: 20)
        // The family emoji is one grapheme made of tokens 1 and 2: it belongs to token 1.
        #expect(layout.glyphs.map(\.tag) == [0, 0, 1, 1, 3])
        #expect(String(layout.glyphs.map(\.character)) == "Hi 👨‍👩!")
    }

    /// A huge paste shows its start and a line saying how much is left out, so laying it out
    /// costs no more than a message of `maximumGlyphs` (see the frame benchmark for 50 MB).
    @Test func aHugeMessageShowsItsStartAndHowMuchMoreThereIs() {
        let line = String(repeating: "word ", count: 19) + "end.\n"   // 100 bytes
        let message = ChatMessage(id: 1, role: .user, text: String(repeating: line, count: 12_000), error: "too long")
        let layout = MessageLayout(message, width: 80)
        let shown = String(layout.glyphs.map(\.character))
        #expect(shown.hasPrefix(line))
        #expect(layout.glyphs.count < MessageLayout.maximumGlyphs + 200)
        // 1 200 000 bytes, 262 144 shown: 937 856 bytes, 915 KB, left out.
        #expect(shown.hasSuffix("word\n… 915 KB more not shown here (Alt-x exports the whole chat)\n⚠ too long"))
        // Short messages are whole.
        #expect(!String(MessageLayout(ChatMessage(id: 2, role: .user, text: line), width: 80).glyphs.map(\.character)).contains("not shown"))
    }

    @Test func plainTextAndErrors() {
        let message = ChatMessage(id: 1, role: .user, text: "hello world", error: "boom")
        let layout = MessageLayout(message, width: 6)
        #expect(layout.rows.count == 3)
        #expect(layout.glyphs.last?.tag == MessageLayout.errorTag)
        #expect(layout.glyphs.first?.tag == MessageLayout.plainTag)
    }

    @Test func theCacheRelaysOutOnlyWhatChanged() {
        let cache = MessageLayoutCache()
        var message = ChatMessage(id: 1, role: .assistant, text: "")
        message.append(token("a", id: 1))
        let first = cache.layout(of: message, in: "c", width: 10)
        #expect(cache.layout(of: message, in: "c", width: 10).glyphs == first.glyphs)
        message.append(token("b", id: 2))
        #expect(cache.layout(of: message, in: "c", width: 10).glyphs.count == 2)
        #expect(cache.layout(of: message, in: "c", width: 1).rows.count == 2)
    }
}

/// A reply's think section: folded into one dimmed line, or expanded, dimmed, before the answer.
@Suite struct ReasoningLayoutTests {
    static func reply(_ pieces: [String]) -> ChatMessage {
        var message = ChatMessage(id: 1, role: .assistant, text: "")
        for (index, text) in pieces.enumerated() { message.append(token(text, id: Int32(index))) }
        return message
    }

    static func lines(_ layout: MessageLayout) -> [String] {
        layout.rows.map { String(layout.glyphs[$0].filter { !$0.isLineBreak }.map(\.character)).trimmingTrailingSpaces() }
    }

    static let thinking = reply(["<think>", "\n", "Two", " plus", " two", ".", "\n", "</think>", "\n\n", "Four", "."])

    @Test func foldedTheSectionIsOneLine() {
        let layout = MessageLayout(Self.thinking, width: 60)
        #expect(Self.lines(layout) == ["▸ thought for 6 tokens · Alt-r shows", "Four."])
        #expect(layout.reasoningGlyphs == 0 ..< 36)
        #expect(layout.glyphs.last?.tag == 10)  // the answer keeps its token tags
    }

    @Test func expandedTheReasoningComesFirst() {
        let layout = MessageLayout(Self.thinking, width: 60, reasoning: .init(isExpanded: true))
        #expect(Self.lines(layout) == ["▾ thought for 6 tokens · Alt-r hides", "Two plus two.", "Four."])
        let reasoning = layout.glyphs[layout.reasoningGlyphs].filter { $0.tag >= 0 }
        #expect(String(reasoning.map(\.character)) == "Two plus two.")
        #expect(reasoning.first?.tag == 2 && reasoning.last?.tag == 5)
    }

    @Test func anUnclosedSectionIsThinkingWhileStreamingAndUnfinishedAfter() {
        let message = Self.reply(["<think>", "Hmm", ","])
        #expect(Self.lines(MessageLayout(message, width: 60, reasoning: .init(isStreaming: true))) == ["▸ thinking… 2 tokens · Alt-r shows"])
        #expect(Self.lines(MessageLayout(message, width: 60)) == ["▸ thought for 2 tokens (unfinished) · Alt-r shows"])
        #expect(Self.lines(MessageLayout(Self.reply(["<think>"]), width: 60, reasoning: .init(isStreaming: true))) == ["▸ thinking… · Alt-r shows"])
    }

    @Test func anEmptySectionShowsOnlyTheAnswer() {
        let layout = MessageLayout(Self.reply(["<think>", "\n\n", "</think>", "\n\n", "Hi"]), width: 60)
        #expect(Self.lines(layout) == ["Hi"])
        #expect(layout.reasoningGlyphs.isEmpty)
    }

    @Test func onlyAssistantRepliesAreFolded() {
        let user = MessageLayout(ChatMessage(id: 1, role: .user, text: "<think>secret</think> visible"), width: 60)
        #expect(Self.lines(user) == ["<think>secret</think> visible"])
        #expect(user.reasoningGlyphs.isEmpty)
        let plain = MessageLayout(Self.reply(["Just", " an", " answer"]), width: 60)
        #expect(Self.lines(plain) == ["Just an answer"])
    }

    /// Control characters in the reasoning are placeholders when it is shown, as elsewhere.
    @Test func expandedReasoningIsSanitised() {
        let layout = MessageLayout(Self.reply(["<think>", "\u{1B}[2J", "</think>", "ok"]), width: 60, reasoning: .init(isExpanded: true))
        #expect(Self.lines(layout)[1] == "␛[2J")
        #expect(!layout.glyphs.contains { $0.character == "\u{1B}" })
    }

    @Test func theCacheKnowsTheFoldState() {
        let cache = MessageLayoutCache()
        #expect(cache.layout(of: Self.thinking, in: "c", width: 60).rows.count == 2)
        #expect(cache.layout(of: Self.thinking, in: "c", width: 60, reasoning: .init(isExpanded: true)).rows.count == 3)
    }
}
