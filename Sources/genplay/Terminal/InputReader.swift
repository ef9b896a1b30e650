import CNcurses
import Foundation
import Glibc
import Render
import TUI

/// Turns what `wget_wch` returns into messages: keys with their modifiers (Alt arrives as
/// Esc + key), bracketed pastes, mouse wheel and clicks, resizes.
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
        var messages: [Msg] = []
        while let input = read(screen) {
            switch input {
            case .code(Self.pasteStart): messages.append(.paste(readPaste()))
            case .code(KEY_RESIZE): messages.append(.resize(Size(width: Int(gp_cols()), height: Int(gp_lines()))))
            case .code(KEY_MOUSE): if let event = mouseEvent() { messages.append(.mouse(event)) }
            case .character(27):
                // Esc, or Alt held with the next key (terminals send Alt-x as Esc x).
                if let next = read(screen), var key = decode(next) {
                    key.modifiers.insert(.alt)
                    messages.append(.key(key))
                } else {
                    messages.append(.key(Key(.escape)))
                }
            default: if let key = decode(input) { messages.append(.key(key)) }
            }
        }
        return messages
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

    private func decode(_ input: Input) -> Key? {
        switch input {
        case .character(let value): return decodeCharacter(value)
        case .code(let code): return decodeCode(code)
        }
    }

    private func decodeCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 13: return Key(.enter)
        case 9: return Key(.tab)
        case 127: return Key(.backspace)
        case 27: return Key(.escape)
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))   // Ctrl-A ... Ctrl-Z (Ctrl-H, Ctrl-J included)
        case 0..<32: return nil
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
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

    /// Modified keys that terminfo lists as extended capabilities: `kLFT5` is Ctrl-Left, the
    /// digit being xterm's modifier code (2 Shift, 3 Alt, 5 Ctrl, and their sums + 1).
    private func decodeExtendedName(_ code: Int32) -> Key? {
        guard let pointer = keyname(code) else { return nil }
        let name = String(cString: pointer)
        guard name.count >= 4, let digit = name.last?.wholeNumberValue, (2...8).contains(digit) else { return nil }
        let base: KeyCode
        switch name.dropLast() {
        case "kUP": base = .up
        case "kDN": base = .down
        case "kLFT": base = .left
        case "kRIT": base = .right
        case "kHOM": base = .home
        case "kEND": base = .end
        case "kPRV": base = .pageUp
        case "kNXT": base = .pageDown
        case "kDC": base = .delete
        case "kIC": base = .insert
        default: return nil
        }
        let bits = digit - 1
        var modifiers: KeyModifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & 2 != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return Key(base, modifiers)
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
