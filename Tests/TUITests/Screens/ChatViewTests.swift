import Engine
import Render
import Testing
@testable import TUI

@Suite struct ChatViewTests {
    @Test func shellLayout() {
        let screen = makeModel(width: 60, height: 12).screen
        #expect(screen[0] == " genplay  1 Chat   2 Diffusion   3 GAN   4 VAE   5 Models")  // no room for the title
        #expect(screen[8] == "╭─ Message ────────────────────────────────────────────────╮")
        #expect(screen[9].hasPrefix("│Type a message · Enter sends"))
        #expect(screen[11].hasPrefix(" tiny-llama │ ctx 0/2,048"))
        #expect(screen[11].hasSuffix("Enter send  F1 help"))
    }

    @Test func messagesWrapAtWordsUnderTheirHeader() {
        var model = makeModel(width: 40, height: 14)
        model.exchange("hi", reply: ["The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog"])
        let screen = model.screen
        let header = screen.firstIndex(of: "▌Assistant  9 tokens")!
        #expect(screen[header + 1] == "  The quick brown fox jumps over the")
        #expect(screen[header + 2] == "  lazy dog")
    }

    @Test func wideCharactersAndCombiningMarksWrapWhole() {
        var model = makeModel(width: 40, height: 14)
        model.exchange(String(repeating: "漢", count: 25) + " cafe\u{301}", reply: ["ok"])
        let screen = model.screen
        let header = screen.firstIndex(of: "▌You")!
        #expect(screen[header + 1] == "  " + String(repeating: "漢", count: 18))
        #expect(screen[header + 2] == "  " + String(repeating: "漢", count: 7) + " cafe\u{301}")
    }

    @Test func inputGrowsWithItsTextAndShowsTheCursor() {
        var model = makeModel(width: 40, height: 20)
        model.type("one")
        model.press(.ctrl("j"))
        model.type("two")
        let grid = view(model)
        let lines = grid.lines.map { $0.trimmingTrailingSpaces() }
        #expect(lines[16] == "│one" + String(repeating: " ", count: 35) + "│")
        #expect(lines[17] == "│two" + String(repeating: " ", count: 35) + "│")
        #expect(grid.cursor == Point(x: 4, y: 17))
    }

    @Test func historyWithUpAndDown() {
        var model = makeModel()
        model.exchange("first", reply: ["a"])
        model.exchange("second", reply: ["b"])
        model.type("draft")
        model.press(Key(.up))
        #expect(model.chat.input.text == "second")
        model.press(Key(.up))
        #expect(model.chat.input.text == "first")
        model.press(Key(.down))
        model.press(Key(.down))
        #expect(model.chat.input.text == "draft")
    }

    @Test func scrollingUpStaysPutWhileTokensArriveAndPageDownSticksAgain() {
        var model = makeModel(width: 40, height: 12)
        for index in 0..<6 { model.exchange("question \(index)", reply: ["answer \(index)"]) }
        model.type("last")
        model.press(Key(.enter))
        model.receive(.token(token("streaming", id: 1)))
        #expect(model.screen.contains(text: "streaming▍"))
        model.press(Key(.pageUp))
        let scrolled = model.screen
        #expect(!scrolled.contains(text: "streaming"))
        model.receive(.token(token(" more", id: 2)))
        #expect(model.screen == scrolled)
        model.press(Key(.pageDown))
        model.press(Key(.pageDown))
        #expect(model.chat.scroll == .bottom)
        model.receive(.token(token(" text", id: 3)))
        #expect(model.screen.contains(text: "streaming more text▍"))
    }

    @Test func mouseWheelScrolls() {
        var model = makeModel(width: 40, height: 12)
        for index in 0..<6 { model.exchange("question \(index)", reply: ["answer \(index)"]) }
        model.send(.mouse(.wheelUp(at: Point(x: 5, y: 5))))
        #expect(model.chat.scroll != .bottom)
        model.send(.mouse(.wheelDown(at: Point(x: 5, y: 5))))
        #expect(model.chat.scroll == .bottom)
    }

    @Test func scrollbarAppearsWhenTheChatIsTaller() {
        var model = makeModel(width: 40, height: 12)
        #expect(!model.screen.contains(text: "┃"))
        for index in 0..<6 { model.exchange("question \(index)", reply: ["answer \(index)"]) }
        #expect(model.screen.contains(text: "┃"))
    }

