import Render
import Testing
@testable import TUI

@Suite struct ConfirmDialogTests {
    @Test func questionAndAnswers() {
        let rows = drawn(44, 8) { grid, area in
            ConfirmDialog(title: "Quit?", message: "Still generating.", confirmLabel: "quit", cancelLabel: "stay")
                .draw(over: area, theme: mono, grid: &grid)
        }
        #expect(rows == [
            "",
            "  ╭─ Quit? ──────────────────────────────╮",
            "  │                                      │",
            "  │ Still generating.                    │",
            "  │                                      │",
            "  │  y  quit    n  stay                  │",
            "  ╰──────────────────────────────────────╯",
            "",
        ])
    }
}
