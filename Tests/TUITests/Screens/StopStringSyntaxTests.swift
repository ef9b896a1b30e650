import Testing
@testable import TUI

/// Stop strings written as one line: `|` between them, backslash escapes.
@Suite struct StopStringSyntaxTests {
    @Test func aRowOfTextBecomesStopStrings() {
        #expect(StopStringSyntax.parseList(#"User:|\n\n|###"#) == ["User:", "\n\n", "###"])
        #expect(StopStringSyntax.parseList(#" Q: | A:"#) == [" Q: ", " A:"])  // spaces count
        #expect(StopStringSyntax.parseList(#"a\|b|c\\|d"#) == ["a|b", "c\\", "d"])
        #expect(StopStringSyntax.parseList(#"\t\r"#) == ["\t\r"])
        #expect(StopStringSyntax.parseList("line\nbreak") == ["line\nbreak"])  // a newline typed with Alt-Enter
    }

    @Test func emptyStringsAreLeftOut() {
        #expect(StopStringSyntax.parseList("") == [])
        #expect(StopStringSyntax.parseList("||a||") == ["a"])
    }

    @Test func otherBackslashesStandForThemselves() {
        #expect(StopStringSyntax.parseList(#"C:\dir|\"#) == [#"C:\dir"#, "\\"])
        #expect(StopStringSyntax.unescape(#"\x\"#) == #"\x\"#)
    }

    @Test func oneStopStringOnTheCommandLine() {
        #expect(StopStringSyntax.unescape(#"\n\n"#) == "\n\n")
        #expect(StopStringSyntax.unescape("a|b") == "a|b")
        #expect(StopStringSyntax.unescape(#"a\|b\\n"#) == #"a|b\n"#)
    }

    @Test func formattingRoundTrips() {
        let strings = ["User:", "\n\n", "a|b", "back\\slash", "\t\r", "é 👨‍👩‍👧", "\\n"]
        let text = StopStringSyntax.format(strings)
        #expect(text == #"User:|\n\n|a\|b|back\\slash|\t\r|é 👨‍👩‍👧|\\n"#)
        #expect(StopStringSyntax.parseList(text) == strings)
        #expect(StopStringSyntax.format([]) == "")
    }
}
