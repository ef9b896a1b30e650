import Engine
import Render

/// The live sampler panel: a boxed list of slider rows showing the settings in effect.
struct SamplerPanel {
    let settings: SamplerSettings
    let selectedRow: Int
    let isFocused: Bool
    let isGenerating: Bool

    static var height: Int { KnobPanel.height(rows: SamplerParameter.all.count) }

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        let rows = SamplerParameter.all.map { KnobPanel.Row(name: $0.name, value: $0.format(settings), fraction: $0.fraction(settings)) }
        KnobPanel(title: isGenerating ? "Sampler · live" : "Sampler", rows: rows, selected: selectedRow, isFocused: isFocused,
                  hint: isFocused ? "↑↓ pick  ←→ adjust  r random seed" : "Tab or F2 to adjust")
            .draw(in: area, theme: theme, grid: &grid)
    }
}
