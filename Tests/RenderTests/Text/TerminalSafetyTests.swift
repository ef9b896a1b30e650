import Testing
@testable import Render

@Suite struct TerminalSafetyTests {
    @Test func escapeSequencesBecomeVisible() {
        #expect(TerminalSafety.sanitize("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")
    }

    @Test func oscTitleSequenceIsDefused() {
        #expect(TerminalSafety.sanitize("\u{1B}]0;pwned\u{07}") == "␛]0;pwned␇")
    }

    @Test func c0ControlsAndDel() {
        #expect(TerminalSafety.sanitize("a\u{0}b\u{7}c\u{8}d\u{7F}") == "a␀b␇c␈d␡")
        #expect(TerminalSafety.sanitize("\r\n\t") == "␍␊␉")
    }

    @Test func c1ControlsShowTheirSevenBitForm() {
        #expect(TerminalSafety.sanitize("\u{9B}2J") == "␛[2J")   // CSI
        #expect(TerminalSafety.sanitize("\u{9D}8;;x") == "␛]8;;x") // OSC
        #expect(TerminalSafety.sanitize("\u{85}") == "␛E")       // NEL
    }

    @Test func bidiControlsAreNamed() {
        #expect(TerminalSafety.sanitize("abc\u{202E}fed") == "abc⟨RLO⟩fed")
        #expect(TerminalSafety.sanitize("\u{2066}x\u{2069}") == "⟨LRI⟩x⟨PDI⟩")
        #expect(TerminalSafety.sanitize("\u{202A}\u{202B}\u{202C}\u{202D}") == "⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩")
    }

    @Test func safeTextIsUntouched() {
        let text = "héllo 漢字 👨‍👩‍👧 e\u{301}"
        #expect(TerminalSafety.sanitize(text) == text)
        #expect(TerminalSafety.sanitize("") == "")
    }

    @Test func everyScalarBelowSpaceAndInC1IsUnsafe() {
        for value in UInt32(0)..<0xA0 where !(0x20..<0x7F).contains(value) {
            let scalar = Unicode.Scalar(value)!
            #expect(!TerminalSafety.isSafe(scalar))
            let placeholder = TerminalSafety.placeholder(for: scalar)!
            #expect(placeholder.unicodeScalars.allSatisfy(TerminalSafety.isSafe))
        }
    }
}
