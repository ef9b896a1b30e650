/// How stop strings are written as one line of text: in the sampler panel's row, its editor,
/// and `--stop TEXT` on the command line. Strings are separated by `|`; a backslash writes
/// what a line cannot hold: `\n` newline, `\t` tab, `\r` carriage return, `\|` a bar and `\\`
/// a backslash (any other backslash stands for itself). Spaces count: ` User:` starts with one.
public enum StopStringSyntax {
    /// The stop strings of a row of text: `User:|\n\n` is "User:" and two newlines. Empty
    /// strings are left out.
    public static func parseList(_ text: String) -> [String] {
        var strings: [String] = [], current = ""
        decode(text, separated: true) { piece in
            if let piece { current += piece } else { strings.append(current); current = "" }
        }
        strings.append(current)
        return strings.filter { !$0.isEmpty }
    }

    /// One stop string with its escapes decoded (`--stop '\n\n'`); `|` is just a bar here.
    public static func unescape(_ text: String) -> String {
        var result = ""
        decode(text, separated: false) { if let piece = $0 { result += piece } }
        return result
    }

    /// The row's text for `strings`: `parseList(format(s))` gives `s` back (empty ones left out).
    public static func format(_ strings: [String]) -> String {
        strings.map { string in
            var text = ""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\\": text += "\\\\"
                case "|": text += "\\|"
                case "\n": text += "\\n"
                case "\t": text += "\\t"
                case "\r": text += "\\r"
                default: text.unicodeScalars.append(scalar)
                }
            }
            return text
        }.joined(separator: "|")
    }

    /// Calls `emit` with each piece of decoded text, and with nil for a separating `|` when
    /// `separated`.
    private static func decode(_ text: String, separated: Bool, _ emit: (String?) -> Void) {
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "|" where separated: emit(nil)
            case "\\":
                guard let next = scalars.next() else { return emit("\\") }
                switch next {
                case "n": emit("\n")
                case "t": emit("\t")
                case "r": emit("\r")
                case "\\", "|": emit(String(next))
                default: emit("\\" + String(next))
                }
            default: emit(String(scalar))
            }
        }
    }
}
