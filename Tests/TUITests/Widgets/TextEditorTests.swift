import Testing
@testable import TUI

@Suite struct TextEditorTests {
    /// `perform` as a free function: `#expect` cannot call a mutating method.
    func perform(_ editor: inout TextEditor, _ command: EditCommand, width: Int) -> Bool {
        editor.perform(command, width: width)
    }

    func editor(_ text: String, cursor: Int? = nil) -> TextEditor {
        var editor = TextEditor(text)
        if let cursor {
            editor.perform(.textStart, width: 80)
            for _ in 0..<cursor { editor.perform(.right, width: 80) }
        }
        return editor
    }

    @Test func typingInsertsAtTheCursor() {
        var editor = editor("hllo", cursor: 1)
        editor.insert("e")
        #expect(editor.text == "hello")
        #expect(editor.cursor == 2)
    }

    @Test func lineStartAndEndAreLogicalLines() {
        var editor = editor("one\ntwo", cursor: 5)
        editor.perform(.lineStart, width: 80)
        #expect(editor.cursor == 4)
        editor.perform(.lineEnd, width: 80)
        #expect(editor.cursor == 7)
    }

    @Test func killAndYank() {
        var editor = editor("hello world", cursor: 5)
        editor.perform(.killToLineEnd, width: 80)
        #expect(editor.text == "hello")
        editor.perform(.killToLineStart, width: 80)
        #expect(editor.text == "")
        editor.perform(.yank, width: 80)
        #expect(editor.text == "hello")
    }

    @Test func ctrlKAtTheEndOfALineJoinsTheNext() {
        var editor = editor("a\nb", cursor: 1)
        editor.perform(.killToLineEnd, width: 80)
        #expect(editor.text == "ab")
    }

    @Test func wordMotionsAndKills() {
        var editor = editor("foo bar-baz  qux")
        editor.perform(.wordLeft, width: 80)
        #expect(editor.cursor == 13)
        editor.perform(.wordLeft, width: 80)
        #expect(editor.cursor == 8)
        editor.perform(.wordRight, width: 80)
        #expect(editor.cursor == 11)
        editor.perform(.textEnd, width: 80)
        editor.perform(.killWordBackward, width: 80)
        #expect(editor.text == "foo bar-baz  ")
        editor.perform(.killWordBackward, width: 80)
        #expect(editor.text == "foo ")
        editor.perform(.textStart, width: 80)
        editor.perform(.killWordForward, width: 80)
        #expect(editor.text == " ")
    }

    @Test func backspaceAndDeleteAtTheEdgesDoNothing() {
        var editor = editor("ab", cursor: 0)
        #expect(!perform(&editor, .backspace, width: 80))
        editor.perform(.deleteForward, width: 80)
        #expect(editor.text == "b")
        editor.perform(.textEnd, width: 80)
        #expect(!perform(&editor, .deleteForward, width: 80))
        editor.perform(.backspace, width: 80)
        #expect(editor.text == "")
    }

    @Test func graphemesAreEditedWhole() {
        var editor = editor("e\u{301}👨‍👩‍👧漢")
        editor.perform(.backspace, width: 80)
        editor.perform(.backspace, width: 80)
        #expect(editor.text == "e\u{301}")
        editor.perform(.left, width: 80)
        #expect(editor.cursor == 0)
    }

    @Test func upAndDownMoveByWrappedRowsKeepingTheColumn() {
        // Width 5: "abcde" / "fg" / "hijkl"
        var editor = editor("abcdefg\nhijkl", cursor: 3)
        #expect(perform(&editor, .down, width: 5))
        #expect(editor.cursor == 7)   // end of the short row "fg"
        #expect(perform(&editor, .down, width: 5))
        #expect(editor.cursor == 11)  // column 3 again on "hijkl"
        #expect(!perform(&editor, .down, width: 5))
        #expect(perform(&editor, .up, width: 5))
        #expect(perform(&editor, .up, width: 5))
        #expect(editor.cursor == 3)
        #expect(!perform(&editor, .up, width: 5))
    }

    @Test func smallPastesAreInsertedWithNormalisedNewlines() {
        var editor = TextEditor()
        editor.paste("a\r\nb\rc")
        #expect(editor.text == "a\nb\nc")
        #expect(editor.attachments.isEmpty)
    }

    @Test func aMegabytePasteBecomesOneChipAndIsKeptWhole() {
        let line = String(repeating: "x", count: 99) + "\n"
        let big = String(repeating: line, count: 10_486) // just over 1 MB
        var editor = TextEditor("before ")
        editor.paste(big)
        editor.insert(" after")
        #expect(editor.characters.count == "before ".count + 1 + " after".count)
        #expect(editor.attachments.count == 1)
        #expect(editor.text == "before " + big + " after")
        let layout = EditorLayout(editor, width: 80)
        #expect(layout.rows.count == 1)
        #expect(String(layout.glyphs.map(\.character)).contains("[pasted 1.0 MB · 10,487 lines]"))
    }

    @Test func deletingAChipDropsItsAttachment() {
        var editor = TextEditor()
        editor.paste(String(repeating: "y", count: 5000))
        editor.insert("!")
        editor.perform(.left, width: 80)
        editor.perform(.backspace, width: 80)
        #expect(editor.text == "!")
        #expect(editor.attachments.isEmpty)
    }

    @Test func cuttingAChipAndYankingRestoresItsText() {
        var editor = TextEditor()
        let big = String(repeating: "z", count: 3000)
        editor.paste(big)
        editor.perform(.killToLineStart, width: 80)
        #expect(editor.isEmpty)
        editor.perform(.yank, width: 80)
        #expect(editor.text == big)
    }

    @Test func codePointsTypedOneByOneJoinTheirGrapheme() {
        var editor = TextEditor()
        for scalar in "e\u{301}👨‍👩‍👧".unicodeScalars { editor.insert(String(scalar)) }
        #expect(editor.characters == ["e\u{301}", "👨‍👩‍👧"])
        #expect(editor.cursor == 2)
    }

    @Test func objectReplacementCharactersCannotPoseAsChips() {
        var editor = TextEditor()
        editor.insert("a\u{FFFC}b")
        #expect(editor.text == "a\u{FFFD}b")
        #expect(editor.attachments.isEmpty)
    }
}
