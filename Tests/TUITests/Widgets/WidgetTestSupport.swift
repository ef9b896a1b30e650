import Render
@testable import TUI

let mono = ThemeLibrary.builtin("mono")

/// Draws into a fresh `width`×`height` grid and returns its rows, trailing spaces removed.
func drawn(_ width: Int, _ height: Int, _ draw: (inout CellGrid, Rect) -> Void) -> [String] {
    var grid = CellGrid(width: width, height: height)
    draw(&grid, grid.bounds)
    return grid.lines.map { $0.trimmingTrailingSpaces() }
}
