import Testing
@testable import Render

@Suite struct ThemeParserTests {
    @Test func parsesColoursOnColoursAndAttributes() throws {
        let theme = try ThemeParser.parse("""
            # a comment
            text   = #ffffff on #000000   # trailing comment
            accent = #ff0000, bold, underline
            dialog = on #202020
            cursor = reverse
            muted  = default
            """, name: "t")
        #expect(theme.roles[.text] == ThemeStyle(foreground: .rgb(RGB(255, 255, 255)), background: .rgb(RGB(0, 0, 0))))
        #expect(theme.roles[.accent] == ThemeStyle(foreground: .rgb(RGB(255, 0, 0)), attributes: [.bold, .underline]))
        #expect(theme.roles[.dialog] == ThemeStyle(background: .rgb(RGB(0x20, 0x20, 0x20))))
        #expect(theme.roles[.cursor] == ThemeStyle(attributes: .reverse))
        #expect(theme.roles[.muted] == ThemeStyle(foreground: .terminalDefault))
    }

    @Test func missingColoursAreInherited() throws {
        let theme = try ThemeParser.parse("""
            text   = #ffffff on #000000
            dialog = #eeeeee on #333333
            muted  = #888888
            """, name: "t")
        #expect(theme.style(.muted) == CellStyle(foreground: .rgb(RGB(0x88, 0x88, 0x88)), background: .rgb(RGB(0, 0, 0))))
        #expect(theme.style(.muted, on: .dialog).background == .rgb(RGB(0x33, 0x33, 0x33)))
        #expect(theme.style(.error) == theme.style(.text))  // unset role: the base
    }

    @Test(arguments: [
        ("text = #fff", 1, "bad colour `#fff`: expected #rrggbb or default"),
        ("\n\nbogus = #ffffff", 3, "unknown role `bogus`"),
        ("text #ffffff", 1, "expected `role = colour`, found `text #ffffff`"),
        ("accent = #ff0000, blinking", 1, "unknown attribute `blinking`; expected one of bold, dim, italic, underline, reverse"),
        ("text = #ffffff\ntext = #000000", 2, "role `text` is set twice"),
        ("text =", 1, "missing value after `=`"),
        ("text = red on", 1, "expected `colour`, `on colour` or `colour on colour`, found `red on`"),
        ("text = red", 1, "bad colour `red`: expected #rrggbb or default"),
        ("text = #ffffff over #000000", 1, "expected `colour`, `on colour` or `colour on colour`, found `#ffffff over #000000`"),
    ])
    func errorsNameTheLine(source: String, line: Int, message: String) {
        #expect {
            try ThemeParser.parse(source, name: "broken")
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.line == line && error.message.hasPrefix(message) && error.description.hasPrefix("broken.theme:\(line): ")
        }
    }

    @Test func monochromeDetection() throws {
        #expect(try ThemeParser.parse("text = default\naccent = bold", name: "m").isMonochrome)
        #expect(try !ThemeParser.parse("accent = #ff0000", name: "c").isMonochrome)
    }
}
