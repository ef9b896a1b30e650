/// Turns cell styles into terminal colour numbers and colour pairs for one `ColorMode`,
/// remembering what it has told the terminal so that each colour and pair is defined once.
///
/// The driver asks `pair(for:)` for every cell it writes and performs the returned
/// definitions (`init_extended_color`, `init_extended_pair`) before using the pair.
public struct TerminalColors {
    /// A palette entry to redefine (redefinable-palette mode only).
    public struct ColorDefinition: Equatable, Sendable {
        public let number: Int
        public let rgb: RGB
    }

    /// A colour pair to define before use; colour numbers are -1 for the terminal default.
    public struct PairDefinition: Equatable, Sendable {
        public let number: Int
        public let foreground: Int
        public let background: Int
    }

    public struct Resolved: Equatable, Sendable {
        /// The pair to draw with; 0 is the terminal's default colours.
        public let pair: Int
        public var newColors: [ColorDefinition] = []
        public var newPair: PairDefinition?
    }

    public let mode: ColorMode
    private let pairLimit: Int
    private var pairs: [PairKey: Int] = [:]
    /// Redefined palette entries and the colour each now holds.
    private var redefined: [Int: RGB] = [:]

    /// `pairLimit` is ncurses' `COLOR_PAIRS`; pairs beyond it fall back to the default pair.
    public init(mode: ColorMode, pairLimit: Int) {
        self.mode = mode
        self.pairLimit = pairLimit
    }

    /// Whether any palette entry was redefined (the terminal's palette must be reset on exit).
    public var changedPalette: Bool { !redefined.isEmpty }

    /// The pair for `style`. On 8 colours, text whose two colours collapse into one gets black
    /// or white instead, to stay readable; `keepingTextReadable` false turns that off for cells
    /// whose colours are a picture (half-blocks, see `Cell.isBlockElement`), where two nearby
    /// greys rightly become the same colour.
    public mutating func pair(for style: CellStyle, keepingTextReadable: Bool = true) -> Resolved {
        let (foreground, background, newColors) = colorNumbers(for: style, keepingTextReadable: keepingTextReadable)
        if foreground < 0 && background < 0 { return Resolved(pair: 0, newColors: newColors) }
        let key = PairKey(foreground: foreground, background: background)
        if let existing = pairs[key] { return Resolved(pair: existing, newColors: newColors) }
        let next = pairs.count + 1
        guard next < pairLimit else { return Resolved(pair: 0, newColors: newColors) }
        pairs[key] = next
        return Resolved(pair: next, newColors: newColors,
                        newPair: PairDefinition(number: next, foreground: foreground, background: background))
    }

    /// The colour numbers (-1: the terminal default) of a style's foreground and background in
    /// this mode, with the palette entries to redefine first (see `pair(for:keepingTextReadable:)`).
    public mutating func colorNumbers(for style: CellStyle, keepingTextReadable: Bool = true)
        -> (foreground: Int, background: Int, newColors: [ColorDefinition]) {
        var newColors: [ColorDefinition] = []
        var foreground = number(for: style.foreground, newColors: &newColors)
        let background = number(for: style.background, newColors: &newColors)
        if keepingTextReadable, mode == .ansi8, foreground == background, foreground >= 0,
           case .rgb(let fgRGB) = style.foreground, case .rgb(let bgRGB) = style.background, fgRGB != bgRGB {
            // Two different colours collapsed into one: keep the text readable.
            foreground = bgRGB.luminance > 0.5 ? 0 : 7
        }
        return (foreground, background, newColors)
    }

    /// The colour number for `color` in this mode; -1 is the terminal default.
    private mutating func number(for color: CellColor, newColors: inout [ColorDefinition]) -> Int {
        guard case .rgb(let rgb) = color else { return -1 }
        switch mode {
        case .direct: return rgb.packed
        case .indexed256: return rgb.nearestXterm256
        case .ansi8: return rgb.nearestANSI8
        case .monochrome: return -1
        case .redefinablePalette:
            // Each colour goes to the entry that is nearest to it anyway, so a terminal that
            // ignores redefinitions still shows about the right colour. A second colour with
            // the same nearest entry shares the first one's exact colour.
            let slot = rgb.nearestXterm256
            if redefined[slot] == nil {
                redefined[slot] = rgb
                newColors.append(ColorDefinition(number: slot, rgb: rgb))
            }
            return slot
        }
    }

    private struct PairKey: Hashable {
        let foreground: Int
        let background: Int
    }
}
