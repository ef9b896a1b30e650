/// What a theme says about one role; a colour left out is inherited from the role beneath.
public struct ThemeStyle: Equatable, Sendable {
    public var foreground: CellColor?
    public var background: CellColor?
    public var attributes: CellAttributes

    public init(foreground: CellColor? = nil, background: CellColor? = nil, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// Theme roles mapped to colours and attributes.
public struct Theme: Equatable, Sendable {
    public let name: String
    public let roles: [ThemeRole: ThemeStyle]

    public init(name: String, roles: [ThemeRole: ThemeStyle]) {
        self.name = name
        self.roles = roles
    }

    /// The style for `role`, with the colours it leaves out taken from `base` (and from
    /// `text` beneath that).
    public func style(_ role: ThemeRole, on base: ThemeRole = .text) -> CellStyle {
        let own = roles[role] ?? ThemeStyle()
        let under = base == .text ? textStyle : style(base)
        return CellStyle(foreground: own.foreground ?? under.foreground,
                         background: own.background ?? under.background,
                         attributes: own.attributes)
    }

    public subscript(role: ThemeRole) -> CellStyle { style(role) }

    private var textStyle: CellStyle {
        let text = roles[.text] ?? ThemeStyle()
        return CellStyle(foreground: text.foreground ?? .terminalDefault,
                         background: text.background ?? .terminalDefault,
                         attributes: text.attributes)
    }

    /// True when the theme uses no colour at all (the `mono` theme, `NO_COLOR`): views then
    /// show with attributes what other themes show with colour (the token heatmap).
    public var isMonochrome: Bool {
        roles.values.allSatisfy { style in
            [style.foreground, style.background].allSatisfy { $0 == nil || $0 == .terminalDefault }
        }
    }
}
