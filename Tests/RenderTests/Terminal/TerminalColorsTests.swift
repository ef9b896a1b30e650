import Testing
@testable import Render

@Suite struct TerminalColorsTests {
    let red = CellStyle(foreground: .rgb(RGB(255, 0, 0)), background: .rgb(RGB(0, 0, 0)))

    @Test func detectsModes() {
        #expect(ColorMode.detect(colors: 1 << 24, canChangeColor: false, environment: [:]) == .direct)
        #expect(ColorMode.detect(colors: 256, canChangeColor: true, environment: ["COLORTERM": "truecolor"]) == .redefinablePalette)
        #expect(ColorMode.detect(colors: 256, canChangeColor: false, environment: ["COLORTERM": "truecolor"]) == .indexed256)
        #expect(ColorMode.detect(colors: 256, canChangeColor: true, environment: [:]) == .indexed256)
        #expect(ColorMode.detect(colors: 8, canChangeColor: false, environment: [:]) == .ansi8)
        #expect(ColorMode.detect(colors: 0, canChangeColor: false, environment: [:]) == .monochrome)
    }

    @Test func pairsAreDefinedOnceAndCached() {
        var colors = TerminalColors(mode: .indexed256, pairLimit: 256)
        let first = colors.pair(for: red)
        #expect(first == TerminalColors.Resolved(pair: 1, newPair: .init(number: 1, foreground: 196, background: 16)))
        #expect(colors.pair(for: red) == TerminalColors.Resolved(pair: 1))
        #expect(colors.pair(for: .plain).pair == 0)
    }

    @Test func directColourUsesRGBNumbers() {
        var colors = TerminalColors(mode: .direct, pairLimit: 1 << 16)
        #expect(colors.pair(for: red).newPair == .init(number: 1, foreground: 0xFF0000, background: 0))
    }

    @Test func redefinablePaletteDefinesExactColoursInTheNearestEntries() {
        var colors = TerminalColors(mode: .redefinablePalette, pairLimit: 1 << 16)
        let style = CellStyle(foreground: .rgb(RGB(250, 10, 5)), background: .rgb(RGB(0x1E, 0x1E, 0x2E)))
        let resolved = colors.pair(for: style)
        #expect(resolved.newColors == [.init(number: 196, rgb: RGB(250, 10, 5)), .init(number: 235, rgb: RGB(0x1E, 0x1E, 0x2E))])
        #expect(resolved.newPair == .init(number: 1, foreground: 196, background: 235))
        #expect(colors.changedPalette)
    }

    @Test func coloursWithTheSameNearestEntryShareIt() {
        var colors = TerminalColors(mode: .redefinablePalette, pairLimit: 1 << 16)
        _ = colors.pair(for: CellStyle(foreground: .rgb(RGB(250, 10, 5))))
        let second = colors.pair(for: CellStyle(foreground: .rgb(RGB(255, 0, 0))))
        #expect(second.newColors.isEmpty)
        #expect(second.pair == 1)
    }

    @Test func ansi8KeepsTextReadableWhenColoursCollapse() {
        var colors = TerminalColors(mode: .ansi8, pairLimit: 64)
        let style = CellStyle(foreground: .rgb(RGB(0x45, 0x47, 0x5A)), background: .rgb(RGB(0x1E, 0x1E, 0x2E)))
        #expect(colors.pair(for: style).newPair == .init(number: 1, foreground: 7, background: 0))
    }

    @Test func ansi8LetsPixelColoursCollapse() {
        // Two dark greys of a half-block are both black on 8 colours, and stay so.
        var colors = TerminalColors(mode: .ansi8, pairLimit: 64)
        let style = CellStyle(foreground: .rgb(RGB(100, 100, 100)), background: .rgb(RGB(50, 50, 50)))
        #expect(colors.pair(for: style, keepingTextReadable: false).newPair == .init(number: 1, foreground: 0, background: 0))
        #expect(colors.colorNumbers(for: style).foreground == 7)
    }

    @Test func greysGoToTheNearestOfTheGreyRampAndTheCubeGreys() {
        // 24 ramp greys (8…238) and the cube's 0, 95, 135, 175, 215, 255: never more than half
        // the widest gap (238 → 255) away.
        for level in 0 ... 255 {
            let grey = UInt8(level)
            let shown = RGB.xterm256(RGB(grey, grey, grey).nearestXterm256)
            #expect(shown.red == shown.green && shown.green == shown.blue)
            #expect(abs(Int(shown.red) - level) <= 8, "grey \(level) shown as \(shown)")
        }
    }

    @Test func monochromeUsesTheDefaultPair() {
        var colors = TerminalColors(mode: .monochrome, pairLimit: 0)
        #expect(colors.pair(for: red) == TerminalColors.Resolved(pair: 0))
    }

    @Test func pairsBeyondTheLimitFallBackToDefault() {
        var colors = TerminalColors(mode: .indexed256, pairLimit: 2)
        #expect(colors.pair(for: red).pair == 1)
        #expect(colors.pair(for: CellStyle(foreground: .rgb(RGB(0, 255, 0)))).pair == 0)
    }
}
