/// A rectangle of cells: what a view draws and what the terminal driver diffs and writes.
///
/// All text goes through `TerminalSafety` on the way in, so a grid never holds a control
/// character, and through `DisplayWidth`, so wide graphemes take two cells and marks none.
/// Every write is clipped to `clip` (the whole grid unless narrowed with `clipped(to:_:)`).
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    public private(set) var clip: Rect
    /// Where the terminal's cursor should blink (a text field's caret); nil hides it.
    public var cursor: Point?

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
        clip = Rect(x: 0, y: 0, width: self.width, height: self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Runs `body` with writes limited to `rect` (within the current clip), then restores it.
    public mutating func clipped(to rect: Rect, _ body: (inout CellGrid) -> Void) {
        let saved = clip
        clip = clip.intersection(rect)
        body(&self)
        clip = saved
    }

    // MARK: Text

    /// Writes `text` on row `y` from column `x`, clipped; returns the column after the last
    /// cell written. Stops at the clip's right edge (a wide grapheme that would straddle it is
    /// left out). Unsafe characters are drawn as their placeholders, dimmed.
    @discardableResult
    public mutating func write<S: StringProtocol>(_ text: S, x: Int, y: Int, style: CellStyle) -> Int {
        var column = x
        guard y >= clip.y, y < clip.maxY else { return column }
        for grapheme in text {
            Glyphs.forEach(grapheme) { glyph in
                column = put(glyph.character, width: Int(glyph.width), x: column, y: y,
                             style: glyph.isPlaceholder ? style.with(.dim) : style)
            }
            if column >= clip.maxX { break }
        }
        return column
    }

    /// Places one glyph's grapheme (safe, measured: see `Glyphs`); returns the next column.
    /// Layout code that made glyphs itself draws them with this.
    @discardableResult
    public mutating func put(_ grapheme: Character, width graphemeWidth: Int, x: Int, y: Int, style: CellStyle) -> Int {
        guard y >= clip.y, y < clip.maxY, graphemeWidth > 0 else { return x + graphemeWidth }
        let end = x + graphemeWidth
        if x < clip.x || end > clip.maxX {
            // Partly outside: blank the visible part rather than draw half a character.
            let visible = max(x, clip.x)..<max(max(x, clip.x), min(end, clip.maxX))
            for column in visible { setCell(Cell(" ", style: style), x: column, y: y) }
            return end
        }
        setCell(Cell(String(grapheme), style: style), x: x, y: y)
        if graphemeWidth == 2 { setCell(Cell("", style: style), x: x + 1, y: y) }
        return end
    }

    // MARK: Areas

    /// Fills `rect` (clipped) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: CellStyle) {
        let area = rect.intersection(clip)
        guard !area.isEmpty else { return }
        let cell = Cell(String(character), style: style)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { setCell(cell, x: x, y: y) }
        }
    }

    /// Changes the style of the cells in `rect` (clipped), keeping their text.
    public mutating func restyle(_ rect: Rect, _ change: (inout CellStyle) -> Void) {
        let area = rect.intersection(clip)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { change(&cells[y * width + x].style) }
        }
    }

    /// Draws a rounded single-line frame around `rect`, with an optional title in the top edge.
    public mutating func drawBox(_ rect: Rect, style: CellStyle, title: String? = nil, titleStyle: CellStyle? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x + 1..<right {
            write("─", x: x, y: rect.y, style: style)
            write("─", x: x, y: bottom, style: style)
        }
        for y in rect.y + 1..<bottom {
            write("│", x: rect.x, y: y, style: style)
            write("│", x: right, y: y, style: style)
        }
        write("╭", x: rect.x, y: rect.y, style: style)
        write("╮", x: right, y: rect.y, style: style)
        write("╰", x: rect.x, y: bottom, style: style)
        write("╯", x: right, y: bottom, style: style)
        if let title, rect.width > 4 {
            clipped(to: Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: 1)) { grid in
                grid.write(" \(title) ", x: rect.x + 2, y: rect.y, style: titleStyle ?? style)
            }
        }
    }

    /// Copies `other` with its top left at `origin`, clipped.
    public mutating func blit(_ other: CellGrid, at origin: Point) {
        for y in 0..<other.height {
            let targetY = origin.y + y
            guard targetY >= clip.y, targetY < clip.maxY else { continue }
            for x in 0..<other.width {
                let targetX = origin.x + x
                guard targetX >= clip.x, targetX < clip.maxX else { continue }
                setCell(other[x, y], x: targetX, y: targetY)
            }
        }
    }

    // MARK: Reading back

    /// Each row as text (continuation cells left out): what tests compare.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            return line
        }
    }

    // MARK: Private

    /// Sets one cell, keeping wide graphemes whole: overwriting either half of a wide grapheme
    /// blanks its other half.
    private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0, !cell.isContinuation {
            cells[index - 1].text = " "
        }
        if x + 1 < width, cells[index + 1].isContinuation, !cells[index].isContinuation {
            cells[index + 1].text = " "
        }
        cells[index] = cell
    }
}
