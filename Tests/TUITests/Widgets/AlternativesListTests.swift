import Engine
import Render
import Testing
@testable import TUI

@Suite struct AlternativesListTests {
    @Test func candidatesWithPercentAndBars() {
        let candidates = [TokenAlternative(id: 1, text: " the", probability: 0.5),
                          TokenAlternative(id: 2, text: " a", probability: 0.25),
                          TokenAlternative(id: 3, text: "\n", probability: 0.125)]
        let rows = drawn(40, 3) { grid, area in
            AlternativesList(candidates: candidates, chosenID: 1, selected: 1).draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == [
            " •·the                50.0% ██████",
            "▸ ·a                  25.0% ███",
            "  ⏎                   12.5% █▌",
        ])
    }

    @Test func formatting() {
        #expect(AlternativesList.percent(0.4123) == "41.2%")
        #expect(AlternativesList.percent(1) == "100.0%")
        #expect(AlternativesList.bar(eighths: 0) == "")
        #expect(AlternativesList.bar(eighths: 11) == "█▍")
    }
}
