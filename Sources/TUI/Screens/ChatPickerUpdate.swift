/// What the chat picker's answers do to the app, and the chat store's replies to them.
extension AppModel {
    mutating func chatPickerKey(_ key: Key, _ picker: ChatPicker) -> [Effect] {
        var picker = picker
        let outcome = picker.handle(key)
        overlay = .chatPicker(picker)
        switch outcome {
        case .stay: return []
        case .close:
            overlay = nil
            return []
        case .open(let id):
            overlay = nil
            return [.openChat(id: id)]
        case .rename(let id, let title):
            // The open chat takes the title at once, so its next save keeps it.
            if id == chat.conversation.id { chat.conversation.rename(title) }
            return [.renameChat(id: id, title: title)]
        case .delete(let id):
            // Deleting the open chat starts a new one, so nothing saves the deleted one again.
            return (id == chat.conversation.id ? newChat() : []) + [.deleteChat(id: id)]
        }
    }

    mutating func chatRenamed(_ id: String, as title: String) {
        if case .chatPicker(var picker) = overlay {
            picker.retitle(id, as: title)
            overlay = .chatPicker(picker)
        }
        show(Notice("Renamed to “\(title)”.", kind: .success))
    }

    mutating func chatDeleted(_ id: String) {
        guard case .chatPicker(var picker) = overlay else { return show(Notice("Chat deleted.", kind: .success)) }
        let title = picker.chats?.first { $0.id == id }?.title
        picker.remove(id)
        overlay = .chatPicker(picker)
        show(Notice(title.map { "Deleted “\($0)”." } ?? "Chat deleted.", kind: .success))
    }
}
