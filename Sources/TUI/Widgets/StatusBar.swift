import Render

/// The bottom row: segments on the left (model, context, speed, sampler) that give way from
/// the right when the terminal is narrow, key hints on the right, and a notice that takes the
/// left side while it lasts.
struct StatusBar {
    struct Segment {
        let text: String
        let role: ThemeRole
    }

    let segments: [Segment]
    let hints: [(key: String, action: String)]
    let notice: Notice?

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        grid.fill(area, style: theme[.statusBar])
        let hintText = hints.map { "\($0.key) \($0.action)" }.joined(separator: "  ")
        let hintWidth = DisplayWidth.of(hintText) + 1
        let showHints = hintWidth < area.width / 2
        let leftEnd = showHints ? area.maxX - hintWidth - 1 : area.maxX
        grid.clipped(to: Rect(x: area.x, y: area.y, width: leftEnd - area.x, height: 1)) { grid in
            if let notice {
                let role: ThemeRole = notice.kind == .error ? .error : notice.kind == .success ? .success : .statusBar
                grid.write(" " + notice.text, x: area.x, y: area.y, style: theme.style(role, on: .statusBar))
                return
            }
            var x = area.x + 1
            for (index, segment) in segments.enumerated() {
                let separator = index == 0 ? "" : " │ "
                guard x + DisplayWidth.of(separator + segment.text) <= leftEnd else { break }
                x = grid.write(separator, x: x, y: area.y, style: theme[.statusBar])
                x = grid.write(segment.text, x: x, y: area.y, style: theme.style(segment.role, on: .statusBar))
            }
        }
        guard showHints else { return }
        var x = area.maxX - hintWidth
        for (index, hint) in hints.enumerated() {
            x = grid.write(hint.key, x: x, y: area.y, style: theme.style(.statusKey, on: .statusBar))
            x = grid.write(" " + hint.action + (index < hints.count - 1 ? "  " : ""), x: x, y: area.y, style: theme[.statusBar])
        }
    }
}
