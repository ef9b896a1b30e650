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

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        grid.fill(area, style: theme[.text])
        grid.drawBox(area, style: theme[isFocused ? .borderFocused : .border], title: title, titleStyle: theme[.title])
        let inner = area.inset(by: 1)
        grid.clipped(to: inner) { grid in
            for (index, row) in rows.enumerated() {
                SliderRow(label: row.name, value: row.value, fraction: row.fraction, isSelected: isFocused && index == selected)
                    .draw(in: Rect(x: inner.x, y: inner.y + index, width: inner.width, height: 1), theme: theme, base: .text, grid: &grid)
            }
            grid.write(hint, x: inner.x + 1, y: inner.y + rows.count, style: theme[.muted])
        }
    }
}

extension Knob {
    /// The knobs of `screen` as panel rows.
    static func rows(_ knobs: [Knob], of screen: Screen) -> [KnobPanel.Row] {
        knobs.map { KnobPanel.Row(name: $0.name, value: $0.value(screen), fraction: $0.fraction(screen)) }
    }
}
