import Render

/// A boxed list of adjustable settings, one slider row each, with a hint line: the chat's
/// sampler panel and the image tabs' settings panels.
struct KnobPanel {
    struct Row {
        let name: String
        let value: String
        let fraction: Double?
    }

    let title: String
    let rows: [Row]
    let selected: Int
    let isFocused: Bool
    let hint: String

    /// Rows of content plus the frame and the hint.
    static func height(rows: Int) -> Int { rows + 3 }
    /// The least that still shows one row: the frame, the row and the hint.
    static let minimumHeight = height(rows: 1)

    /// The rows shown in a box with room for `visible` of them: from the top, scrolled only
    /// as far as keeps the selected row in sight.
    func shownRows(_ visible: Int) -> Range<Int> {
        let first = min(max(0, selected - visible + 1), max(0, rows.count - visible))
        return first ..< min(rows.count, first + max(0, visible))
    }

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let border = theme[isFocused ? .borderFocused : .border]
        grid.fill(area, style: theme[.text])
        grid.drawBox(area, style: border, title: title, titleStyle: theme[.title])
        let inner = area.inset(by: 1)
        let shown = shownRows(inner.height - 1)
        grid.clipped(to: inner) { grid in
            for (offset, index) in shown.enumerated() {
                let row = rows[index]
                SliderRow(label: row.name, value: row.value, fraction: row.fraction, isSelected: isFocused && index == selected)
                    .draw(in: Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: 1), theme: theme, base: .text, grid: &grid)
            }
            grid.write(hint, x: inner.x + 1, y: inner.y + shown.count, style: theme[.muted])
        }
        // Rows out of sight are marked on the frame, above and below.
        guard !shown.isEmpty, area.width > 2 else { return }
        if shown.lowerBound > 0 { grid.write("▲", x: area.maxX - 1, y: inner.y, style: border) }
        if shown.upperBound < rows.count { grid.write("▼", x: area.maxX - 1, y: inner.y + shown.count - 1, style: border) }
    }
}

extension Knob {
    /// The knobs of `screen` as panel rows.
    static func rows(_ knobs: [Knob], of screen: Screen) -> [KnobPanel.Row] {
        knobs.map { KnobPanel.Row(name: $0.name, value: $0.value(screen), fraction: $0.fraction(screen)) }
    }
}
