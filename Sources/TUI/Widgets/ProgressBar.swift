import Render

/// `████████░░░░░░  57%`, or a moving block when the fraction is unknown.
struct ProgressBar {
    let fraction: Double?
    /// Animation counter for the indeterminate bar.
    let frame: Int

    func draw(in area: Rect, theme: Theme, base: ThemeRole, grid: inout CellGrid) {
        guard area.width >= 8 else { return }
        let barWidth = area.width - 6
        var filled = Array(repeating: false, count: barWidth)
        if let fraction {
            for index in 0..<Int((Double(barWidth) * min(max(fraction, 0), 1)).rounded()) { filled[index] = true }
        } else {
            let start = frame % max(1, barWidth)
            for offset in 0..<min(4, barWidth) { filled[(start + offset) % barWidth] = true }
        }
        var x = area.x
        for isFilled in filled {
            x = grid.write(isFilled ? "█" : "░", x: x, y: area.y, style: theme.style(isFilled ? .barFilled : .barEmpty, on: base))
        }
        if let fraction {
            let percent = "\(Int((fraction * 100).rounded()))%"
            grid.write(String(repeating: " ", count: 6 - percent.count) + percent, x: x, y: area.y, style: theme[base])
        }
    }
}
