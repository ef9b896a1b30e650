import Render

/// The top row: the app name, the tabs (the active one highlighted) and a title on the right.
/// When the row is narrow the labels shorten, never losing a tab's key: first the app name
/// goes, then inactive titles shrink to three letters, then to the key alone.
struct TabBar {
    let active: Tab
    let rightTitle: String

    /// A tab as the bar knows it: the key that selects it (after Alt) and its title.
    struct Item: Equatable {
        let key: String
        let title: String
    }

    /// What one layout draws: whether the app name shows, and each label's text and columns.
    struct Layout {
        var showsAppName: Bool
        var labels: [(text: String, span: Range<Int>)]

        var end: Int? { labels.last?.span.upperBound }
    }

    static let appLabel = " genplay "
    static let items = Tab.allCases.map { Item(key: "\($0.rawValue + 1)", title: $0.title) }

    /// The ways to write the labels, longest first.
    private enum Form: CaseIterable {
        case whole, withoutAppName, shortInactive, keysInactive, keysOnly, bareKeys

        var showsAppName: Bool { self == .whole }

        func label(_ item: Item, isActive: Bool) -> String {
            let whole = " \(item.key) \(item.title) "
            return switch self {
            case .whole, .withoutAppName: whole
            case .shortInactive: isActive ? whole : " \(item.key) \(item.title.prefix(3)) "
            case .keysInactive: isActive ? whole : " \(item.key) "
            case .keysOnly: " \(item.key) "
            case .bareKeys: item.key
            }
        }
    }

    /// The longest form of the labels of `items` that fits in `width` columns from `x`.
    static func layout(_ items: [Item], active: Int, x: Int, width: Int) -> Layout {
        var layout = Layout(showsAppName: false, labels: [])
        for form in Form.allCases {
            var column = x + (form.showsAppName ? DisplayWidth.of(appLabel) : 0)
            layout = Layout(showsAppName: form.showsAppName, labels: items.enumerated().map { index, item in
                let text = form.label(item, isActive: index == active)
                defer { column += DisplayWidth.of(text) + 1 }
                return (text, column ..< column + DisplayWidth.of(text))
            })
            if (layout.end ?? x) <= x + width { break }
        }
        return layout
    }

    /// Each tab's columns in a bar `width` wide, for mouse clicks: the same layout `draw` uses.
    func tabSpans(width: Int) -> [(tab: Tab, span: Range<Int>)] {
        zip(Tab.allCases, Self.layout(Self.items, active: active.rawValue, x: 0, width: width).labels.map(\.span)).map { ($0, $1) }
    }

    func draw(in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        grid.fill(area, style: theme[.tabBar])
        let layout = Self.layout(Self.items, active: active.rawValue, x: area.x, width: area.width)
        grid.clipped(to: area) { grid in
            if layout.showsAppName { grid.write(Self.appLabel, x: area.x, y: area.y, style: theme.style(.title, on: .tabBar)) }
            for (index, label) in layout.labels.enumerated() {
                grid.write(label.text, x: label.span.lowerBound, y: area.y,
                           style: index == active.rawValue ? theme[.tabActive] : theme.style(.tabInactive, on: .tabBar))
            }
            let room = area.maxX - (layout.end ?? area.x) - 3
            guard room > 3 else { return }
            let title = DisplayWidth.of(rightTitle) > room ? String(rightTitle.prefix(room - 1)) + "…" : rightTitle
            grid.write(title, x: area.maxX - 1 - DisplayWidth.of(title), y: area.y, style: theme.style(.muted, on: .tabBar))
        }
    }
}
