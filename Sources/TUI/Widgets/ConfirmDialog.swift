import Render

/// A centred modal question with its two answers: `y` / `n`. Long messages wrap.
struct ConfirmDialog {
    let title: String
    let message: String
    let confirmLabel: String
    let cancelLabel: String

    /// The answer `key` gives: `y` or Enter yes, `n` or Esc no, nil for any other key.
    static func answer(to key: Key) -> Bool? {
        switch key {
        case .char("y"), .char("Y"), Key(.enter): true
        case .char("n"), .char("N"), Key(.escape): false
        default: nil
        }
    }

    func draw(over area: Rect, theme: Theme, grid: inout CellGrid) {
        let width = min(area.width, min(max(DisplayWidth.of(message), 36), 60) + 4)
        var glyphs: [Glyph] = []
        Glyphs.appendText(message, to: &glyphs)
        let rows = WordWrap.rows(glyphs, width: max(1, width - 4))
        let box = area.centered(Size(width: width, height: rows.count + 5))
        guard !box.isEmpty else { return }
        grid.fill(box, style: theme[.dialog])
        grid.drawBox(box, style: theme.style(.borderFocused, on: .dialog), title: title, titleStyle: theme.style(.title, on: .dialog))
        let inner = box.inset(by: 1)
        grid.clipped(to: inner) { grid in
            for (line, row) in rows.enumerated() {
                var x = inner.x + 1
                for glyph in glyphs[row] {
                    x = grid.put(glyph.character, width: Int(glyph.width), x: x, y: inner.y + 1 + line, style: theme[.dialog])
                }
            }
            let answers = inner.y + rows.count + 2
            var x = grid.write(" y ", x: inner.x + 1, y: answers, style: theme.style(.statusKey, on: .statusBar))
            x = grid.write(" \(confirmLabel)   ", x: x, y: answers, style: theme[.dialog])
            x = grid.write(" n ", x: x, y: answers, style: theme.style(.statusKey, on: .statusBar))
            grid.write(" \(cancelLabel)", x: x, y: answers, style: theme[.dialog])
        }
    }
}
