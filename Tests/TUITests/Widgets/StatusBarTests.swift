import Render
import Testing
@testable import TUI

@Suite struct StatusBarTests {
    let segments = [StatusBar.Segment(text: "model", role: .statusKey), StatusBar.Segment(text: "ctx 10/100", role: .statusBar),
                    StatusBar.Segment(text: "T0.80 k40", role: .statusBar)]

    @Test func segmentsLeftHintsRight() {
        let rows = drawn(50, 1) { grid, area in
            StatusBar(segments: segments, hints: [("F1", "help")], notice: nil).draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == [" model │ ctx 10/100 │ T0.80 k40           F1 help"])
    }

    @Test func segmentsGiveWayFromTheRightWhenNarrow() {
        let rows = drawn(30, 1) { grid, area in
            StatusBar(segments: segments, hints: [("F1", "help")], notice: nil).draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == [" model │ ctx 10/100   F1 help"])
    }

    @Test func aNoticeTakesTheLeftSide() {
        let rows = drawn(40, 1) { grid, area in
            StatusBar(segments: segments, hints: [("F1", "help")], notice: Notice("Saved")).draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == [" Saved                          F1 help"])
    }
}
