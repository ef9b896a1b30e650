import Render

/// The style of a token coloured by its probability: the theme's heat.low, heat.mid and
/// heat.high backgrounds blended in 17 steps, mid exactly in the middle (few colours, for
/// terminals that must define them); a colourless theme uses its attributes in three bands.
enum TokenHeatmap {
    static let steps = 17

    static func style(probability: Float, theme: Theme) -> CellStyle {
        palette(theme)[level(probability)]
    }

    /// The styles of the steps, lowest probability first: made once per frame, not per glyph.
    static func palette(_ theme: Theme) -> [CellStyle] {
        if theme.isMonochrome {
            return (0..<steps).map { step in
                let p = Double(step) / Double(steps - 1)
                return theme[p < 1.0 / 3 ? .heatLow : p < 2.0 / 3 ? .heatMid : .heatHigh]
            }
        }
        let low = theme[.heatLow], mid = theme[.heatMid], high = theme[.heatHigh]
        return (0..<steps).map { step in
            let p = Double(step) / Double(steps - 1)
            let (from, to, fraction) = p < 0.5 ? (low, mid, p * 2) : (mid, high, (p - 0.5) * 2)
            var style = fraction < 0.5 ? from : to
            if case .rgb(let a) = from.background, case .rgb(let b) = to.background {
                style.background = .rgb(a.mixed(with: b, fraction))
            }
            return style
        }
    }

    static func level(_ probability: Float) -> Int {
        Int((Double(min(max(probability, 0), 1)) * Double(steps - 1)).rounded())
    }
}
