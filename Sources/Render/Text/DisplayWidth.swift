/// How many terminal cells a grapheme occupies: 2 for CJK, fullwidth forms and emoji, 0 for
/// combining marks and invisible format characters, 1 otherwise.
public enum DisplayWidth {
    /// Width of one grapheme as a terminal draws it. Control characters are not measured here:
    /// text goes through `TerminalSafety` first, which replaces them with visible symbols.
    public static func of(_ grapheme: Character) -> Int {
        if grapheme.isASCII { return 1 }
        let scalars = grapheme.unicodeScalars
        guard let first = scalars.first else { return 0 }
        var width = of(first)
        for scalar in scalars.dropFirst() {
            switch scalar.value {
            case 0xFE0F where first.properties.isEmoji: width = 2   // emoji presentation selector
            case 0xFE0E where first.properties.isEmoji: width = 1   // text presentation selector
            case 0x200D where first.properties.isEmoji: width = 2   // ZWJ sequence (family, profession)
            case 0x1F1E6...0x1F1FF: width = 2                       // second regional indicator: a flag
            default: break
            }
        }
        return width
    }

    /// Width of a whole string, grapheme by grapheme.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for grapheme in text { total += of(grapheme) }
        return total
    }

    /// Width of a single code point.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isWide(_ value: UInt32) -> Bool {
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound { high = mid - 1 } else if value > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default:
            // Hangul medial vowels and final consonants join the preceding syllable.
            return (0x1160...0x11FF).contains(scalar.value) || (0xD7B0...0xD7FF).contains(scalar.value)
        }
    }
}
