import Render

/// A list with one highlighted row that scrolls to keep it in view: `title   detail`, the
/// detail cut at a word (or left out) before the title is cut.
struct SelectionList {
    struct Item {
        let title: String
        let detail: String
        /// Shown muted: listed for information, not to be chosen.
        var isDimmed = false
    }

    let items: [Item]
    let selected: Int
    let base: ThemeRole
    /// Less room than this and the detail is left out rather than cut to a stub.
    static let shortestDetail = 8

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let top = Self.firstShown(selected: selected, count: items.count, height: area.height)
        for (offset, item) in items.dropFirst(top).prefix(area.height).enumerated() {
            let y = area.y + offset
            let isSelected = top + offset == selected
            let style = isSelected ? theme.style(.selection, on: base) : item.isDimmed ? theme.style(.muted, on: base) : theme[base]
            let row = Rect(x: area.x, y: y, width: area.width, height: 1)
            grid.fill(row, style: style)
            grid.clipped(to: row) { grid in
                // The title is never cut while it fits the row; the detail gets what is left.
                let room = area.width - 3  // the marker and a margin on the right
                let title = WordWrap.truncated(item.title, width: room)
                let x = grid.write((isSelected ? "▸ " : "  ") + title, x: area.x, y: y, style: style)
                let detailRoom = area.maxX - 1 - (x + 2)
                if detailRoom >= Self.shortestDetail {
                    let detail = WordWrap.truncated(item.detail, width: detailRoom)
                    grid.write(detail, x: area.maxX - DisplayWidth.of(detail) - 1, y: y,
                               style: isSelected ? style : theme.style(.muted, on: base))
                }
            }
        }
    }

    /// The first item shown when `height` rows show `count` items and keep `selected` in view.
    static func firstShown(selected: Int, count: Int, height: Int) -> Int {
        min(max(0, selected - height + 1), max(0, count - height))
    }
}
