import Foundation
import Render

/// Output helpers for the headless commands.
enum Console {
    /// One line on stderr. Messages quote file names, metadata keys and tensor names, so
    /// control characters (a newline too) are shown as placeholders.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("genplay: \(TerminalSafety.sanitize(message))\n".utf8))
    }

    /// Text on stderr, made safe as `write` makes stdout's.
    static func status(_ message: String) {
        FileHandle.standardError.write(Data(TerminalText.safe(message).utf8))
    }

    /// A progress line on stderr that a terminal shows in place: each replaces the last, and
    /// `done` ends it (elsewhere only `done` lines are written).
    static func progress(_ message: String, done: Bool = false) {
        let line = TerminalText.safe(message)
        if stderrIsTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line + (done ? "\n" : "")).utf8))
        } else if done {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    static let stdinIsTerminal = isatty(STDIN_FILENO) == 1
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Writes to stdout without buffering delays (tokens should appear as they are sampled).
    /// Everything from a model or a file passes through here, so control characters and
    /// escape sequences become visible placeholders (newlines and tabs stay): output may hold
    /// names, class names and tokens that a file chose.
    static func write(_ text: String) { writeRaw(TerminalText.safe(text)) }

    /// Writes bytes as they are: only for escape sequences genplay makes itself (previews in
    /// colour) and for text a user asked to get raw (`run --raw` on a pipe).
    static func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    static func formatBytes(_ n: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(n), unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
    }
}
