import Testing
@testable import Render

@Suite struct WordWrapTests {
    func wrap(_ text: String, _ width: Int) -> [String] {
        var glyphs: [Glyph] = []
        Glyphs.appendText(text, to: &glyphs)
        return WordWrap.rows(glyphs, width: width).map { row in
            String(glyphs[row].map(\.character))
        }
    }

    @Test func breaksAfterSpaces() {
        #expect(wrap("the quick brown fox", 10) == ["the quick ", "brown fox"])
    }

    @Test func spaceAtTheEdgeIsDropped() {
        #expect(wrap("abcde fghij", 5) == ["abcde", "fghij"])
    }

    @Test func longWordsBreakAnywhere() {
        #expect(wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        #expect(wrap("hi abcdefghij", 4) == ["hi ", "abcd", "efgh", "ij"])
    }

    @Test func truncatesAtWordBoundaries() {
        #expect(WordWrap.truncated("fits whole", width: 10) == "fits whole")
        #expect(WordWrap.truncated("SmolLM2 135M Instruct, Q4_1", width: 16) == "SmolLM2 135M…")
        #expect(WordWrap.truncated("smollm2-135m-instruct", width: 8) == "smollm2…", "one word wider than the row is cut inside")
        #expect(WordWrap.truncated("漢字漢字", width: 4) == "漢…")
        #expect(WordWrap.truncated("abc", width: 1) == "…")
        #expect(WordWrap.truncated("abc", width: 0) == "")
    }

    @Test func hardLineBreaks() {
        #expect(wrap("a\nb\r\n\nc", 10) == ["a", "b", "", "c"])
        #expect(wrap("", 10) == [""])
        #expect(wrap("x\n", 10) == ["x", ""])
    }

    @Test func wideCharactersNeverSplit() {
        #expect(wrap("漢字漢字漢", 5) == ["漢字", "漢字", "漢"])
        #expect(wrap("a漢字", 2) == ["a", "漢", "字"])
    }

    @Test func combiningMarksStayWithTheirBase() {
        let text = String(repeating: "e\u{301}", count: 5)
        #expect(wrap(text, 2) == ["e\u{301}e\u{301}", "e\u{301}e\u{301}", "e\u{301}"])
    }

    @Test func emojiSequencesStayWhole() {
        #expect(wrap("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 4) == ["👨‍👩‍👧👨‍👩‍👧", "👨‍👩‍👧"])
    }

    @Test func wideCharacterInAOneCellRowGetsItsOwnRow() {
        #expect(wrap("漢字", 1) == ["漢", "字"])
        #expect(wrap("ab", 0) == ["a", "b"])
    }

    @Test func tabsAndControls() {
        #expect(wrap("a\tb", 20) == ["a    b"])
        #expect(wrap("\u{1B}[1m", 20) == ["␛[1m"])
    }

    @Test func glyphTagsFollowTheText() {
        var glyphs: [Glyph] = []
        Glyphs.appendText("ab", tag: 1, to: &glyphs)
        Glyphs.appendText("c", tag: 2, to: &glyphs)
        #expect(glyphs.map(\.tag) == [1, 1, 2])
    }

    @Test func invisibleFormatCharactersAreDropped() {
        #expect(wrap("a\u{200B}b", 5) == ["ab"])
    }
}
