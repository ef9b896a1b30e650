import Engine
import Render
import Testing
@testable import TUI

@Suite struct TokenStripTests {
    let tokens = ["The", " cat", " sat", "\n", "on", " the", " mat"].enumerated().map { token($1, id: Int32($0)) }

    @Test func showsTokensAroundTheCursorWithWhitespaceVisible() {
        let rows = drawn(24, 1) { grid, area in
            TokenStrip(tokens: tokens, cursor: 3).draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == ["·cat ·sat ⏎ on ·the"])
    }

    @Test func theCursorTokenIsHighlighted() {
        var grid = CellGrid(width: 30, height: 1)
        TokenStrip(tokens: tokens, cursor: 0).draw(in: grid.bounds, theme: mono, grid: &grid)
        #expect(grid.lines[0].hasPrefix("The ·cat ·sat ⏎ on ·the ·mat"))
        #expect(grid[0, 0].style == mono[.selection])
    }

    @Test func visibleWhitespace() {
        #expect(TokenStrip.visible(" a\tb\n") == "·a→b⏎")
        #expect(TokenStrip.visible("") == "∅")
    }
}
