import Testing
@testable import Render

@Suite struct BrailleCanvasTests {
    func lines(_ canvas: BrailleCanvas) -> [String] {
        var grid = CellGrid(width: canvas.width, height: canvas.height)
        canvas.draw(into: &grid, at: Point(x: 0, y: 0), style: .plain)
        return grid.lines
    }

    @Test func cornersMapToTheOuterDots() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.plot(x: 0, y: 0)
        canvas.plot(x: 1, y: 1)
        // Bottom left: dot 7; top right: dot 4 of the second cell.
        #expect(lines(canvas) == ["⡀⠈"])
        #expect(canvas.dotWidth == 4 && canvas.dotHeight == 4)
    }

    @Test func dataRangesPlaceThePoints() {
        var canvas = BrailleCanvas(width: 1, height: 1, xRange: 10 ... 20, yRange: -1 ... 1)
        canvas.plot(x: 20, y: -1)
        canvas.plot(x: 10, y: 1)
        canvas.plot(x: 30, y: 0)   // outside: left out
        #expect(lines(canvas) == ["⢁"])
    }

    @Test func diagonalLine() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.line(x0: 0, y0: 0, x1: 1, y1: 1)
        #expect(lines(canvas) == ["⡠⠊"])
    }

    @Test func linesAreCutAtTheEdges() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.line(x0: -10, y0: 0, x1: 10, y1: 0)
        #expect(lines(canvas) == ["⣀⣀"])
        var outside = BrailleCanvas(width: 2, height: 1)
        outside.line(x0: -3, y0: 2, x1: 3, y1: 2)
        outside.line(x0: 2, y0: 0, x1: 2, y1: 1)
        #expect(lines(outside) == ["  "])
    }

    @Test func curveThroughSampledPoints() {
        // A falling noise schedule on a 4 × 2 canvas (8 × 8 dots), the current step marked red.
        var canvas = BrailleCanvas(width: 4, height: 2)
        canvas.polyline([(0, 1), (0.5, 0.5), (1, 0)])
        canvas.plot(x: 0.5, y: 0.5, color: RGB(255, 0, 0))
        #expect(lines(canvas) == ["⠑⢄  ", "  ⠑⢄"])
        var grid = CellGrid(width: 4, height: 2)
        canvas.draw(into: &grid, at: Point(x: 0, y: 0), style: CellStyle(foreground: .rgb(RGB(0, 255, 0))))
        #expect(grid[1, 0].style.foreground == .rgb(RGB(0, 255, 0)))
        #expect(grid[2, 1].style.foreground == .rgb(RGB(255, 0, 0)))
        #expect(grid[3, 1].style.foreground == .rgb(RGB(0, 255, 0)))
    }

    @Test func scatterColoursEachCellByItsLastPoint() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.plot(x: 0, y: 0, color: RGB(255, 0, 0))
        canvas.plot(x: 0.3, y: 1, color: RGB(0, 0, 255))
        canvas.plot(x: 1, y: 0.5)
        var grid = CellGrid(width: 2, height: 1)
        canvas.draw(into: &grid, at: Point(x: 0, y: 0), style: .plain)
        #expect(grid.lines == ["⡈⠠"])
        #expect(grid[0, 0].style.foreground == .rgb(RGB(0, 0, 255)))
        #expect(grid[1, 0].style == .plain)
    }

    @Test func emptyCellsLeaveTheGridAsItWas() {
        var canvas = BrailleCanvas(width: 3, height: 1)
        canvas.plot(x: 0.5, y: 1)
        var grid = CellGrid(width: 5, height: 2, fill: Cell("x"))
        canvas.draw(into: &grid, at: Point(x: 3, y: 1), style: .plain)
        #expect(grid.lines == ["xxxxx", "xxxx⠈"])
        canvas.clear()
        #expect(lines(canvas) == ["   "])
    }

    @Test func badInputIsIgnored() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.plot(x: .nan, y: 0)
        canvas.plot(x: .infinity, y: 0)
        canvas.line(x0: 0, y0: .nan, x1: 1, y1: 1)
        canvas.line(x0: -.greatestFiniteMagnitude, y0: 0.5, x1: .greatestFiniteMagnitude, y1: 0.5)
        #expect(lines(canvas) == ["  "])
        // Far-off ends are cut to the canvas before any dot is drawn (billions of steps else).
        canvas.line(x0: -1e9, y0: 0, x1: 1e9, y1: 0)
        #expect(lines(canvas) == ["⣀⣀"])
        canvas.line(x0: -1e300, y0: 1, x1: 1e300, y1: 1)

        // A range of zero or infinite width puts everything at its start.
        var degenerate = BrailleCanvas(width: 2, height: 1, xRange: 3 ... 3, yRange: 0 ... .infinity)
        degenerate.plot(x: 7, y: 5)
        #expect(lines(degenerate) == ["⡀ "])

        var empty = BrailleCanvas(width: 0, height: -2)
        empty.plot(x: 0, y: 0)
        empty.line(x0: 0, y0: 0, x1: 1, y1: 1)
        empty.polyline([(0, 0)])
        var grid = CellGrid(width: 1, height: 1)
        empty.draw(into: &grid, at: Point(x: 0, y: 0), style: .plain)
        #expect(grid == CellGrid(width: 1, height: 1))
    }
}
