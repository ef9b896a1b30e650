import Render
import Testing

@Suite struct AnsiAnimationTests {
    let esc = "\u{1B}"

    @Test func framesStartAtEachCursorHome() {
        let text = AnsiAnimation.opening + AnsiAnimation.home + "\(esc)[0;38;2;1;2;3mab\(esc)[0m\n" + AnsiAnimation.home + "cd\n" + AnsiAnimation.closing
        #expect(AnsiAnimation(text: text).frames == ["\(esc)[0;38;2;1;2;3mab\(esc)[0m\n", "cd\n\(esc)[0m\n"])
    }

    @Test func aFileWithoutCursorHomesIsOneFrame() {
        #expect(AnsiAnimation(text: "just text\n").frames == ["just text\n"])
        #expect(AnsiAnimation(text: "").frames.isEmpty)
        #expect(AnsiAnimation(text: "\(esc)[2J\(esc)[?25l").frames.isEmpty)
    }

    @Test func onlyTextAndColoursSurvive() {
        let hostile = [
            "\(esc)]0;pwned title\u{07}",          // window title
            "\(esc)]52;c;SGVsbG8=\(esc)\\",        // clipboard write, ESC \ terminated
            "\(esc)[6n",                            // cursor position report: the terminal would type
            "\(esc)[?1049h",                        // alternate screen
            "\(esc)P+q544e\(esc)\\",               // DCS request
            "\(esc)[31;1;;m",                       // an SGR is fine, even odd
            "\u{07}\u{08}\r\u{9B}31m",              // BEL, backspace, CR, C1 CSI
            "\(esc)c",                              // full reset
        ].joined()
        let frames = AnsiAnimation(text: AnsiAnimation.home + "a" + hostile + "b\n").frames
        #expect(frames == ["a\(esc)[31;1;;m31mb\n"])
    }

    @Test func anUnfinishedSequenceAtTheEndIsDropped() {
        #expect(AnsiAnimation(text: "\(esc)[Hab\(esc)[38;2").frames == ["ab"])
        #expect(AnsiAnimation(text: "\(esc)[Hab\(esc)").frames == ["ab"])
    }
}
