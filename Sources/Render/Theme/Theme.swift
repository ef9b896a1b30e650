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
    /// Each role's own settings and its style over `text`, by `ThemeRole.rawValue`: resolved
    /// once, since every drawn cell asks.
    private let own: [ThemeStyle]
    private let onText: [CellStyle]
    /// True when the theme uses no colour at all (the `mono` theme, `NO_COLOR`): views then
    /// show with attributes what other themes show with colour (the token heatmap).
    public let isMonochrome: Bool

    public init(name: String, roles: [ThemeRole: ThemeStyle]) {
        self.name = name
        self.roles = roles
        let own = ThemeRole.allCases.map { roles[$0] ?? ThemeStyle() }
        let text = own[ThemeRole.text.rawValue]
        let base = CellStyle(foreground: text.foreground ?? .terminalDefault,
                             background: text.background ?? .terminalDefault,
                             attributes: text.attributes)
        self.own = own
        onText = own.map { Self.layer($0, over: base) }
        isMonochrome = roles.values.allSatisfy { style in
            [style.foreground, style.background].allSatisfy { $0 == nil || $0 == .terminalDefault }
        }
    }

    /// The style for `role`, with the colours it leaves out taken from `base` (and from
    /// `text` beneath that).
    public func style(_ role: ThemeRole, on base: ThemeRole = .text) -> CellStyle {
        base == .text ? onText[role.rawValue] : Self.layer(own[role.rawValue], over: onText[base.rawValue])
    }

    public subscript(role: ThemeRole) -> CellStyle { onText[role.rawValue] }

    private static func layer(_ style: ThemeStyle, over base: CellStyle) -> CellStyle {
        CellStyle(foreground: style.foreground ?? base.foreground,
                  background: style.background ?? base.background,
                  attributes: style.attributes)
    }
}