    @Test func panelsStackBelowTheListOnNarrowTerminals() {
        var model = makeModel(width: 60, height: 30)
        model.press(.alt("p"))
        let screen = model.screen
        let panelTop = screen.firstIndex { $0.hasPrefix("╭─ Sampler") }!
        let inputTop = screen.firstIndex { $0.hasPrefix("╭─ Message") }!
        #expect(panelTop < inputTop)
    }

    @Test func resizingMidStreamKeepsStreaming() {
        var model = makeModel(width: 80, height: 24)
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.token(token("Hello", id: 1)))
        for size in [Size(width: 10, height: 3), Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 45, height: 12)] {
            model.send(.resize(size))
            _ = view(model)
            model.receive(.token(token(".", id: 2)))
        }
        #expect(model.chat.conversation.messages[1].text == "Hello....")
        #expect(model.screen.contains(text: "Hello....▍"))
    }

    // MARK: Reasoning (<think>)

    static let thinkingReply = ["<think>", "\n", "They", " say", " hi", ".", "\n", "</think>", "\n\n", "Hello", "!"]

    /// Folded by default into one dimmed line; Alt-r shows the reasoning for every reply and
    /// folds it again.
    @Test func aReplysReasoningIsFoldedUntilAltR() {
        var model = makeModel(width: 60, height: 16)
        model.exchange("hi", reply: Self.thinkingReply)
        var screen = model.screen
        let header = screen.firstIndex(of: "▌Assistant  11 tokens")!
        #expect(screen[header + 1] == "  ▸ thought for 6 tokens · Alt-r shows")
        #expect(screen[header + 2] == "  Hello!")
        #expect(!screen.contains(text: "They say hi"))
        let line = view(model).lines.firstIndex { $0.contains("▸ thought") }!
        #expect(view(model)[2, line].style == model.theme[.muted])  // dimmed

        model.press(.alt("r"))
        screen = model.screen
        #expect(screen[header + 1] == "  ▾ thought for 6 tokens · Alt-r hides")
        #expect(screen[header + 2] == "  They say hi.")
        #expect(screen[header + 3] == "  Hello!")
        #expect(view(model)[2, line + 1].style == model.theme[.muted])
        #expect(model.chat.conversation.messages[1].text.hasPrefix("<think>"))  // the text itself is kept

        model.press(Key(.function(9)))
        #expect(!model.screen.contains(text: "They say hi"))
        #expect(ChatScreen.helpSections[0].rows.contains { $0.keys == "Alt-r / F9" && $0.action.contains("reasoning") })
    }

    @Test func whileThinkingTheReplyShowsThatItIsThinking() {
        var model = makeModel(width: 60, height: 16)
        model.type("hi")
        model.press(Key(.enter))
        for (index, piece) in ["<think>", "Hmm", ",", " well"].enumerated() { model.receive(.token(token(piece, id: Int32(index)))) }
        #expect(model.screen.contains(text: "  ▸ thinking… 3 tokens · Alt-r shows▍"))
        model.press(.alt("r"))
        #expect(model.screen.contains(text: "  Hmm, well▍"))
        model.press(.alt("r"))
        model.receive(.token(token("</think>", id: 4)))
        model.receive(.token(token("Yes", id: 5)))
        #expect(model.screen.contains(text: "  ▸ thought for 3 tokens · Alt-r shows"))
        #expect(model.screen.contains(text: "  Yes▍"))
        // A reply that ended inside the section: unfinished.
        model.press(Key(.escape))
        model.exchange("again", reply: ["<think>", "Maybe"])
        #expect(model.screen.contains(text: "  ▸ thought for 1 token (unfinished) · Alt-r shows"))
    }

    /// A user who types the tags sees them as typed; a reply without reasoning is as ever.
    @Test func onlyRepliesFoldAndOnlyTheirThinkSection() {
        var model = makeModel(width: 60, height: 16)
        model.exchange("<think>not folded</think>", reply: ["Plain", " answer"])
        let screen = model.screen
        #expect(screen.contains(text: "  <think>not folded</think>"))
        #expect(screen.contains(text: "  Plain answer"))
        #expect(!screen.contains(text: "thought"))
    }
}
