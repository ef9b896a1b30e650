import Render

/// Draws a `TextEditor` wrapped into an area, scrolled so the cursor row shows, with the
/// terminal cursor placed at the caret when focused. Paste chips are drawn as one label.
struct EditorView {
    let editor: TextEditor
    let placeholder: String
    let isFocused: Bool

    func draw(in area: Rect, theme: Theme, base: ThemeRole, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        if editor.isEmpty {
            grid.clipped(to: area) { grid in
                grid.write(placeholder, x: area.x, y: area.y, style: theme.style(.muted, on: base))
            }
            if isFocused { grid.cursor = Point(x: area.x, y: area.y) }
            return
        }
        let layout = EditorLayout(editor, width: area.width)
        let caret = layout.position(of: editor.cursor)
        let top = max(0, caret.row - area.height + 1)
        let textStyle = theme.style(.input, on: base)
        grid.clipped(to: area) { grid in
            for (offset, row) in layout.rows.dropFirst(top).prefix(area.height).enumerated() {
                var x = area.x
                for glyph in layout.glyphs[row] {
                    let isChip = editor.characters[Int(glyph.tag)] == TextEditor.attachmentMarker
                    let style = isChip ? theme.style(.accent, on: base).with(.reverse)
                        : glyph.isPlaceholder ? textStyle.with(.dim) : textStyle
                    x = grid.put(glyph.character, width: Int(glyph.width), x: x, y: area.y + offset, style: style)
                }
            }
        }
        if isFocused {
            grid.cursor = Point(x: min(area.x + caret.column, area.maxX - 1), y: area.y + caret.row - top)
        }
    }
}
