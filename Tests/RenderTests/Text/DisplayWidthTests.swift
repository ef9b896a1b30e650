import Testing
@testable import Render

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneCell() {
        #expect(DisplayWidth.of("hello") == 5)
    }

    @Test func cjkAndFullwidthAreTwoCells() {
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("ｈｉ") == 4)        // fullwidth Latin
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of(Character("\u{3000}")) == 2)  // ideographic space
    }

    @Test func emojiAreTwoCells() {
        #expect(DisplayWidth.of(Character("😀")) == 2)
        #expect(DisplayWidth.of(Character("👍🏽")) == 2)          // with skin tone modifier
        #expect(DisplayWidth.of(Character("👨‍👩‍👧")) == 2)          // ZWJ family: one grapheme
        #expect(DisplayWidth.of(Character("🇫🇷")) == 2)           // flag
        #expect(DisplayWidth.of(Character("❤️")) == 2)            // text-default + VS16
        #expect(DisplayWidth.of(Character("1️⃣")) == 2)            // keycap
    }

    @Test func textPresentationEmojiIsOneCell() {
        #expect(DisplayWidth.of(Character("❤")) == 1)
        #expect(DisplayWidth.of(Character("⌚\u{FE0E}")) == 1)
    }

    @Test func combiningMarksAddNothing() {
        #expect(DisplayWidth.of("e\u{301}") == 1)            // é as e + combining acute
        #expect(DisplayWidth.of("a\u{308}\u{323}") == 1)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)  // a lone mark
    }

    @Test func zeroWidthFormatCharacters() {
        #expect(DisplayWidth.of(Character("\u{200B}")) == 0)  // zero width space
        #expect(DisplayWidth.of(Character("\u{FEFF}")) == 0)
    }

    @Test func hangulJamoSequenceIsOneWideSyllable() {
        #expect(DisplayWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)
    }

    @Test func wideRangesAreSortedAndDisjoint() {
        for (a, b) in zip(wideRanges, wideRanges.dropFirst()) {
            #expect(a.upperBound < b.lowerBound)
        }
    }
}
