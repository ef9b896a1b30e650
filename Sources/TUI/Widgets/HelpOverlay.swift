import Render

/// The `?` / F1 overlay: every key binding, by section, in a scrollable box.
struct HelpOverlay {
    let sections: [HelpSection]
    let scroll: Int

    /// The lines of the help text: section titles and `keys  action` rows.
    var lineCount: Int { sections.reduce(0) { $0 + $1.rows.count + 2 } }

    func draw(over area: Rect, theme: Theme, grid: inout CellGrid) {
        let box = area.centered(Size(width: min(area.width, 78), height: area.height))
        guard box.width >= 4, box.height >= 3 else { return }
        grid.fill(box, style: theme[.dialog])
        grid.drawBox(box, style: theme.style(.borderFocused, on: .dialog), title: "Keys · Esc closes · ↑↓ scroll",
                     titleStyle: theme.style(.title, on: .dialog))
        let inner = box.inset(by: 1)
        let keyWidth = min(26, sections.flatMap(\.rows).map { DisplayWidth.of($0.keys) }.max() ?? 0)
        var lines: [(text: String, action: String?)] = []
        for section in sections {
            lines.append((section.title, nil))
            lines += section.rows.map { ($0.keys, $0.action) }
            lines.append(("", nil))
        }
        let first = min(max(0, scroll), max(0, lines.count - inner.height))
        grid.clipped(to: inner) { grid in
            for (offset, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
                let y = inner.y + offset
                guard let action = line.action else {
                    grid.write(line.text, x: inner.x + 1, y: y, style: theme.style(.title, on: .dialog))
                    continue
                }
                grid.clipped(to: Rect(x: inner.x + 2, y: y, width: keyWidth, height: 1)) { grid in
                    grid.write(line.text, x: inner.x + 2, y: y, style: theme.style(.statusKey, on: .dialog))
                }
                grid.write(action, x: inner.x + 4 + keyWidth, y: y, style: theme[.dialog])
            }
        }
    }
}
