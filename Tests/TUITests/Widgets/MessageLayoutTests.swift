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
