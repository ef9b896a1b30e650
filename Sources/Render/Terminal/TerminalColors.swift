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
    private let paletteSlots: ClosedRange<Int> = 16...255
    private var pairs: [PairKey: Int] = [:]
    private var slots: [RGB: Int] = [:]
    private var slotColors: [(number: Int, rgb: RGB)] = []

    /// `pairLimit` is ncurses' `COLOR_PAIRS`; pairs beyond it fall back to the default pair.
    public init(mode: ColorMode, pairLimit: Int) {
        self.mode = mode
        self.pairLimit = pairLimit
    }

    /// Whether any palette entry was redefined (the terminal's palette must be reset on exit).
    public var changedPalette: Bool { !slots.isEmpty }

    public mutating func pair(for style: CellStyle) -> Resolved {
        var newColors: [ColorDefinition] = []
        var foreground = number(for: style.foreground, newColors: &newColors)
        let background = number(for: style.background, newColors: &newColors)
        if mode == .ansi8, foreground == background, foreground >= 0,
           case .rgb(let fgRGB) = style.foreground, case .rgb(let bgRGB) = style.background, fgRGB != bgRGB {
            // Two different colours collapsed into one: keep the text readable.
            foreground = bgRGB.luminance > 0.5 ? 0 : 7
        }
        if foreground < 0 && background < 0 { return Resolved(pair: 0, newColors: newColors) }
        let key = PairKey(foreground: foreground, background: background)
        if let existing = pairs[key] { return Resolved(pair: existing, newColors: newColors) }
        let next = pairs.count + 1
        guard next < pairLimit else { return Resolved(pair: 0, newColors: newColors) }
        pairs[key] = next
        return Resolved(pair: next, newColors: newColors,
                        newPair: PairDefinition(number: next, foreground: foreground, background: background))
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
            if let slot = slots[rgb] { return slot }
            let next = paletteSlots.lowerBound + slots.count
            guard next <= paletteSlots.upperBound else { return nearestDefinedSlot(to: rgb) }
            slots[rgb] = next
            slotColors.append((next, rgb))
            newColors.append(ColorDefinition(number: next, rgb: rgb))
            return next
        }
    }

    /// When every entry is taken: the closest colour already defined (the standard palette no
    /// longer holds its usual colours there).
    private func nearestDefinedSlot(to rgb: RGB) -> Int {
        slotColors.min { $0.rgb.distanceSquared(to: rgb) < $1.rgb.distanceSquared(to: rgb) }!.number
    }

    private struct PairKey: Hashable {
        let foreground: Int
        let background: Int
    }
}
