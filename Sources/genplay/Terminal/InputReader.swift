import CNcurses
import Foundation
import Glibc
import Render
import TUI

/// Turns what `wget_wch` returns into messages: keys with their modifiers (`TerminalInput`
/// takes apart the Escs ncurses leaves, Alt arriving as Esc + key), bracketed pastes, mouse
/// wheel and clicks, resizes.
struct InputReader {
    /// Key codes given to the bracketed-paste markers with `define_key`, far above ncurses' own.
    private static let pasteStart: Int32 = 0x6000
    private static let pasteEnd: Int32 = 0x6001
    /// A paste waits this long for more bytes before it is taken as complete.
    private static let pasteTimeoutMilliseconds: Int32 = 500

    func defineKeys() {
        define_key("\u{1B}[200~", Self.pasteStart)
        define_key("\u{1B}[201~", Self.pasteEnd)
    }

    /// Everything available now, without blocking.
    func readAvailable() -> [Msg] {
        let screen = gp_stdscr()
        nodelay(screen, true)
        var messages: [Msg] = [], pending: [TerminalInput] = []
        while let input = read(screen) {
            switch input {
            case .code(Self.pasteStart):
                messages += TerminalInput.messages(pending) + [.paste(readPaste())]
                pending = []
            case .code(KEY_RESIZE): pending.append(.decoded(.resize(Size(width: Int(gp_cols()), height: Int(gp_lines())))))
            case .code(KEY_MOUSE): if let event = mouseEvent() { pending.append(.decoded(.mouse(event))) }
            case .code(let code): if let key = decodeCode(code) { pending.append(.decoded(.key(key))) }
            case .character(let value): pending.append(.character(value))
            }
        }
        return messages + TerminalInput.messages(pending)
    }

    private enum Input {
        case character(UInt32)
        case code(Int32)
    }

    private func read(_ screen: UnsafeMutablePointer<WINDOW>?) -> Input? {
        var value: wint_t = 0
        switch wget_wch(screen, &value) {
        case OK: return .character(UInt32(value))
        case KEY_CODE_YES: return .code(Int32(value))
        default: return nil
        }
    }

    private func decodeCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return Key(.up)
        case KEY_DOWN: return Key(.down)
        case KEY_LEFT: return Key(.left)
        case KEY_RIGHT: return Key(.right)
        case KEY_HOME: return Key(.home)
        case KEY_END: return Key(.end)
        case KEY_PPAGE: return Key(.pageUp)
        case KEY_NPAGE: return Key(.pageDown)
        case KEY_DC: return Key(.delete)
        case KEY_IC: return Key(.insert)
        case KEY_BACKSPACE: return Key(.backspace)
        case KEY_ENTER: return Key(.enter)
        case KEY_BTAB: return Key(.tab, .shift)
        case KEY_SLEFT: return Key(.left, .shift)
        case KEY_SRIGHT: return Key(.right, .shift)
        case KEY_SHOME: return Key(.home, .shift)
        case KEY_SEND: return Key(.end, .shift)
        case gp_key_f(1)...gp_key_f(24): return Key(.function(Int(code - gp_key_f(0))))
        default: return decodeExtendedName(code)
        }
    }

    /// Modified keys terminfo lists by name (`kLFT5`).
    private func decodeExtendedName(_ code: Int32) -> Key? {
        keyname(code).flatMap { KeyDecoding.key(forTerminfoName: String(cString: $0)) }
    }

    /// Reads a bracketed paste up to its end marker straight from the terminal, in large
    /// reads: ncurses reads input a byte at a time, so nothing after the start marker is in its
    /// buffer yet, and a megabyte through `wget_wch` would take seconds. Bytes after the end
    /// marker (keys typed right after) are handed back to ncurses.
    private func readPaste() -> String {
        let endMarker = Array("\u{1B}[201~".utf8)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Self.pasteTimeoutMilliseconds) > 0 else { break }
            let count = Glibc.read(STDIN_FILENO, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let searchFrom = max(0, bytes.count - endMarker.count + 1)
            bytes += chunk[0..<count]
            if let end = bytes[searchFrom...].firstRange(of: endMarker) {
                for byte in bytes[end.upperBound...].reversed() { ungetch(Int32(byte)) }
                bytes.removeSubrange(end.lowerBound...)
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func mouseEvent() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let point = Point(x: Int(event.x), y: Int(event.y))
        if event.bstate & gp_wheel_up() != 0 { return .wheelUp(at: point) }
        if event.bstate & gp_wheel_down() != 0 { return .wheelDown(at: point) }
        if event.bstate & gp_button1_pressed() != 0 { return .click(at: point) }
        return nil
    }
}
