import Engine
import Render

/// The live sampler panel: a boxed list of slider rows showing the settings in effect.
struct SamplerPanel {
    let settings: SamplerSettings
    let selectedRow: Int
    let isFocused: Bool
    let isGenerating: Bool

    /// Rows of content plus the frame.
    static var height: Int { SamplerParameter.all.count + 3 }

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        grid.fill(area, style: theme[.text])
        let title = isGenerating ? "Sampler · live" : "Sampler"
        grid.drawBox(area, style: theme[isFocused ? .borderFocused : .border], title: title, titleStyle: theme[.title])
        let inner = area.inset(by: 1)
        grid.clipped(to: inner) { grid in
            for (index, parameter) in SamplerParameter.all.enumerated() {
                SliderRow(label: parameter.name, value: parameter.format(settings), fraction: parameter.fraction(settings),
                          isSelected: isFocused && index == selectedRow)
                    .draw(in: Rect(x: inner.x, y: inner.y + index, width: inner.width, height: 1), theme: theme, base: .text, grid: &grid)
            }
            let hint = isFocused ? "↑↓ pick  ←→ adjust  r random seed" : "Tab or F2 to adjust"
            grid.write(hint, x: inner.x + 1, y: inner.y + SamplerParameter.all.count, style: theme[.muted])
        }
    }
}
