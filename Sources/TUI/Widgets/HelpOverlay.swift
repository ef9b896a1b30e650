import Render

/// The `?` / F1 overlay: every key binding, by section, in a scrollable box as wide as the
/// terminal allows (up to `maximumWidth`). Actions wrap under themselves; keys too long for
/// the key column take a line of their own; nothing is cut.
struct HelpOverlay {
    let sections: [HelpSection]
    let scroll: Int

    static let maximumWidth = 100
    static let maximumKeyWidth = 26

    /// One row of the box: a section title, or a key column and an action column (either may
    /// be empty on a wrapped row).
    struct Line: Equatable {
        var title: String?
        var keys = ""
        var action = ""
    }

    static func box(over area: Rect) -> Rect {
        area.centered(Size(width: min(area.width, maximumWidth), height: area.height))
    }

    /// The farthest the text scrolls over `area`: its last line at the bottom of the box.
    func maximumScroll(over area: Rect) -> Int {
        let box = Self.box(over: area)
        return max(0, lines(width: box.width - 2).count - (box.height - 2))
    }

    /// The key column's width for rows `width` cells wide: the longest keys, within bounds.
    private func keyWidth(_ width: Int) -> Int {
        min(Self.maximumKeyWidth, width / 3, sections.flatMap(\.rows).map { DisplayWidth.of($0.keys) }.max() ?? 0)
    }

    /// The text laid out for an inner width of `width` cells: a title line per section, a row
    /// per binding (more where it wraps), a blank line after each section.
    func lines(width: Int) -> [Line] {
        let keyWidth = keyWidth(width)
        // "  keys  action ": two cells in, two between, one spare on the right.
        let actionWidth = max(1, width - keyWidth - 5)
        var lines: [Line] = []
        for section in sections {
            lines += WordWrap.lines(section.title, width: max(1, width - 2)).map { Line(title: $0) }
            for row in section.rows {
                let actions = WordWrap.lines(row.action, width: actionWidth)
                if DisplayWidth.of(row.keys) <= keyWidth {
                    lines += actions.enumerated().map { Line(keys: $0.offset == 0 ? row.keys : "", action: $0.element) }
                } else {
                    // Keys wider than their column take lines of their own above the action.
                    lines += WordWrap.lines(row.keys, width: max(1, width - 3)).map { Line(keys: $0) }
                    lines += actions.map { Line(action: $0) }
                }
            }
            lines.append(Line())
        }
        return lines
    }

    func draw(over area: Rect, theme: Theme, grid: inout CellGrid) {
        let box = Self.box(over: area)
        guard box.width >= 4, box.height >= 3 else { return }
        grid.fill(box, style: theme[.dialog])
        grid.drawBox(box, style: theme.style(.borderFocused, on: .dialog), title: "Keys · Esc closes · ↑↓ scroll",
                     titleStyle: theme.style(.title, on: .dialog))
        let inner = box.inset(by: 1)
        let lines = lines(width: inner.width), keyWidth = keyWidth(inner.width)
        let first = min(max(0, scroll), max(0, lines.count - inner.height))
        grid.clipped(to: inner) { grid in
            for (offset, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
                let y = inner.y + offset
                if let title = line.title {
                    grid.write(title, x: inner.x + 1, y: y, style: theme.style(.title, on: .dialog))
                    continue
                }
                grid.write(line.keys, x: inner.x + 2, y: y, style: theme.style(.statusKey, on: .dialog))
                grid.write(line.action, x: inner.x + 4 + keyWidth, y: y, style: theme[.dialog])
            }
        }
    }
}
