import Render

/// A list with one highlighted row that scrolls to keep it in view: `title   detail`.
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

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let top = min(max(0, selected - area.height + 1), max(0, items.count - area.height))
        for (offset, item) in items.dropFirst(top).prefix(area.height).enumerated() {
            let y = area.y + offset
            let isSelected = top + offset == selected
            let style = isSelected ? theme.style(.selection, on: base) : item.isDimmed ? theme.style(.muted, on: base) : theme[base]
            let row = Rect(x: area.x, y: y, width: area.width, height: 1)
            grid.fill(row, style: style)
            grid.clipped(to: row) { grid in
                let detailWidth = DisplayWidth.of(item.detail)
                let titleRoom = area.width - detailWidth - 4
                grid.clipped(to: Rect(x: area.x, y: y, width: max(0, titleRoom + 2), height: 1)) { grid in
                    grid.write((isSelected ? "▸ " : "  ") + item.title, x: area.x, y: y, style: style)
                }
                if titleRoom > 8 {
                    grid.write(item.detail, x: area.maxX - detailWidth - 1, y: y,
                               style: isSelected ? style : theme.style(.muted, on: base))
                }
            }
        }
    }
}
