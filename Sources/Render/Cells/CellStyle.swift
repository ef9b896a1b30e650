/// A cell's colour: the terminal's own default, or an exact RGB value that the driver
/// approximates on terminals with fewer colours.
public enum CellColor: Hashable, Sendable {
    case terminalDefault
    case rgb(RGB)
}

public struct CellAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellAttributes(rawValue: 1 << 0)
    public static let dim = CellAttributes(rawValue: 1 << 1)
    public static let italic = CellAttributes(rawValue: 1 << 2)
    public static let underline = CellAttributes(rawValue: 1 << 3)
    public static let reverse = CellAttributes(rawValue: 1 << 4)
}

public struct CellStyle: Hashable, Sendable {
    public var foreground: CellColor
    public var background: CellColor
    public var attributes: CellAttributes

    public init(foreground: CellColor = .terminalDefault, background: CellColor = .terminalDefault, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()

    public func with(_ extra: CellAttributes) -> CellStyle {
        var style = self
        style.attributes.formUnion(extra)
        return style
    }

    public func with(background: CellColor) -> CellStyle {
        var style = self
        style.background = background
        return style
    }
}
