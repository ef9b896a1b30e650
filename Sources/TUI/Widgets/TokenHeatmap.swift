import Render

/// The style of a token coloured by its probability: the theme's heat.low, heat.mid and
/// heat.high backgrounds blended in 17 steps, mid exactly in the middle (few colours, for
/// terminals that must define them); a colourless theme uses its attributes in three bands.
enum TokenHeatmap {
    static let steps = 17

    static func style(probability: Float, theme: Theme) -> CellStyle {
        let p = Double(min(max(probability, 0), 1))
        if theme.isMonochrome {
            return theme[p < 1.0 / 3 ? .heatLow : p < 2.0 / 3 ? .heatMid : .heatHigh]
        }
        let quantized = (p * Double(steps - 1)).rounded() / Double(steps - 1)
        let low = theme[.heatLow], mid = theme[.heatMid], high = theme[.heatHigh]
        let (from, to, fraction) = quantized < 0.5 ? (low, mid, quantized * 2) : (mid, high, (quantized - 0.5) * 2)
        var style = fraction < 0.5 ? from : to
        if case .rgb(let a) = from.background, case .rgb(let b) = to.background {
            style.background = .rgb(a.mixed(with: b, fraction))
        }
        return style
    }
}
