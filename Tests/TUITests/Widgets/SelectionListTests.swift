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

    @Test func titlesStayWholeAndDetailsAreCutAtAWord() {
        let long = [SelectionList.Item(title: "smollm2-135m-instruct", detail: "SmolLM2 135M Instruct, Q4_1 (Apache-2.0)")]
        let rows = drawn(40, 1) { grid, area in
            SelectionList(items: long, selected: 0, base: .text).draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == ["▸ smollm2-135m-instruct   SmolLM2 135M…"])
    }
}
