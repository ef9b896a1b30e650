import Testing
@testable import Render

@Suite struct ColorBarTests {
    func foreground(_ cell: Cell) -> RGB? { if case .rgb(let color) = cell.style.foreground { color } else { nil } }
    func background(_ cell: Cell) -> RGB? { if case .rgb(let color) = cell.style.background { color } else { nil } }

    @Test func labelsAreTheRangeEndsAndMiddle() {
        let diverging = ColorBar(palette: .diverging(scale: 2.5))
        #expect([diverging.lowLabel, diverging.middleLabel, diverging.highLabel] == ["-2.5", "0", "+2.5"])
        let gray = ColorBar(palette: .gray)
        #expect([gray.lowLabel, gray.middleLabel, gray.highLabel] == ["0", "0.5", "1"])
    }

    @Test func horizontalBarWithLabelsUnderIt() {
        var grid = CellGrid(width: 20, height: 2)
        ColorBar(palette: .diverging(scale: 2.5)).draw(into: &grid, in: grid.bounds)
        #expect(grid.lines == [String(repeating: "▌", count: 20), "-2.5     0      +2.5"])
        // Two samples a cell, from the lowest: the first is 1/80 of the way up.
        #expect(foreground(grid[0, 0]) == RGB(12, 117, 178))
        #expect(background(grid[19, 0]) == RGB(204, 8, 37))
    }

    @Test func labelsThatDoNotFitAreLeftOut() {
        func labels(width: Int) -> String {
            var grid = CellGrid(width: width, height: 2)
            ColorBar(palette: .diverging(scale: 2.5)).draw(into: &grid, in: grid.bounds)
            return grid.lines[1]
        }
        #expect(labels(width: 11) == "-2.5 0 +2.5")
        #expect(labels(width: 10) == "-2.5  +2.5")
        #expect(labels(width: 9) == "-2.5 +2.5")
        #expect(labels(width: 8) == "-2.5    ")
        #expect(labels(width: 2) == "-2")
    }

    @Test func oneRowIsOnlyTheBar() {
        var grid = CellGrid(width: 4, height: 1)
        ColorBar(palette: .gray).draw(into: &grid, in: grid.bounds)
        #expect(grid.lines == ["▌▌▌▌"])
        // Samples at 1/16, 3/16, …: 16, 48, … 239.
        #expect(foreground(grid[0, 0]) == RGB(16, 16, 16) && background(grid[3, 0]) == RGB(239, 239, 239))
    }

    @Test func verticalBarHasTheHighestAtTheTop() {
        var grid = CellGrid(width: 6, height: 3)
        ColorBar(palette: .gray, orientation: .vertical).draw(into: &grid, in: grid.bounds)
        #expect(grid.lines == ["▀▀ 1  ", "▀▀ 0.5", "▀▀ 0  "])
        // Six samples, 1/12, 3/12, … 11/12 of the way up; the upper half of a cell is the higher one.
        #expect(foreground(grid[0, 0]) == RGB(234, 234, 234) && background(grid[1, 0]) == RGB(191, 191, 191))
        #expect(foreground(grid[0, 2]) == RGB(64, 64, 64) && background(grid[0, 2]) == RGB(21, 21, 21))
    }

    @Test func narrowOrShortVerticalBars() {
        var narrow = CellGrid(width: 4, height: 2)
        ColorBar(palette: .gray, orientation: .vertical).draw(into: &narrow, in: narrow.bounds)
        #expect(narrow.lines == ["▀▀▀▀", "▀▀▀▀"])
        var short = CellGrid(width: 5, height: 2)
        ColorBar(palette: .diverging(scale: 1), orientation: .vertical).draw(into: &short, in: short.bounds)
        #expect(short.lines == ["▀▀ +1", "▀▀ -1"])
    }

    @Test func emptyOrOutsideRectsDrawNothing() {
        var grid = CellGrid(width: 3, height: 3)
        for orientation in [ColorBar.Orientation.horizontal, .vertical] {
            let bar = ColorBar(palette: .gray, orientation: orientation)
            bar.draw(into: &grid, in: Rect(x: 0, y: 0, width: 0, height: 3))
            bar.draw(into: &grid, in: Rect(x: 1, y: 1, width: -2, height: 5))
            bar.draw(into: &grid, in: Rect(x: 5, y: 5, width: 4, height: 4))
        }
        #expect(grid == CellGrid(width: 3, height: 3))
    }
}
