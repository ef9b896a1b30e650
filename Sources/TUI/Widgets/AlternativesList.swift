import Engine
import Render

/// A step's candidates, best first: `▸ •·the    41.2% ████`. The chosen (or sampled) token is
/// marked with a dot, the picked row highlighted.
struct AlternativesList {
    let candidates: [TokenAlternative]
    let chosenID: Int32
    let selected: Int

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let textWidth = max(6, min(18, area.width - 18))
        for (index, candidate) in candidates.prefix(area.height).enumerated() {
            let y = area.y + index
            let isSelected = index == selected
            let style = isSelected ? theme[.selection] : theme[.text]
            grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            grid.clipped(to: Rect(x: area.x, y: y, width: area.width, height: 1)) { grid in
                var x = grid.write(isSelected ? "▸" : " ", x: area.x, y: y, style: style)
                x = grid.write(candidate.id == chosenID ? "•" : " ", x: x, y: y, style: theme[.accent].with(background: style.background))
                grid.clipped(to: Rect(x: x, y: y, width: textWidth, height: 1)) { grid in
                    grid.write(TokenStrip.visible(candidate.text), x: x, y: y, style: style)
                }
                x += textWidth + 1
                let percent = Self.percent(candidate.probability)
                x = grid.write(String(repeating: " ", count: max(0, 6 - percent.count)) + percent, x: x, y: y, style: style)
                let barWidth = area.maxX - x - 1
                if barWidth > 0 {
                    let eighths = Int((Double(candidate.probability) * Double(barWidth * 8)).rounded())
                    grid.write(" " + Self.bar(eighths: eighths), x: x, y: y, style: theme[.barFilled].with(background: style.background))
                }
            }
        }
    }

    /// 0.4123 as "41.2%".
    static func percent(_ probability: Float) -> String {
        let tenths = Int((Double(probability) * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// A bar `eighths`/8 cells long, with a partial block at its end.
    static func bar(eighths: Int) -> String {
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: max(0, eighths) / 8) + partials[max(0, eighths) % 8]
    }
}
