/// A text animation as the image tabs export it (`.ans`): the screen cleared once, then frames
/// that each start with the cursor sent home (`ESC [ H`). `genplay replay` plays one back.
///
/// The file is untrusted, so only what draws survives parsing: text, newlines, colours and
/// attributes (`ESC [ … m`). Every other escape sequence (titles, clipboard writes, cursor
/// reports, mode switches) and every other control character is dropped.
public struct AnsiAnimation: Equatable, Sendable {
    /// Each frame's text, without the cursor-home that introduces it.
    public let frames: [String]

    public init(text: String) {
        var frames: [String] = []
        var current = "", started = false
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}" {
                let sequence = Self.escapeSequence(&scalars)
                if sequence == "[H" {
                    if started { frames.append(current) }
                    (current, started) = ("", true)
                } else if sequence.hasPrefix("["), sequence.hasSuffix("m"), sequence.dropFirst().dropLast().allSatisfy({ $0.isNumber || $0 == ";" }) {
                    current += "\u{1B}" + sequence
                }
            } else if scalar == "\n" || !(scalar.properties.generalCategory == .control) {
                current.unicodeScalars.append(scalar)
            }
        }
        // Text before the first cursor-home (a file that never sends one) is a frame too.
        if started || !current.isEmpty { frames.append(current) }
        self.frames = frames
    }

    /// Takes the escape sequence after an ESC off the front of `scalars`: a CSI sequence up to
    /// its final byte, an OSC/DCS/APC/PM/SOS string up to its terminator, or one character.
    private static func escapeSequence(_ scalars: inout Substring.UnicodeScalarView) -> String {
        guard let introducer = scalars.popFirst() else { return "" }
        var sequence = String(introducer)
        switch introducer {
        case "[":
            while let next = scalars.popFirst() {
                sequence.unicodeScalars.append(next)
                if (0x40 ... 0x7E).contains(next.value) { break }
            }
        case "]", "P", "_", "^", "X":
            // Ends at BEL or ESC \ (string terminator).
            while let next = scalars.popFirst() {
                if next == "\u{07}" { break }
                if next == "\u{1B}", scalars.first == "\\" { scalars.removeFirst(); break }
            }
        default: break
        }
        return sequence
    }

    /// What a terminal is sent before the first frame: cursor hidden, screen cleared.
    public static let opening = "\u{1B}[?25l\u{1B}[2J"
    /// Sent before each frame.
    public static let home = "\u{1B}[H"
    /// Sent at the end, or when stopped: attributes reset, cursor shown, on a line of its own.
    public static let closing = "\u{1B}[0m\u{1B}[?25h\n"
}
