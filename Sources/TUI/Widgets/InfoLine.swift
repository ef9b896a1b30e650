import Render

/// A line of facts joined by " · " that keeps whole facts only: those that do not fit are
/// left off from the end (so put the most telling first), never cut in the middle of a word.
struct InfoLine {
    let parts: [String]

    init(_ parts: [String]) { self.parts = parts.filter { !$0.isEmpty } }

    static let separator = " · "

    /// The parts that fit in `width` columns, joined.
    func text(width: Int) -> String {
        var text = ""
        for part in parts {
            let next = text.isEmpty ? part : text + Self.separator + part
            guard DisplayWidth.of(next) <= width else { break }
            text = next
        }
        return text
    }

    /// Draws the line on `area`'s first row, one column in from the left.
    func draw(in area: Rect, style: CellStyle, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        grid.clipped(to: area) { grid in
            grid.write(text(width: area.width - 2), x: area.x + 1, y: area.y, style: style)
        }
    }
}
