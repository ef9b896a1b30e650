/// Grey levels → characters of increasing ink: the simplest way to show an image in a terminal
/// (`PixelMode.ascii`).
public struct AsciiRamp: Sendable, Equatable {
    /// From blank to full: on a dark terminal, bright pixels get dense characters.
    public static let standard = AsciiRamp(" .:-=+*#%@")
    /// Paul Bourke's 70 characters: finer steps, noisier texture.
    public static let long = AsciiRamp(#" .'`^",:;Il!i><~+_-?][}{1)(|\/tfjrxnuvczXYUJCLQ0OZmwqpdbkhao*#MW&8%B@$"#)
    /// Shade blocks: five solid-looking levels.
    public static let blocks = AsciiRamp(" ░▒▓█")
    /// For signed values without colour: from most negative through blank (0) to most positive.
    public static let signed = AsciiRamp("=- +#")

    /// The built-in ramps by name, for menus and command-line options.
    public static let named: [(name: String, ramp: AsciiRamp)] = [("standard", standard), ("long", long), ("blocks", blocks)]

    public let characters: [Character]

    /// From blank to full. One character gives every level that one; none, a blank.
    public init(_ characters: String) {
        self.characters = characters.isEmpty ? [" "] : Array(characters)
    }

    /// The character for a grey level in 0...1 (clamped): equal-width bins from first to last.
    public func character(for level: Float) -> Character {
        let clamped = level.isNaN ? 0 : min(max(level, 0), 1)
        return characters[min(characters.count - 1, Int(clamped * Float(characters.count)))]
    }
}
