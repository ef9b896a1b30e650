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

    @Test func longActionsWrapUnderThemselvesAndLongKeysTakeTheirOwnLine() {
        let sections = [HelpSection("Chat", [
            HelpRow(keys: "Enter", action: "Send the message and stream the reply token by token"),
            HelpRow(keys: "Ctrl-Shift-Alt-Super-Q", action: "Quit"),
        ])]
        let rows = drawn(36, 10) { grid, area in
            HelpOverlay(sections: sections, scroll: 0).draw(over: area, theme: mono, grid: &grid)
        }
        // The key column takes a third of the 34 inner cells; the action wraps in what is left.
        #expect(rows == [
            "╭─ Keys · Esc closes · ↑↓ scroll ──╮",
            "│ Chat                             │",
            "│  Enter        Send the message   │",
            "│               and stream the     │",
            "│               reply token by     │",
            "│               token              │",
            "│  Ctrl-Shift-Alt-Super-Q          │",
            "│               Quit               │",
            "│                                  │",
            "╰──────────────────────────────────╯",
        ])
    }

    @Test func theBoxTakesTheWidthThereIsUpToAHundredColumns() {
        let overlay = HelpOverlay(sections: sections, scroll: 0)
        #expect(HelpOverlay.box(over: Rect(x: 0, y: 1, width: 80, height: 22)).width == 80)
        #expect(HelpOverlay.box(over: Rect(x: 0, y: 1, width: 160, height: 22)) == Rect(x: 30, y: 1, width: 100, height: 22))
        // Seven lines in a box of four inner rows: three to scroll.
        #expect(overlay.maximumScroll(over: Rect(x: 0, y: 0, width: 36, height: 6)) == 3)
        #expect(overlay.maximumScroll(over: Rect(x: 0, y: 0, width: 36, height: 20)) == 0)
    }

    /// Every tab's help at 80×24 and 60×15, read line by line while scrolling: each binding's
    /// keys and every word of its action appear, in order, none cut.
    @Test(arguments: Tab.allCases) func nothingIsCutOnAnyTab(tab: Tab) {
        for (width, height) in [(80, 24), (60, 15)] {
            var model = makeModel(width: width, height: height)
            model.send(.resize(Size(width: width, height: height)))
            model.answer(model.press(.alt(Character("\(tab.rawValue + 1)"))))
            model.notice = nil
            model.press(Key(.function(1)))
            let inner = { (screen: [String]) in
                screen.dropFirst(2).prefix(height - 4).map { line in
                    String(line.drop { $0 != "│" }.dropFirst().prefix { $0 != "│" })
                }
            }
            var text = inner(model.screen)
            for _ in 0 ..< 2000 {
                let before = model.screen
                model.press(Key(.down))
                guard model.screen != before else { break }
                text.append(inner(model.screen).last ?? "")
            }
            #expect(text.count == HelpOverlay(sections: model.helpSections, scroll: 0).lines(width: min(width, 100) - 2).count)
            let all = text.joined(separator: " ").split(separator: " ").joined(separator: " ")
            for row in model.helpSections.flatMap(\.rows) {
                let words = (row.keys + " " + row.action).split(separator: " ").joined(separator: " ")
                #expect(all.contains(words), "\(tab) at \(width)×\(height): \(words) not found whole")
            }
        }
    }
}
