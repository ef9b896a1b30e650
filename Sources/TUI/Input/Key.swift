public struct KeyModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let shift = KeyModifiers(rawValue: 1 << 0)
    public static let alt = KeyModifiers(rawValue: 1 << 1)
    public static let control = KeyModifiers(rawValue: 1 << 2)
}

public enum KeyCode: Hashable, Sendable {
    /// A printable character; with `.control`, the letter of a control key (Ctrl-A is `a`).
    case character(Character)
    case enter, tab, backspace, delete, escape, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

/// A key press as the driver decodes it.
public struct Key: Hashable, Sendable, CustomStringConvertible {
    public var code: KeyCode
    public var modifiers: KeyModifiers

    public init(_ code: KeyCode, _ modifiers: KeyModifiers = []) {
        self.code = code
        self.modifiers = modifiers
    }

    public static func char(_ character: Character) -> Key { Key(.character(character)) }
    public static func ctrl(_ letter: Character) -> Key { Key(.character(letter), .control) }
    public static func alt(_ character: Character) -> Key { Key(.character(character), .alt) }

    /// The printable character this key types, if it types one.
    public var typedCharacter: Character? {
        if case .character(let character) = code, modifiers.isDisjoint(with: [.alt, .control]) { return character }
        return nil
    }

    /// How help screens and hints write the key: "Ctrl-R", "Alt-Enter", "F1", "PgUp".
    public var description: String {
        var parts: [String] = []
        if modifiers.contains(.control) { parts.append("Ctrl") }
        if modifiers.contains(.alt) { parts.append("Alt") }
        if modifiers.contains(.shift) { parts.append("Shift") }
        parts.append(codeName)
        return parts.joined(separator: "-")
    }

    private var codeName: String {
        switch code {
        case .character(" "): return "Space"
        case .character(let character):
            return modifiers.contains(.control) ? String(character).uppercased() : String(character)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .escape: return "Esc"
        case .insert: return "Ins"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let number): return "F\(number)"
        }
    }
}
