/// Grey levels → characters of increasing ink: the simplest way to show an image in a terminal.
/// A cell is about twice as tall as it is wide, so each character stands for one pixel across
/// and two pixels down (their mean).
public struct AsciiRamp: Sendable, Equatable {
    /// From blank to full: on a dark terminal, bright pixels get dense characters.
    public static let standard = AsciiRamp(" .:-=+*#%@")
    /// Paul Bourke's 70 characters: finer steps, noisier texture.
    public static let long = AsciiRamp(#" .'`^",:;Il!i><~+_-?][}{1)(|\/tfjrxnuvczXYUJCLQ0OZmwqpdbkhao*#MW&8%B@$"#)
    /// Shade blocks: five solid-looking levels.
    public static let blocks = AsciiRamp(" ░▒▓█")

    /// The built-in ramps by name, for menus and command-line options.
    public static let named: [(name: String, ramp: AsciiRamp)] = [("standard", standard), ("long", long), ("blocks", blocks)]

    public let characters: [Character]

    public init(_ characters: String) {
        precondition(characters.count >= 2, "a ramp needs at least two characters")
        self.characters = Array(characters)
    }

    /// The character for a grey level in 0...1 (clamped): equal-width bins from first to last.
    public func character(for level: Float) -> Character {
        let clamped = level.isNaN ? 0 : min(max(level, 0), 1)
        return characters[min(characters.count - 1, Int(clamped * Float(characters.count)))]
    }

    /// Lines of text for a width × height picture whose grey level at (x, y) is `level(x, y)`.
    public func lines(width: Int, height: Int, level: (_ x: Int, _ y: Int) -> Float) -> [String] {
        stride(from: 0, to: height, by: 2).map { y in
            String((0 ..< width).map { x in
                let below = y + 1 < height ? level(x, y + 1) : level(x, y)
                return character(for: (level(x, y) + below) / 2)
            })
        }
    }

    /// Lines for grey levels stored row-major.
    public func lines(levels: [Float], width: Int, height: Int) -> [String] {
        precondition(levels.count == width * height)
        return lines(width: width, height: height) { levels[$1 * width + $0] }
    }
}
