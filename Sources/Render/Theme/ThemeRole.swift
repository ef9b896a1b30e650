/// The named parts of the interface a theme colours. Theme files use `name`; the raw value
/// indexes the resolved styles (a theme is looked up for every cell drawn).
public enum ThemeRole: Int, CaseIterable, Sendable {
    /// The screen's base: every other role inherits the colours it leaves out from here.
    case text
    case muted
    case accent
    case title
    case border
    case borderFocused
    case tabBar
    case tabActive
    case tabInactive
    case statusBar
    case statusKey
    case userLabel
    case assistantLabel
    case systemLabel
    case input
    case cursor
    case selection
    case dialog
    case error
    case warning
    case success
    case barFilled
    case barEmpty
    /// Token heatmap backgrounds for low, middling and high probability.
    case heatLow
    case heatMid
    case heatHigh

    /// How theme files name the role.
    public var name: String {
        switch self {
        case .text: "text"
        case .muted: "muted"
        case .accent: "accent"
        case .title: "title"
        case .border: "border"
        case .borderFocused: "border.focused"
        case .tabBar: "tab.bar"
        case .tabActive: "tab.active"
        case .tabInactive: "tab.inactive"
        case .statusBar: "status.bar"
        case .statusKey: "status.key"
        case .userLabel: "message.user"
        case .assistantLabel: "message.assistant"
        case .systemLabel: "message.system"
        case .input: "input"
        case .cursor: "cursor"
        case .selection: "selection"
        case .dialog: "dialog"
        case .error: "error"
        case .warning: "warning"
        case .success: "success"
        case .barFilled: "bar.filled"
        case .barEmpty: "bar.empty"
        case .heatLow: "heat.low"
        case .heatMid: "heat.mid"
        case .heatHigh: "heat.high"
        }
    }

    /// The role a theme file names, if any.
    public init?(name: String) {
        guard let role = Self.byName[name] else { return nil }
        self = role
    }

    private static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}
