/// What the driver reads from ncurses, before the Escs in it are taken apart: a character
/// ncurses left alone (Esc, a letter), or something it decoded itself (F2, an arrow, a resize,
/// a click), which the driver has already turned into a message.
public enum TerminalInput: Equatable, Sendable {
    case character(UInt32)
    case decoded(Msg)

    /// The messages that `inputs`, read one after another, mean. An Esc ncurses did not turn
    /// into a key is Alt with the character after it (terminals send Alt-x as Esc x), or starts a
    /// CSI/SS3 sequence ncurses did not know (decoded, or dropped whole); an Esc before anything
    /// else (another Esc, a key ncurses decoded, a resize, nothing) is a plain Esc, and what
    /// follows it is delivered as itself.
    public static func messages(_ inputs: [TerminalInput]) -> [Msg] {
        var messages: [Msg] = []
        var rest = inputs[...]
        while let input = rest.popFirst() {
            switch input {
            case .decoded(let msg): messages.append(msg)
            case .character(27): messages += afterEscape(&rest)
            case .character(let value): if let key = KeyDecoding.key(forCharacter: value) { messages.append(.key(key)) }
            }
        }
        return messages
    }

    /// Takes what belongs to the Esc just read from the front of `rest`.
    private static func afterEscape(_ rest: inout ArraySlice<TerminalInput>) -> [Msg] {
        // A second Esc stays in `rest`: it may still begin an escape sequence of its own.
        guard case .character(let next)? = rest.first, next != 27 else { return [.key(Key(.escape))] }
        rest.removeFirst()
        if next == 0x5B || next == 0x4F {  // "[" or "O"
            var body = ""
            while body.count < 16, case .character(let value)? = rest.first, let scalar = Unicode.Scalar(value) {
                rest.removeFirst()
                body.unicodeScalars.append(scalar)
                if next == 0x4F || KeyDecoding.isFinalByte(value) { break }
            }
            if body.isEmpty { return [.key(Key(.character(next == 0x5B ? "[" : "O"), .alt))] }
            return KeyDecoding.key(forEscapeSequence: body, ss3: next == 0x4F).map { [.key($0)] } ?? []
        }
        guard var key = KeyDecoding.key(forCharacter: next) else { return [] }
        key.modifiers.insert(.alt)
        return [.key(key)]
    }
}
