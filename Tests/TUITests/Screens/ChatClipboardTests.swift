import Render
import Testing
@testable import TUI

@Suite struct ChatClipboardTests {
    @Test func altYCopiesTheLastAnswerWithoutItsReasoning() {
        var model = makeModel()
        #expect(model.press(.alt("y")).isEmpty)
        #expect(model.notice?.text == "No answer to copy yet.")
        model.exchange("hi", reply: ["<think>", "hm", "</think>", "Hello", " there"])
        model.exchange("again", reply: ["Second", " answer"])
        #expect(model.press(.alt("y")) == [.copyToClipboard("Second answer")])
        #expect(model.screen.contains(text: "Copied the answer (13 characters) to the clipboard."))
        // In the token view, the answer under the cursor.
        model.press(.alt("t"))
        model.press(Key(.up, .control))
        let cursor = model.chat.tokenCursor?.message
        #expect(cursor != nil)
        let expected = cursor == 1 ? "Hello there" : "Second answer"
        #expect(model.press(.alt("y")) == [.copyToClipboard(expected)])
    }

    @Test func altCCopiesTheCodeBlockAtTheCursorElseTheLast() {
        var model = makeModel()
        model.exchange("hi", reply: ["No", " code."])
        #expect(model.press(.alt("c")).isEmpty)
        #expect(model.notice?.text == "That answer has no code block.")
        model.exchange("code", reply: ["A:\n", "```sh\n", "ls\n", "```\n", "B:\n", "```\n", "pwd\n", "```"])
        #expect(model.press(.alt("c")) == [.copyToClipboard("pwd")])
        #expect(model.notice?.text == "Copied the code block (3 characters) to the clipboard.")
        // In the token view, the block of the token under the cursor.
        model.press(.alt("t"))
        model.chat.tokenCursor = TokenCursor(message: 3, token: 2, alternative: 0)
        #expect(model.press(.alt("c")) == [.copyToClipboard("ls")])
    }

    @Test func tooLongAnAnswerIsSaidNotSent() {
        var model = makeModel()
        model.exchange("hi", reply: [String(repeating: "x", count: OSC52.maximumBytes + 1)])
        #expect(model.press(.alt("y")).isEmpty)
        #expect(model.notice?.kind == .error && model.notice?.text.hasPrefix("Too long to copy through the terminal") == true)
    }

    @Test func altUReleasesAndCapturesTheMouse() {
        var model = makeModel()
        #expect(model.press(.alt("u")) == [.setMouseCapture(false)])
        #expect(!model.mouseCaptured && model.screen.contains(text: "Mouse released"))
        #expect(model.press(.alt("u")) == [.setMouseCapture(true)])
        #expect(model.mouseCaptured)
    }
}
