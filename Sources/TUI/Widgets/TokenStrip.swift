import Engine
import Render

/// One row of tokens around a cursor, each drawn with its whitespace made visible and
/// coloured by probability, the cursor's token highlighted: where the token boundaries are,
/// which the flowing text does not show.
struct TokenStrip {
    let tokens: [GeneratedToken]
    let cursor: Int

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty, tokens.indices.contains(cursor) else { return }
        let labels = tokens.map { Self.visible($0.isEndOfGeneration ? "⟨end⟩" : $0.text) }
        let widths = labels.map { DisplayWidth.of($0) + 1 }
        // Take tokens left of the cursor up to half the width, then fill to the right.
        var first = cursor, used = widths[cursor]
        while first > 0 && used + widths[first - 1] <= area.width / 2 { first -= 1; used += widths[first] }
        var last = cursor
        while last + 1 < tokens.count && used + widths[last + 1] <= area.width { last += 1; used += widths[last] }
        grid.clipped(to: area) { grid in
            var x = area.x
            for index in first...last {
                let style = index == cursor ? theme[.selection]
                    : TokenHeatmap.style(probability: tokens[index].probability, theme: theme)
                x = grid.write(labels[index], x: x, y: area.y, style: style)
                x = grid.write(" ", x: x, y: area.y, style: theme[.text])
            }
        }
    }

    /// Token text with whitespace shown: space `·`, newline `⏎`, tab `→`.
    static func visible(_ text: String) -> String {
        if text.isEmpty { return "∅" }
        return String(text.map { character -> Character in
            switch character {
            case " ": "·"
            case "\n", "\r\n": "⏎"
            case "\t": "→"
            default: character
            }
        })
    }
}
