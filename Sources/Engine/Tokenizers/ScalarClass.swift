/// The classes a pre-tokenizer asks about a Unicode scalar: one general-category group
/// (`\p{L}`, `\p{N}`, ...) plus the White_Space property (`\s`).
///
/// llama.cpp classifies with a table generated from Unicode 15.1, so characters assigned later
/// count as undefined here too, whatever version the Swift runtime knows. The test
/// `TokenizerScalarClassTests` compares every code point with llama.cpp's table when its source
/// is at hand.
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt16

    static let undefined = ScalarClass(rawValue: 1 << 0)
    static let number = ScalarClass(rawValue: 1 << 1)  // \p{N}
    static let letter = ScalarClass(rawValue: 1 << 2)  // \p{L}
    static let separator = ScalarClass(rawValue: 1 << 3)  // \p{Z}
    static let mark = ScalarClass(rawValue: 1 << 4)  // \p{M}
    static let punctuation = ScalarClass(rawValue: 1 << 5)  // \p{P}
    static let symbol = ScalarClass(rawValue: 1 << 6)  // \p{S}
    static let control = ScalarClass(rawValue: 1 << 7)  // \p{C}
    static let whitespace = ScalarClass(rawValue: 1 << 8)  // \s

    /// The newest Unicode version whose assignments count (llama.cpp's table).
    static let unicodeVersion = (major: 15, minor: 1)

    /// The class of a code point; values past U+10FFFF are undefined.
    static func of(_ scalar: UInt32) -> ScalarClass { lookup(scalar, basicPlane) }

    /// The classes of many code points (reads the table once, not once per scalar).
    static func of(_ scalars: [UInt32]) -> [ScalarClass] {
        let table = basicPlane
        return scalars.map { lookup($0, table) }
    }

    @inline(__always)
    private static func lookup(_ scalar: UInt32, _ table: [ScalarClass]) -> ScalarClass {
        scalar < 0x10000 ? table[Int(scalar)] : classify(scalar)
    }

    /// Classes of the Basic Multilingual Plane, computed once: almost all text lives there and
    /// a table lookup is much cheaper than asking the runtime for the properties each time.
    private static let basicPlane: [ScalarClass] = (0 ..< 0x10000).map { classify(UInt32($0)) }

    private static func classify(_ value: UInt32) -> ScalarClass {
        // Surrogate code points never occur in a Swift string; the table calls them control.
        guard let scalar = Unicode.Scalar(value) else { return value < 0x110000 ? .control : .undefined }
        let properties = scalar.properties
        let space: ScalarClass = whitespaceScalars.contains(value) ? .whitespace : []
        guard let age = properties.age, (age.major, age.minor) <= unicodeVersion else { return [.undefined, space] }
        return [category(properties.generalCategory), space]
    }

    private static func category(_ category: Unicode.GeneralCategory) -> ScalarClass {
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .number
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return .punctuation
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: return .symbol
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return .separator
        case .control, .format, .surrogate, .privateUse: return .control
        case .unassigned: return .undefined
        @unknown default: return .undefined
        }
    }

    /// Unicode's White_Space property (PropList.txt), the set llama.cpp's `\s` matches.
    private static let whitespaceScalars: Set<UInt32> = [
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
    ]
}
