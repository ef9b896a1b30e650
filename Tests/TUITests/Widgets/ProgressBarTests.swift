import Render
import Testing
@testable import TUI

@Suite struct ProgressBarTests {
    @Test func knownFraction() {
        #expect(drawn(16, 1) { grid, area in
            ProgressBar(fraction: 0.5, frame: 0).draw(in: area, theme: mono, base: .text, grid: &grid)
        } == ["█████░░░░░   50%"])
    }

    @Test func unknownFractionMovesABlock() {
        let first = drawn(16, 1) { grid, area in ProgressBar(fraction: nil, frame: 0).draw(in: area, theme: mono, base: .text, grid: &grid) }
        let later = drawn(16, 1) { grid, area in ProgressBar(fraction: nil, frame: 3).draw(in: area, theme: mono, base: .text, grid: &grid) }
        #expect(first == ["████░░░░░░"])
        #expect(later == ["░░░████░░░"])
    }
}
