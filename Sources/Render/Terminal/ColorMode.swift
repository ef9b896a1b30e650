/// How many colours the terminal can show, and how RGB reaches it.
public enum ColorMode: Equatable, Sendable {
    /// 24-bit colour numbers (`0xRRGGBB`), for terminfo entries with direct colour (xterm-direct).
    case direct
    /// A 256-colour terminal whose palette entries can be redefined (`init_extended_color`),
    /// announced as truecolor by `COLORTERM`: entries 16...255 get the exact colours in use
    /// (see `TerminalColors`).
    case redefinablePalette
    /// The fixed xterm 256-colour palette.
    case indexed256
    /// The eight ANSI colours.
    case ansi8
    /// No colour: attributes only.
    case monochrome

    /// Chooses the mode from what ncurses reports (`COLORS`, `can_change_color()`) and the
    /// environment (`COLORTERM=truecolor` or `24bit` vouches for exact colours).
    public static func detect(colors: Int, canChangeColor: Bool, environment: [String: String]) -> ColorMode {
        let announcesTruecolor = ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? "")
        switch colors {
        case (1 << 24)...: return .direct
        case 256...: return announcesTruecolor && canChangeColor ? .redefinablePalette : .indexed256
        case 8...: return .ansi8
        default: return .monochrome
        }
    }
}
