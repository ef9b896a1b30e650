import Foundation
import Render

/// Output helpers for the headless commands.
enum Console {
    /// One line on stderr. Messages quote file names, metadata keys and tensor names, so
    /// control characters (a newline too) are shown as placeholders.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("genplay: \(TerminalSafety.sanitize(message))\n".utf8))
    }

    static func status(_ message: String) {
        FileHandle.standardError.write(Data(message.utf8))
    }

    static let stdinIsTerminal = isatty(STDIN_FILENO) == 1
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Writes to stdout without buffering delays (tokens should appear as they are sampled).
    static func write(_ text: String) {
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
