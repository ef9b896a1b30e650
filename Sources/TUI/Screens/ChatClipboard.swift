import Engine
import Render

extension AppModel {
    /// Alt-y: the answer under the token cursor (in the token view), else the last one, to the
    /// clipboard: its text as shown, without a think section.
    mutating func copyAnswer() -> [Effect] {
        guard let (text, _) = answerToCopy() else { return [] }
        let answer = ThinkSection(in: text).map { String($0.answer(in: text)) } ?? text
        return copy(answer, what: "the answer")
    }

    /// Alt-c: the code block under the token cursor (in the token view), else the answer's
    /// last, to the clipboard: the code between the fences.
    mutating func copyCode() -> [Effect] {
        guard let (text, position) = answerToCopy() else { return [] }
        guard let block = CodeBlocks(text).block(at: position) else {
            show(Notice("That answer has no code block.", kind: .error))
            return []
        }
        return copy(block.code, what: "the code block")
    }

    /// The answer to copy from, and the UTF-8 offset of the token cursor in it (token view).
    private mutating func answerToCopy() -> (text: String, position: Int?)? {
        let messages = chat.conversation.messages
        let cursor = chat.focus == .tokens ? chat.tokenCursor : nil
        let index = cursor?.message ?? messages.lastIndex { $0.role == .assistant && !$0.text.isEmpty }
        guard let index, messages.indices.contains(index), !messages[index].text.isEmpty else {
            show(Notice("No answer to copy yet.", kind: .error))
            return nil
        }
        let position = cursor.map { c in messages[index].tokens.prefix(c.token).reduce(0) { $0 + $1.text.utf8.count } }
        return (messages[index].text, position)
    }

    private mutating func copy(_ text: String, what: String) -> [Effect] {
        guard OSC52.sequence(copying: text) != nil else {
            show(Notice("Too long to copy through the terminal (\(text.utf8.count / 1000) KB; at most \(OSC52.maximumBytes / 1000) KB): Alt-x exports it.",
                        kind: .error))
            return []
        }
        show(Notice("Copied \(what) (\(text.count) characters) to the clipboard.", kind: .success))
        return [.copyToClipboard(text)]
    }

    /// Alt-u: mouse capture off lets the terminal select text; on again, clicks and the wheel
    /// come to genplay.
    mutating func toggleMouseCapture() -> [Effect] {
        mouseCaptured.toggle()
        show(Notice(mouseCaptured ? "Mouse captured: clicks and the wheel work in genplay."
                        : "Mouse released: select text with the mouse; Alt-u captures it again."))
        return [.setMouseCapture(mouseCaptured)]
    }
}
