/// The named parts of the interface a theme colours. Theme files use the raw values.
public enum ThemeRole: String, CaseIterable, Sendable {
    /// The screen's base: every other role inherits the colours it leaves out from here.
    case text
    case muted
    case accent
    case title
    case border
    case borderFocused = "border.focused"
    case tabBar = "tab.bar"
    case tabActive = "tab.active"
    case tabInactive = "tab.inactive"
    case statusBar = "status.bar"
    case statusKey = "status.key"
    case userLabel = "message.user"
    case assistantLabel = "message.assistant"
    case systemLabel = "message.system"
    case input
    case cursor
    case selection
    case dialog
    case error
    case warning
    case success
    case barFilled = "bar.filled"
    case barEmpty = "bar.empty"
    /// Token heatmap backgrounds for low, middling and high probability.
    case heatLow = "heat.low"
    case heatMid = "heat.mid"
    case heatHigh = "heat.high"
}
