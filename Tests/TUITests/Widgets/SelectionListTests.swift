import Render
import Testing
@testable import TUI

@Suite struct SelectionListTests {
    let items = (1...6).map { SelectionList.Item(title: "Item \($0)", detail: "d\($0)") }

    @Test func highlightsAndScrollsToTheSelection() {
        let rows = drawn(30, 3) { grid, area in
            SelectionList(items: items, selected: 4, base: .text).draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == ["  Item 3                   d3", "  Item 4                   d4", "▸ Item 5                   d5"])
    }

    @Test func detailsGoWhenNarrow() {
        let rows = drawn(12, 1) { grid, area in
            SelectionList(items: items, selected: 0, base: .text).draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == ["▸ Item 1"])
    }
}
