import Engine
import Render

extension AppModel {
    /// Alt-y: the answer under the token cursor (in the token view), else the last one, to the
    /// clipboard: its text as shown, without a think section.
    mutating func copyAnswer() -> [Effect] {
        let messages = chat.conversation.messages
        let index = chat.focus == .tokens ? chat.tokenCursor?.message
            : messages.lastIndex { $0.role == .assistant && !$0.text.isEmpty }
        guard let index, messages.indices.contains(index), !messages[index].text.isEmpty else {
            show(Notice("No answer to copy yet.", kind: .error))
            return []
        }
        let text = messages[index].text
        let answer = ThinkSection(in: text).map { String($0.answer(in: text)) } ?? text
        guard OSC52.sequence(copying: answer) != nil else {
            show(Notice("Too long to copy through the terminal (\(answer.utf8.count / 1000) KB; at most \(OSC52.maximumBytes / 1000) KB): Alt-x exports it.",
                        kind: .error))
            return []
        }
        show(Notice("Copied the answer (\(answer.count) characters) to the clipboard.", kind: .success))
        return [.copyToClipboard(answer)]
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
