import Render

/// The top row: the app name, the tabs (the active one highlighted) and a title on the right.
struct TabBar {
    let active: Tab
    let rightTitle: String

    /// The x range of each tab's label, for mouse clicks; same arithmetic as `draw`.
    static func tabSpans(startingAt x: Int = 0) -> [(tab: Tab, span: Range<Int>)] {
        var column = x + DisplayWidth.of(appLabel)
        return Tab.allCases.map { tab in
            let width = DisplayWidth.of(label(tab))
            defer { column += width + 1 }
            return (tab, column..<column + width)
        }
    }

    static let appLabel = " genplay "

    static func label(_ tab: Tab) -> String { " \(tab.rawValue + 1) \(tab.title) " }

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        grid.fill(area, style: theme[.tabBar])
        grid.clipped(to: area) { grid in
            grid.write(Self.appLabel, x: area.x, y: area.y, style: theme.style(.title, on: .tabBar))
            for (tab, span) in Self.tabSpans(startingAt: area.x) {
                grid.write(Self.label(tab), x: span.lowerBound, y: area.y,
                           style: tab == active ? theme[.tabActive] : theme.style(.tabInactive, on: .tabBar))
            }
            let tabsEnd = (Self.tabSpans(startingAt: area.x).last?.span.upperBound ?? area.x) + 2
            let room = area.maxX - tabsEnd - 1
            guard room > 3 else { return }
            let title = DisplayWidth.of(rightTitle) > room ? String(rightTitle.prefix(room - 1)) + "…" : rightTitle
            grid.write(title, x: area.maxX - 1 - DisplayWidth.of(title), y: area.y, style: theme.style(.muted, on: .tabBar))
        }
    }
}
