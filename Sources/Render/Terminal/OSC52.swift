import Foundation

/// Copying to the clipboard through the terminal: OSC 52, which xterm, kitty, WezTerm, iTerm2,
/// foot and Windows Terminal understand, over ssh too, and tmux with `set-clipboard on`.
public enum OSC52 {
    /// Terminals cap what one sequence may carry (xterm and tmux at about 100 KB of base64).
    public static let maximumBytes = 74_000

    /// The sequence that puts `text` on the clipboard; nil when it is too long to send.
    public static func sequence(copying text: String) -> String? {
        let bytes = Data(text.utf8)
        guard bytes.count <= maximumBytes else { return nil }
        return "\u{1B}]52;c;\(bytes.base64EncodedString())\u{07}"
    }
}
