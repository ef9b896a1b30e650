import CNcurses
import Glibc
import Render
import TUI

/// The terminal while the app runs: ncurses in raw mode with keypad, bracketed paste and
/// mouse reporting. The only code that changes terminal modes.
final class TerminalSession {
    private var painter: ScreenPainter
    private let input = InputReader()
    private var ended = false

    /// SIGINT, SIGTERM and SIGHUP write their number to `terminationWake` instead of ending
    /// the process: the frame loop ends the app itself once it has saved.
    init(environment: [String: String], terminationWake: Int32) {
        setlocale(LC_ALL, "")
        gp_save_terminal()
        gp_install_restore_handlers(terminationWake)
        initscr()
        gp_set_terminal_active(1)
        raw()
        noecho()
        nonl()                      // Enter is CR (13), Ctrl-J is LF (10): two different keys
        keypad(gp_stdscr(), true)
        set_escdelay(25)            // a lone Esc is seen within 25 ms
        if has_colors() {
            start_color()
            use_default_colors()
        }
        mouseinterval(0)            // no click-detection delay
        mousemask(Self.mouseEvents, nil)
        input.defineKeys()
        let mode = has_colors()
            ? ColorMode.detect(colors: Int(gp_colors()), canChangeColor: can_change_color(), environment: environment)
            : .monochrome
        painter = ScreenPainter(colors: TerminalColors(mode: mode, pairLimit: Int(gp_color_pairs())))
        enableExtraModes()
    }

    var size: Size { Size(width: Int(gp_cols()), height: Int(gp_lines())) }

    func paint(_ grid: CellGrid) {
        painter.paint(grid)
        gp_set_palette_changed(painter.changedPalette ? 1 : 0)
    }

    /// Every key, paste, mouse event and resize waiting, without blocking.
    func readInput() -> [Msg] {
        let messages = input.readAvailable()
        if messages.contains(where: { if case .resize = $0 { true } else { false } }) {
            painter.invalidate()
        }
        return messages
    }

    /// Ctrl-Z: hands the terminal back to the shell and stops until `fg`.
    func suspend() {
        disableExtraModes()
        def_prog_mode()
        endwin()
        gp_set_terminal_active(0)
        kill(getpid(), SIGSTOP)
        // Resumed.
        gp_set_terminal_active(1)
        reset_prog_mode()
        enableExtraModes()
        painter.invalidate()
        clearok(gp_curscr(), true)
    }

    /// Mouse reporting on (clicks and the wheel) or off, so that the terminal selects text.
    func captureMouse(_ on: Bool) {
        mousemask(on ? Self.mouseEvents : 0, nil)
    }

    private static var mouseEvents: mmask_t { gp_wheel_up() | gp_wheel_down() | gp_button1_pressed() }

    /// Puts `text` on the clipboard (OSC 52), when it is short enough to send.
    func copyToClipboard(_ text: String) {
        if let sequence = OSC52.sequence(copying: text) { writeOut(sequence) }
    }

    /// Restores the terminal; safe to call twice.
    func end() {
        guard !ended else { return }
        ended = true
        disableExtraModes()
        endwin()
        gp_set_terminal_active(0)
        if painter.changedPalette { writeOut("\u{1B}]104\u{07}") }
    }

    /// Bracketed paste: pasted text arrives between ESC[200~ and ESC[201~, never as keys.
    private func enableExtraModes() {
        writeOut("\u{1B}[?2004h")
    }

    private func disableExtraModes() {
        writeOut("\u{1B}[?2004l")
    }

    private func writeOut(_ text: String) {
        fflush(nil)
        var bytes = Array(text.utf8)
        _ = write(STDOUT_FILENO, &bytes, bytes.count)
    }
}
