import Render
import Testing
@testable import TUI

@Suite struct SliderRowTests {
    @Test func labelValueAndBar() {
        let rows = drawn(44, 1) { grid, area in
            SliderRow(label: "Temperature", value: "0.80", fraction: 0.5, isSelected: true)
                .draw(in: area, theme: mono, base: .text, grid: &grid)
        }
        #expect(rows == ["▸ Temperature         0.80 ▕████████░░░░░░░▏"])
    }

    @Test func noBarWithoutRoomOrRange() {
        #expect(drawn(30, 1) { grid, area in
            SliderRow(label: "Temperature", value: "0.80", fraction: 0.5, isSelected: false).draw(in: area, theme: mono, base: .text, grid: &grid)
        } == ["  Temperature         0.80"])
        #expect(drawn(44, 1) { grid, area in
            SliderRow(label: "Seed", value: "42", fraction: nil, isSelected: false).draw(in: area, theme: mono, base: .text, grid: &grid)
        } == ["  Seed                  42"])
    }
}
