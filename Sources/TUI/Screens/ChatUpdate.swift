import Engine
import Render

/// Keys on the Chat screen with the input focused, and the commands of `ChatScreen.bindings`.
extension AppModel {
    var bodyArea: Rect { Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 2)) }
    var chatLayout: ChatLayout { ChatLayout(chat, body: bodyArea) }

    mutating func chatKey(_ key: Key) -> [Effect] {
        switch chat.focus {
        case .sampler: return samplerKey(key)
        case .tokens: return tokenKey(key)
        case .proposal: return proposalKey(key)
        case .input: break
        }
        if let command: ChatCommand = ChatScreen.bindings.command(for: key) {
            return perform(command)
        }
        let inputWidth = chatLayout.input.width - 2
        if let edit = TextEditor.command(for: key) {
            if !chat.input.perform(edit, width: inputWidth) {
                browseHistory(edit)
            }
            return []
        }
        if let character = key.typedCharacter {
            if character == "?" && chat.input.isEmpty {
                overlay = .help(scroll: 0)
            } else {
                chat.input.insert(String(character))
            }
        }
        return []
    }

    mutating func perform(_ command: ChatCommand) -> [Effect] {
        switch command {
        case .send: return send()
        case .stop:
            if chat.isGenerating { return stopGeneration() }
            if chat.editingMessage != nil {
                chat.editingMessage = nil
                chat.input.setText("")
            }
            return []
        case .regenerate: return regenerate()
        case .editLast: return editLastUserMessage()
        case .newChat: return newChat()
        case .systemPrompt:
            overlay = .editor(.systemPrompt, TextEditor(chat.conversation.systemPrompt))
            return []
        case .toggleSampler:
            chat.samplerVisible.toggle()
            chat.focus = chat.samplerVisible ? .sampler : .input
            return []
        case .tokenView: return openTokenView()
        case .toggleHeatmap:
            toggleHeatmap()
            return []
        case .toggleStepMode: return toggleStepMode()
        case .toggleReasoning:
            chat.showsReasoning.toggle()
            show(Notice(chat.showsReasoning ? "Reasoning shown (dimmed)." : "Reasoning folded."))
        case .openChats:
            overlay = .chatPicker(ChatPicker())
            return [.listChats]
        case .exportMarkdown:
            guard !chat.conversation.messages.isEmpty else {
                show(Notice("Nothing to export yet.", kind: .error))
                return []
            }
            return [.exportMarkdown(chat.conversationToSave)]
        case .copyAnswer: return copyAnswer()
        case .copyCode: return copyCode()
        case .toggleMouseCapture: return toggleMouseCapture()
        case .pageUp: scrollMessages(by: -max(1, chatLayout.messages.height - 2))
        case .pageDown: scrollMessages(by: max(1, chatLayout.messages.height - 2))
        case .focusNext: cycleFocus(forward: true)
        case .focusPrevious: cycleFocus(forward: false)
        }
        return []
    }

    /// A paste always goes to the input, which takes the focus unless a step waits.
    mutating func chatPaste(_ text: String) {
        chat.input.paste(text)
        if chat.focus != .proposal { chat.focus = .input }
    }

    /// Scrolls the message list by `rows` (negative: up); reaching the end sticks to it again.
    mutating func scrollMessages(by rows: Int) {
        let area = chatLayout.messages
        let list = MessageList(chat, width: area.width)
        let maxTop = max(0, list.rows.count - area.height)
        let top = list.firstVisibleRow(chat.scroll, height: area.height) + rows
        chat.scroll = top >= maxTop ? .bottom : .top(row: max(0, top))
    }

    /// Scrolls so that the token under the cursor is in view.
    mutating func scrollToTokenCursor() {
        guard let cursor = chat.tokenCursor else { return }
        let area = chatLayout.messages
        let list = MessageList(chat, width: area.width)
        guard let row = list.row(ofToken: cursor.token, in: cursor.message) else { return }
        let top = list.firstVisibleRow(chat.scroll, height: area.height)
        if row < top {
            chat.scroll = .top(row: max(0, row - 1))
        } else if row >= top + area.height {
            let newTop = row - area.height + 2
            chat.scroll = newTop >= list.rows.count - area.height ? .bottom : .top(row: newTop)
        }
    }

    mutating func toggleHeatmap() {
        chat.heatmap.toggle()
        show(Notice(chat.heatmap ? "Heatmap on: token colour shows its probability (low → high)." : "Heatmap off."))
    }

    private mutating func browseHistory(_ edit: EditCommand) {
        let entry: String?
        switch edit {
        case .up: entry = chat.history.previous(current: chat.input.text)
        case .down: entry = chat.history.next()
        default: entry = nil
        }
        if let entry { chat.input.setText(entry) }
    }

    private mutating func cycleFocus(forward: Bool) {
        var order: [ChatFocus] = [.input]
        if chat.samplerVisible { order.append(.sampler) }
        if lastTokenPosition() != nil { order.append(.tokens) }
        guard let current = order.firstIndex(of: chat.focus) else { return }
        let next = order[(current + (forward ? 1 : order.count - 1)) % order.count]
        if next == .tokens {
            _ = openTokenView()
        } else {
            chat.focus = next
        }
    }

    private mutating func openTokenView() -> [Effect] {
        guard let last = lastTokenPosition() else {
            show(Notice("No generated tokens yet.", kind: .error))
            return []
        }
        if chat.tokenCursor == nil || !isValid(chat.tokenCursor!) { chat.tokenCursor = last }
        chat.focus = .tokens
        scrollToTokenCursor()
        return []
    }

    func isValid(_ cursor: TokenCursor) -> Bool {
        chat.conversation.messages.indices.contains(cursor.message)
            && chat.conversation.messages[cursor.message].tokens.indices.contains(cursor.token)
    }

    /// The last token of the last reply that has tokens.
    func lastTokenPosition() -> TokenCursor? {
        guard let index = chat.conversation.messages.lastIndex(where: { !$0.tokens.isEmpty }) else { return nil }
        return TokenCursor(message: index, token: chat.conversation.messages[index].tokens.count - 1, alternative: 0)
    }
}
