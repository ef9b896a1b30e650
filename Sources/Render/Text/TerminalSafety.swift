/// Text from a model, a file or the clipboard never reaches the terminal raw: control
/// characters, escape sequences and bidi overrides become visible placeholders.
///
/// - C0 controls and DEL become the Control Pictures (`ESC` → `␛`, `NUL` → `␀`, `DEL` → `␡`),
///   so `ESC [31m` shows as `␛[31m` and cannot change colours.
/// - C1 controls (U+0080–U+009F) are the 8-bit forms of `ESC` + a letter, and are shown that
///   way (`CSI` U+009B → `␛[`).
/// - Bidi embeddings, overrides and isolates, and the line/paragraph separators, show as their
///   abbreviation in angle brackets (`⟨RLO⟩`), so reordered text cannot hide what it says.
public enum TerminalSafety {
    /// Whether the terminal may be sent this code point as it is.
    @inline(__always)
    public static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return true }
        if value < 0xA0 { return false }  // C0, DEL, C1
        return placeholderForFormatControl(value) == nil
    }

    /// The visible stand-in for an unsafe code point, or nil when it is safe.
    public static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + value)!)
        case 0x7F: return "\u{2421}"
        case 0x80..<0xA0: return "\u{241B}" + String(Unicode.Scalar(value - 0x40)!)
        default: return placeholderForFormatControl(value)
        }
    }

    /// `text` with every unsafe code point replaced by its placeholder.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isSafe($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let placeholder = placeholder(for: scalar) {
                result.append(contentsOf: placeholder.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The graphemes to draw for one grapheme of untrusted text: itself when safe, else the
    /// placeholders (a grapheme such as "\r\n" or "e\u{202E}" may hold several unsafe scalars).
    public static func safeGraphemes(_ grapheme: Character) -> SafeGraphemes {
        if grapheme.utf8.count == 1, let ascii = grapheme.asciiValue, ascii >= 0x20, ascii < 0x7F {
            return .unchanged
        }
        guard grapheme.unicodeScalars.contains(where: { !isSafe($0) }) else { return .unchanged }
        return .replaced(sanitize(String(grapheme)))
    }

    public enum SafeGraphemes {
        case unchanged
        /// Draw this text instead (its graphemes are all safe).
        case replaced(String)
    }

    private static func placeholderForFormatControl(_ value: UInt32) -> String? {
        switch value {
        case 0x061C: return "⟨ALM⟩"
        case 0x200E: return "⟨LRM⟩"
        case 0x200F: return "⟨RLM⟩"
        case 0x2028: return "⟨LS⟩"
        case 0x2029: return "⟨PS⟩"
        case 0x202A: return "⟨LRE⟩"
        case 0x202B: return "⟨RLE⟩"
        case 0x202C: return "⟨PDF⟩"
        case 0x202D: return "⟨LRO⟩"
        case 0x202E: return "⟨RLO⟩"
        case 0x2066: return "⟨LRI⟩"
        case 0x2067: return "⟨RLI⟩"
        case 0x2068: return "⟨FSI⟩"
        case 0x2069: return "⟨PDI⟩"
        default: return nil
        }
    }
}
