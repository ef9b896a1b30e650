import Render

/// One adjustable number: `Temperature   0.80 ▕██████░░░░▏`. The bar is left out when
/// there is no room or no range (a seed).
struct SliderRow {
    let label: String
    let value: String
    /// Position of the value in its range, 0...1; nil for values without a meaningful range.
    let fraction: Double?
    let isSelected: Bool

    func draw(in area: Rect, theme: Theme, base: ThemeRole, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let style = isSelected ? theme.style(.selection, on: base) : theme.style(.text, on: base)
        grid.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: style)
        grid.clipped(to: area) { grid in
            let marker = isSelected ? "▸ " : "  "
            grid.write(marker + label, x: area.x, y: area.y, style: style)
            let labelWidth = 16
            let valueEnd = area.x + labelWidth + 2 + max(DisplayWidth.of(value), 8)
            grid.write(value, x: valueEnd - DisplayWidth.of(value), y: area.y, style: style.with(.bold))
            let barWidth = area.maxX - valueEnd - 3
            guard let fraction, barWidth >= 4 else { return }
            let filled = Int((Double(barWidth) * min(max(fraction, 0), 1)).rounded())
            var x = grid.write(" ▕", x: valueEnd, y: area.y, style: theme.style(.border, on: base))
            x = grid.write(String(repeating: "█", count: filled), x: x, y: area.y, style: theme.style(.barFilled, on: base))
            x = grid.write(String(repeating: "░", count: barWidth - filled), x: x, y: area.y, style: theme.style(.barEmpty, on: base))
            grid.write("▏", x: x, y: area.y, style: theme.style(.border, on: base))
        }
    }
}
