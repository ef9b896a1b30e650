import CNcurses
import Render

/// Writes a frame to ncurses: only the cells that changed since the last frame, with colour
/// pairs (and palette entries) defined the first time a style needs them.
struct ScreenPainter {
    private var previous: CellGrid?
    private var colors: TerminalColors
    private let maxScalarsPerCell = Int(gp_cchar_max())

    init(colors: TerminalColors) {
        self.colors = colors
    }

    var changedPalette: Bool { colors.changedPalette }

    /// Forgets the last frame so the next is written whole (after a resize or a resume).
    mutating func invalidate() {
        previous = nil
    }

    mutating func paint(_ grid: CellGrid) {
        let screen = gp_stdscr()
        if previous == nil { werase(screen) }
        grid.forEachChange(since: previous) { x, y, cell in
            draw(cell, x: x, y: y, on: screen)
        }
        if let cursor = grid.cursor {
            curs_set(1)
            wmove(screen, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(screen)
        doupdate()
        previous = grid
    }

    private mutating func draw(_ cell: Cell, x: Int, y: Int, on screen: UnsafeMutablePointer<WINDOW>?) {
        let resolved = colors.pair(for: cell.style, keepingTextReadable: !cell.isBlockElement)
        for color in resolved.newColors {
            func scale(_ component: UInt8) -> Int32 { Int32(component) * 1000 / 255 }
            init_extended_color(Int32(color.number), scale(color.rgb.red), scale(color.rgb.green), scale(color.rgb.blue))
        }
        if let pair = resolved.newPair {
            init_extended_pair(Int32(pair.number), Int32(pair.foreground), Int32(pair.background))
        }
        // ncurses keeps at most CCHARW_MAX code points per cell; longer graphemes (family
        // emoji) keep their first code point, which has the same width.
        var characters = cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        if characters.count > maxScalarsPerCell { characters = [characters[0]] }
        characters.append(0)
        var pair = Int32(resolved.pair)
        var character = cchar_t()
        setcchar(&character, characters, attributes(cell.style.attributes), 0, &pair)
        mvwadd_wch(screen, Int32(y), Int32(x), &character)
    }

    private func attributes(_ attributes: CellAttributes) -> attr_t {
        var result = gp_a_normal()
        if attributes.contains(.bold) { result |= gp_a_bold() }
        if attributes.contains(.dim) { result |= gp_a_dim() }
        if attributes.contains(.italic) { result |= gp_a_italic() }
        if attributes.contains(.underline) { result |= gp_a_underline() }
        if attributes.contains(.reverse) { result |= gp_a_reverse() }
        return result
    }
}
