import Testing
@testable import Render

@Suite struct AnsiTextTests {
    let red = CellStyle(foreground: .rgb(RGB(255, 0, 0)), attributes: .bold)

    func grid(_ cells: [Cell]) -> CellGrid {
        var grid = CellGrid(width: cells.count, height: 1)
        for (x, cell) in cells.enumerated() { grid.write(cell.text, x: x, y: 0, style: cell.style) }
        return grid
    }

    @Test func directColourWritesRGB() {
        let text = grid([Cell("a"), Cell("b", style: red), Cell("c", style: red)]).ansiText(mode: .direct)
        #expect(text == "a\u{1B}[0;1;38;2;255;0;0mbc\u{1B}[0m\n")
    }

    @Test func paletteModesWritePaletteNumbers() {
        let cells = [Cell("▀", style: CellStyle(foreground: .rgb(RGB(128, 128, 128)), background: .rgb(RGB(0, 0, 0))))]
        #expect(grid(cells).ansiText(mode: .indexed256) == "\u{1B}[0;38;5;244;48;5;16m▀\u{1B}[0m\n")
        #expect(grid(cells).ansiText(mode: .redefinablePalette) == "\u{1B}[0;38;2;128;128;128;48;2;0;0;0m▀\u{1B}[0m\n")
        #expect(grid(cells).ansiText(mode: .ansi8) == "\u{1B}[0;37;40m▀\u{1B}[0m\n")
        #expect(grid(cells).ansiText(mode: .monochrome) == "\u{1B}[0m▀\u{1B}[0m\n")
    }

    @Test func eightColourPixelsMayCollapseButTextStaysReadable() {
        let dark = CellStyle(foreground: .rgb(RGB(100, 100, 100)), background: .rgb(RGB(50, 50, 50)))
        #expect(grid([Cell("▀", style: dark)]).ansiText(mode: .ansi8) == "\u{1B}[0;30;40m▀\u{1B}[0m\n")
        #expect(grid([Cell("x", style: dark)]).ansiText(mode: .ansi8) == "\u{1B}[0;37;40mx\u{1B}[0m\n")
    }

    @Test func styleChangesOnlyWhereTheyHappen() {
        let text = grid([Cell("a", style: red), Cell("b"), Cell("c", style: CellStyle(attributes: [.underline, .reverse]))]).ansiText(mode: .direct)
        #expect(text == "\u{1B}[0;1;38;2;255;0;0ma\u{1B}[0mb\u{1B}[0;4;7mc\u{1B}[0m\n")
    }

    @Test func plainLinesHaveNoEscapesAndWideCharactersPrintOnce() {
        var grid = CellGrid(width: 4, height: 2)
        grid.write("中a", x: 0, y: 0, style: .plain)
        #expect(grid.ansiText(mode: .direct) == "中a \n    \n")
        #expect(CellGrid(width: 0, height: 0).ansiText(mode: .direct) == "")
    }
}
