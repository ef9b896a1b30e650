import Render

/// Text from a model or a file, made safe to print on a terminal.
enum TerminalText {
    /// Control characters and escape sequences become visible placeholders; newlines and tabs stay.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !TerminalSafety.isSafe($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar != "\n", scalar != "\t", let placeholder = TerminalSafety.placeholder(for: scalar) {
                out.append(contentsOf: placeholder.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
