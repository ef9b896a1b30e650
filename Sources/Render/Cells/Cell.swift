/// One terminal cell: a grapheme and its style.
///
/// A wide grapheme (CJK, emoji) occupies two cells: the left one holds it, the right one is a
/// continuation cell with empty `text` that the driver skips.
public struct Cell: Hashable, Sendable {
    /// One grapheme, already made safe for the terminal; "" for a continuation cell.
    public var text: String
    public var style: CellStyle

    public init(_ text: String = " ", style: CellStyle = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()

    public var isContinuation: Bool { text.isEmpty }

    /// Whether the text is a block element (`▀ ▌ █ ░▒▓`…, U+2580…U+259F): its two colours are
    /// a picture (two pixels, a shade), not text on a background.
    public var isBlockElement: Bool {
        guard let scalar = text.unicodeScalars.first else { return false }
        return (0x2580 ... 0x259F).contains(scalar.value)
    }
}
