/// Decoding of terminal input that does not need ncurses: control characters, modified keys
/// that terminfo names (`kLFT5`), and escape sequences that ncurses did not recognise (a
/// terminal sending VT220 Home `ESC [1~` under a TERM that expects `ESC OH`), so that an
/// unknown sequence never types its tail (`[1~`) into the input.
public enum KeyDecoding {
    /// The key a single code point below 128 types (Enter is CR, Ctrl-J is LF), or nil.
    public static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 13: return Key(.enter)
        case 9: return Key(.tab)
        case 127: return Key(.backspace)
        case 27: return Key(.escape)
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        case 0..<32: return nil
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }

    /// Modified keys terminfo lists as extended capabilities: `kLFT5` is Ctrl-Left, the digit
    /// being xterm's modifier code (1 + Shift 1, Alt 2, Ctrl 4).
    public static func key(forTerminfoName name: String) -> Key? {
        guard name.count >= 4, let digit = name.last?.wholeNumberValue, (2...8).contains(digit) else { return nil }
        let codes: [String: KeyCode] = [
            "kUP": .up, "kDN": .down, "kLFT": .left, "kRIT": .right, "kHOM": .home, "kEND": .end,
            "kPRV": .pageUp, "kNXT": .pageDown, "kDC": .delete, "kIC": .insert,
        ]
        guard let code = codes[String(name.dropLast())] else { return nil }
        return Key(code, modifiers(xtermCode: digit))
    }

    /// The key of a CSI sequence (`ESC [` then `body`, e.g. "1;5D", "4~") or an SS3 sequence
    /// (`ESC O` then `body`, e.g. "H"); nil for sequences that mean nothing to the app.
    public static func key(forEscapeSequence body: String, ss3: Bool = false) -> Key? {
        guard let final = body.last else { return nil }
        let numbers = body.dropLast().split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let modifierCode = numbers.count >= 2 ? (numbers[1] ?? 1) : 1
        let modifiers = modifiers(xtermCode: modifierCode)
        let letterKeys: [Character: KeyCode] = [
            "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end,
            "P": .function(1), "Q": .function(2), "R": .function(3), "S": .function(4),
        ]
        if let code = letterKeys[final] {
            if !ss3 && ["P", "Q", "R", "S"].contains(final) && numbers.count < 2 { return nil }
            return Key(code, modifiers)
        }
        guard final == "~", !ss3, let first = numbers.first ?? nil else { return nil }
        let tildeKeys: [Int: KeyCode] = [
            1: .home, 7: .home, 4: .end, 8: .end, 2: .insert, 3: .delete, 5: .pageUp, 6: .pageDown,
            11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
            17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
            23: .function(11), 24: .function(12),
        ]
        return tildeKeys[first].map { Key($0, modifiers) }
    }

    /// Whether `character` ends a CSI sequence (its final byte).
    public static func isFinalByte(_ value: UInt32) -> Bool { (0x40...0x7E).contains(value) }

    private static func modifiers(xtermCode: Int) -> KeyModifiers {
        let bits = max(0, xtermCode - 1)
        var modifiers: KeyModifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return modifiers
    }
}
