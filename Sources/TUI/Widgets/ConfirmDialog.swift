import Render

/// A centred modal question with its two answers: `y` / `n`.
struct ConfirmDialog {
    let title: String
    let message: String
    let confirmLabel: String
    let cancelLabel: String

    func draw(over area: Rect, theme: Theme, grid: inout CellGrid) {
        let width = min(area.width, max(DisplayWidth.of(message), 36) + 4)
        let box = area.centered(Size(width: width, height: 6))
        guard !box.isEmpty else { return }
        grid.fill(box, style: theme[.dialog])
        grid.drawBox(box, style: theme.style(.borderFocused, on: .dialog), title: title, titleStyle: theme.style(.title, on: .dialog))
        let inner = box.inset(by: 1)
        grid.clipped(to: inner) { grid in
            grid.write(message, x: inner.x + 1, y: inner.y + 1, style: theme[.dialog])
            var x = grid.write(" y ", x: inner.x + 1, y: inner.y + 3, style: theme.style(.statusKey, on: .statusBar))
            x = grid.write(" \(confirmLabel)   ", x: x, y: inner.y + 3, style: theme[.dialog])
            x = grid.write(" n ", x: x, y: inner.y + 3, style: theme.style(.statusKey, on: .statusBar))
            grid.write(" \(cancelLabel)", x: x, y: inner.y + 3, style: theme[.dialog])
        }
    }
}
