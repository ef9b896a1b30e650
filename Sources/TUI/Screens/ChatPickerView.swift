import Render

extension ChatPicker {
    func draw(over area: Rect, theme: Theme, now: Double, grid: inout CellGrid) {
        let box = area.centered(Size(width: min(area.width, 72), height: min(area.height, 20)))
        guard box.width >= 10, box.height >= 5 else { return }
        grid.fill(box, style: theme[.dialog])
        grid.drawBox(box, style: theme.style(.borderFocused, on: .dialog), title: "Open a chat", titleStyle: theme.style(.title, on: .dialog))
        let inner = box.inset(by: 1)
        grid.clipped(to: inner) { grid in
            let x = grid.write("Search: ", x: inner.x + 1, y: inner.y, style: theme.style(.muted, on: .dialog))
            let end = grid.write(filter, x: x, y: inner.y, style: theme[.dialog])
            grid.cursor = Point(x: end, y: inner.y)
            grid.write(hints, x: inner.x + 1, y: inner.maxY - 1, style: theme.style(.muted, on: .dialog))
            var listTop = inner.y + 2
            for problem in problems.prefix(2) {
                grid.write("⚠ " + problem, x: inner.x + 1, y: listTop, style: theme.style(.warning, on: .dialog))
                listTop += 1
            }
            let listArea = Rect(x: inner.x, y: listTop, width: inner.width, height: inner.maxY - 2 - listTop)
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
            if case .renaming(_, let editor) = mode {
                drawTitleEditor(editor, in: listArea, rowCount: items.count, theme: theme, grid: &grid)
            }
        }
        if case .confirmingDelete(let chat) = mode {
            grid.cursor = nil
            ConfirmDialog(title: "Delete this chat?", message: "“\(chat.title)” (\(chat.messageCount) msgs) will be deleted for good.",
                          confirmLabel: "delete", cancelLabel: "keep it")
                .draw(over: box, theme: theme, grid: &grid)
        }
    }

    /// The title being edited, over the chosen chat's row.
    private func drawTitleEditor(_ editor: TextEditor, in listArea: Rect, rowCount: Int, theme: Theme, grid: inout CellGrid) {
        guard !listArea.isEmpty else { return }
        let y = listArea.y + selected - SelectionList.firstShown(selected: selected, count: rowCount, height: listArea.height)
        let row = Rect(x: listArea.x, y: y, width: listArea.width, height: 1)
        grid.fill(row, style: theme.style(.input, on: .dialog))
        grid.write("✎ ", x: row.x, y: y, style: theme.style(.accent, on: .dialog))
        EditorView(editor: editor, placeholder: "a title (empty: its first message)", isFocused: true)
            .draw(in: Rect(x: row.x + 2, y: y, width: row.width - 3, height: 1), theme: theme, base: .dialog, grid: &grid)
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
