import Engine
import Render

/// The live sampler panel: a boxed list of slider rows showing the settings in effect, and
/// the stop strings as the last row.
struct SamplerPanel {
    let settings: SamplerSettings
    let selectedRow: Int
    let isFocused: Bool
    let isGenerating: Bool

    static let stopStringsRow = SamplerParameter.all.count
    static let rowCount = stopStringsRow + 1
    static var height: Int { KnobPanel.height(rows: rowCount) }

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        let stops = settings.stopStrings.isEmpty ? "none" : StopStringSyntax.format(settings.stopStrings)
        let rows = SamplerParameter.all.map { KnobPanel.Row(name: $0.name, value: $0.format(settings), fraction: $0.fraction(settings)) }
            + [KnobPanel.Row(name: "Stop strings", value: stops, fraction: nil)]
        let hint = !isFocused ? "Tab or F2 to adjust"
            : selectedRow == Self.stopStringsRow ? "↑↓ pick  Enter edit  d clear" : "↑↓ pick  ←→ adjust  r random seed"
        KnobPanel(title: isGenerating ? "Sampler · live" : "Sampler", rows: rows, selected: selectedRow, isFocused: isFocused, hint: hint)
            .draw(in: area, theme: theme, grid: &grid)
    }
}
