/// A grapheme ready to draw: safe for the terminal, with its width measured, and a tag that
/// layout code uses to map it back to its source (a character offset, a token index).
public struct Glyph: Equatable, Sendable {
    public var character: Character
    public var width: UInt8
    /// Stands in for a control character: drawn dimmed.
    public var isPlaceholder: Bool
    public var tag: Int32

    public init(_ character: Character, width: Int, isPlaceholder: Bool = false, tag: Int32 = 0) {
        self.character = character
        self.width = UInt8(width)
        self.isPlaceholder = isPlaceholder
        self.tag = tag
    }

    /// Marks a hard line break in laid-out text; never drawn.
    public static func lineBreak(tag: Int32 = 0) -> Glyph { Glyph("\n", width: 0, tag: tag) }

    public var isLineBreak: Bool { character == "\n" && width == 0 }
    public var isSpace: Bool { character == " " }
}

public enum Glyphs {
    /// Calls `body` with what to draw for one grapheme of untrusted text: the grapheme itself,
    /// its visible placeholders, nothing for invisible format characters, and a combining mark
    /// that has no base gets a dotted circle to sit on.
    @inline(__always)
    public static func forEach(_ grapheme: Character, tag: Int32 = 0, _ body: (Glyph) -> Void) {
        switch TerminalSafety.safeGraphemes(grapheme) {
        case .unchanged:
            emit(grapheme, isPlaceholder: false, tag: tag, body)
        case .replaced(let placeholders):
            for safe in placeholders { emit(safe, isPlaceholder: true, tag: tag, body) }
        }
    }

    /// Appends the glyphs of multi-line text: "\n" and "\r\n" become line breaks and a tab four
    /// spaces; every other control character becomes a placeholder.
    public static func appendText<S: StringProtocol>(_ text: S, tag: Int32 = 0, to glyphs: inout [Glyph]) {
        for grapheme in text { append(grapheme, tag: tag, to: &glyphs) }
    }

    /// Appends one grapheme of multi-line text (see `appendText`).
    @inline(__always)
    public static func append(_ grapheme: Character, tag: Int32 = 0, to glyphs: inout [Glyph]) {
        switch grapheme {
        case "\n", "\r\n": glyphs.append(.lineBreak(tag: tag))
        case "\t": for _ in 0..<4 { glyphs.append(Glyph(" ", width: 1, tag: tag)) }
        default: forEach(grapheme, tag: tag) { glyphs.append($0) }
        }
    }

    @inline(__always)
    private static func emit(_ grapheme: Character, isPlaceholder: Bool, tag: Int32, _ body: (Glyph) -> Void) {
        let width = DisplayWidth.of(grapheme)
        if width > 0 {
            body(Glyph(grapheme, width: width, isPlaceholder: isPlaceholder, tag: tag))
        } else if let first = grapheme.unicodeScalars.first, first.properties.generalCategory.isMark {
            body(Glyph(Character("\u{25CC}" + String(grapheme)), width: 1, isPlaceholder: isPlaceholder, tag: tag))
        }
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }
}
