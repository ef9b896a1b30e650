/// Greedy word wrapping of glyphs into rows of at most `width` cells.
///
/// Rows break after a space when they can, inside a word only when the word alone is wider
/// than a row, and never inside a grapheme (a glyph is a whole grapheme). A space that would
/// overflow a row is dropped at the break. Line-break glyphs end a row and belong to none.
public enum WordWrap {
    /// The rows as ranges of glyph indices; at least one (empty) row for empty text.
    public static func rows(_ glyphs: [Glyph], width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var rows: [Range<Int>] = []
        var rowStart = 0, column = 0
        var afterLastSpace: Int?  // where the row may break: just after its last space
        var index = 0
        while index < glyphs.count {
            let glyph = glyphs[index]
            if glyph.isLineBreak {
                rows.append(rowStart..<index)
                (rowStart, column, afterLastSpace) = (index + 1, 0, nil)
                index += 1
                continue
            }
            let glyphWidth = Int(glyph.width)
            if column + glyphWidth > width && column > 0 {
                if glyph.isSpace {
                    rows.append(rowStart..<index)
                    (rowStart, column, afterLastSpace) = (index + 1, 0, nil)
                    index += 1
                } else if let breakAt = afterLastSpace, breakAt > rowStart {
                    rows.append(rowStart..<breakAt)
                    rowStart = breakAt
                    column = glyphs[breakAt..<index].reduce(0) { $0 + Int($1.width) }
                    afterLastSpace = nil
                } else {
                    rows.append(rowStart..<index)
                    (rowStart, column, afterLastSpace) = (index, 0, nil)
                }
                continue
            }
            column += glyphWidth
            if glyph.isSpace { afterLastSpace = index + 1 }
            index += 1
        }
        rows.append(rowStart..<glyphs.count)
        return rows
    }

    /// `text` wrapped into rows of at most `width` cells, as strings (see `rows`).
    public static func lines(_ text: String, width: Int) -> [String] {
        var glyphs: [Glyph] = []
        Glyphs.appendText(text, to: &glyphs)
        return rows(glyphs, width: width).map { String(glyphs[$0].map(\.character)) }
    }

    /// One line of `text` in at most `width` cells: whole when it fits, else cut where wrapping
    /// would break it (after a space, or inside a word wider than the row) and ended with "…".
    public static func truncated(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var kept = lines(text, width: width - 1)[0]
        while kept.last == " " { kept.removeLast() }
        return kept + "…"
    }
}
