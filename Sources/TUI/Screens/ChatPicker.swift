/// The saved-chats picker: type (or `/`) to search titles and text, ↑↓ to choose, Enter to
/// open; F2 renames the chosen chat in place, Del deletes it after asking.
public struct ChatPicker: Equatable, Sendable {
    /// Nil until the chat store has answered.
    public var chats: [ChatSummary]?
    /// Files that could not be read (they were moved aside), one line each.
    public var problems: [String] = []
    public var filter = ""
    public var selected = 0
    public var mode = Mode.browsing

    public enum Mode: Equatable, Sendable {
        case browsing
        /// Editing the title of the chat `id` in its row.
        case renaming(id: String, TextEditor)
        /// Asking before the chat's file is deleted.
        case confirmingDelete(ChatSummary)
    }

    public init(chats: [ChatSummary]? = nil) {
        self.chats = chats
    }

    public var matches: [ChatSummary] {
        guard let chats else { return [] }
        return filter.isEmpty ? chats : chats.filter { $0.matches(filter) }
    }

    enum Outcome: Equatable {
        case stay
        case close
        case open(id: String)
        case rename(id: String, title: String)
        case delete(id: String)
    }

    enum Command: Sendable {
        case open, up, down, pageUp, pageDown, rename, delete, back
    }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([Key(.enter)], .open, "Open the chosen chat"),
        KeyBinding([Key(.up)], .up, "Previous chat"),
        KeyBinding([Key(.down)], .down, "Next chat"),
        KeyBinding([Key(.pageUp)], .pageUp, "Ten chats up"),
        KeyBinding([Key(.pageDown)], .pageDown, "Ten chats down"),
        KeyBinding([Key(.function(2)), .ctrl("r")], .rename, "Rename it (Enter saves, Esc cancels; empty: its first message)"),
        KeyBinding([Key(.delete), .ctrl("d")], .delete, "Delete it (asks first)"),
        KeyBinding([Key(.escape)], .back, "Clear the search, or close"),
    ]

    static let helpRows = [HelpRow(keys: "type or /", action: "Search titles and text (Backspace erases)")] + bindings.helpRows()

    /// The hint line at the foot of the picker, for what it is doing.
    var hints: String {
        switch mode {
        case .browsing: "Enter open · F2 rename · Del delete · Esc " + (filter.isEmpty ? "close" : "clear search")
        case .renaming: "Enter saves the title · Esc cancels"
        case .confirmingDelete: ""
        }
    }

    mutating func handle(_ key: Key) -> Outcome {
        switch mode {
        case .browsing: return browse(key)
        case .renaming(let id, var editor):
            switch key {
            case Key(.escape): mode = .browsing
            case Key(.enter):
                mode = .browsing
                return .rename(id: id, title: editor.text)
            default:
                if let edit = TextEditor.command(for: key) {
                    if edit != .insertNewline { editor.perform(edit, width: Conversation.longestTitle) }
                } else if let character = key.typedCharacter {
                    editor.insert(String(character))
                }
                mode = .renaming(id: id, editor)
            }
        case .confirmingDelete(let chat):
            switch ConfirmDialog.answer(to: key) {
            case true?:
                mode = .browsing
                return .delete(id: chat.id)
            case false?: mode = .browsing
            case nil: break
            }
        }
        return .stay
    }

    /// Pasted text goes where typing would: into the title being edited, or the search.
    mutating func paste(_ text: String) {
        let line = String(text.prefix { !$0.isNewline })
        switch mode {
        case .browsing: search(filter + line)
        case .renaming(let id, var editor):
            editor.insert(line)
            mode = .renaming(id: id, editor)
        case .confirmingDelete: break
        }
    }

    /// The store renamed chat `id`.
    mutating func retitle(_ id: String, as title: String) {
        guard let index = chats?.firstIndex(where: { $0.id == id }) else { return }
        chats?[index].title = title
    }

    /// The store deleted chat `id`: it leaves the list, the choice stays in range.
    mutating func remove(_ id: String) {
        chats?.removeAll { $0.id == id }
        selected = min(selected, max(0, matches.count - 1))
    }

    private var chosen: ChatSummary? {
        let matches = matches
        return matches.indices.contains(selected) ? matches[selected] : nil
    }

    private mutating func browse(_ key: Key) -> Outcome {
        guard let command: Command = Self.bindings.command(for: key) else {
            if key == Key(.backspace) {
                search(String(filter.dropLast()))
            } else if let character = key.typedCharacter, !(character == "/" && filter.isEmpty) {
                search(filter + String(character))  // a leading "/" only says "search", as in less and vim
            }
            return .stay
        }
        let last = max(0, matches.count - 1)
        switch command {
        case .open: return chosen.map { .open(id: $0.id) } ?? .stay
        case .back:
            if filter.isEmpty { return .close }
            search("")
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(last, selected + 1)
        case .pageUp: selected = max(0, selected - 10)
        case .pageDown: selected = min(last, selected + 10)
        case .rename: if let chosen { mode = .renaming(id: chosen.id, TextEditor(chosen.title)) }
        case .delete: if let chosen { mode = .confirmingDelete(chosen) }
        }
        return .stay
    }

    private mutating func search(_ text: String) {
        filter = text
        selected = 0
    }
}
