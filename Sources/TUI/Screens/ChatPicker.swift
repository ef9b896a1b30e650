import Foundation
import Render

/// The saved-chats picker: type to filter by title, ↑↓ to choose, Enter to open.
public struct ChatPicker: Equatable, Sendable {
    /// Nil until the chat store has answered.
    public var chats: [ChatSummary]?
    /// Files that could not be read (they were moved aside), one line each.
    public var problems: [String] = []
    public var filter = ""
    public var selected = 0

    public init(chats: [ChatSummary]? = nil) {
        self.chats = chats
    }

    public var matches: [ChatSummary] {
        guard let chats else { return [] }
        guard !filter.isEmpty else { return chats }
        return chats.filter { $0.title.localizedCaseInsensitiveContains(filter) }
    }

    enum Outcome {
        case stay
        case close
        case open(id: String)
    }

    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case Key(.escape): return .close
        case Key(.enter):
            let matches = matches
            return matches.indices.contains(selected) ? .open(id: matches[selected].id) : .stay
        case Key(.up): selected = max(0, selected - 1)
        case Key(.down): selected = min(max(0, matches.count - 1), selected + 1)
        case Key(.pageUp): selected = max(0, selected - 10)
        case Key(.pageDown): selected = min(max(0, matches.count - 1), selected + 10)
        case Key(.backspace):
            if !filter.isEmpty { filter.removeLast() }
            selected = 0
        default:
            if let character = key.typedCharacter {
                filter.append(character)
                selected = 0
            }
        }
        return .stay
    }

    static let helpRows = [
        HelpRow(keys: "type", action: "Filter chats by title"),
        HelpRow(keys: "↑ / ↓ / PgUp / PgDn", action: "Choose a chat"),
        HelpRow(keys: "Enter", action: "Open it"),
        HelpRow(keys: "Esc", action: "Close"),
    ]

    func draw(over area: Rect, theme: Theme, now: Double, grid: inout CellGrid) {
        let box = area.centered(Size(width: min(area.width, 72), height: min(area.height, 20)))
        guard box.width >= 10, box.height >= 5 else { return }
        grid.fill(box, style: theme[.dialog])
        grid.drawBox(box, style: theme.style(.borderFocused, on: .dialog), title: "Open a chat", titleStyle: theme.style(.title, on: .dialog))
        let inner = box.inset(by: 1)
        grid.clipped(to: inner) { grid in
            let x = grid.write("Filter: ", x: inner.x + 1, y: inner.y, style: theme.style(.muted, on: .dialog))
            let end = grid.write(filter, x: x, y: inner.y, style: theme[.dialog])
            grid.cursor = Point(x: end, y: inner.y)
            var listTop = inner.y + 2
            for problem in problems.prefix(2) {
                grid.write("⚠ " + problem, x: inner.x + 1, y: listTop, style: theme.style(.warning, on: .dialog))
                listTop += 1
            }
            let listArea = Rect(x: inner.x, y: listTop, width: inner.width, height: inner.maxY - listTop)
            guard chats != nil else {
                grid.write("Loading…", x: inner.x + 1, y: listTop, style: theme.style(.muted, on: .dialog))
                return
            }
            let matches = matches
            if matches.isEmpty {
                grid.write(filter.isEmpty ? "No saved chats yet." : "No chat matches.", x: inner.x + 1, y: listTop,
                           style: theme.style(.muted, on: .dialog))
            }
            let items = matches.map {
                SelectionList.Item(title: $0.title, detail: "\($0.messageCount) msgs · \(Self.age(of: $0.updatedAt, now: now))")
            }
            SelectionList(items: items, selected: selected, base: .dialog).draw(in: listArea, theme: theme, grid: &grid)
        }
    }

    /// "just now", "5 min ago", "3 h ago", "12 d ago".
    static func age(of time: Double, now: Double) -> String {
        let seconds = Int(max(0, now - time))
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h ago"
        default: return "\(seconds / 86_400) d ago"
        }
    }
}
