import Testing
@testable import TUI

@Suite struct EditorLayoutTests {
    @Test func cursorPositionsAcrossWrapsAndBreaks() {
        let editor = TextEditor("ab cd\nef")
        let layout = EditorLayout(editor, width: 3)
        // Rows: "ab " (space dropped at the wrap), "cd", "ef"
        #expect(layout.rows.count == 3)
        #expect(layout.position(of: 0) == (0, 0))
        #expect(layout.position(of: 3) == (1, 0))
        #expect(layout.position(of: 5) == (1, 2))  // the newline: end of "cd"
        #expect(layout.position(of: 6) == (2, 0))
        #expect(layout.position(of: 8) == (2, 2))  // end of text
    }

    @Test func wideCharactersCountTwoColumns() {
        let layout = EditorLayout(TextEditor("漢字x"), width: 10)
        #expect(layout.position(of: 2) == (0, 4))
        #expect(layout.index(atRow: 0, column: 3) == 1)
    }

    @Test func trailingNewlineMakesAnEmptyLastRow() {
        let layout = EditorLayout(TextEditor("a\n"), width: 10)
        #expect(layout.rows.count == 2)
        #expect(layout.position(of: 2) == (1, 0))
    }

    @Test func chipLabels() {
        #expect(EditorLayout.chipLabel(TextEditor.Attachment("abc")) == "[pasted 3 B · 1 line]")
        #expect(EditorLayout.chipLabel(TextEditor.Attachment(String(repeating: "a\n", count: 1024))) == "[pasted 2.0 KB · 1,025 lines]")
    }
}
