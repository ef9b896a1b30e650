import Render
import Testing
@testable import TUI

@Suite struct HelpOverlayTests {
    let sections = [HelpSection("Chat", [HelpRow(keys: "Enter", action: "Send"), HelpRow(keys: "Ctrl-R", action: "Regenerate")]),
                    HelpSection("Other", [HelpRow(keys: "q", action: "Quit")])]

    @Test func sectionsAndRowsInABox() {
        let rows = drawn(36, 9) { grid, area in
            HelpOverlay(sections: sections, scroll: 0).draw(over: area, theme: mono, grid: &grid)
        }
        #expect(rows == [
            "╭─ Keys · Esc closes · ↑↓ scroll ──╮",
            "│ Chat                             │",
            "│  Enter   Send                    │",
            "│  Ctrl-R  Regenerate              │",
            "│                                  │",
            "│ Other                            │",
            "│  q       Quit                    │",
            "│                                  │",
            "╰──────────────────────────────────╯",
        ])
    }

    @Test func scrollsAndClampsTheScroll() {
        let rows = drawn(36, 4) { grid, area in
            HelpOverlay(sections: sections, scroll: 100).draw(over: area, theme: mono, grid: &grid)
        }
        #expect(rows[1] == "│  q       Quit                    │")
    }
}
