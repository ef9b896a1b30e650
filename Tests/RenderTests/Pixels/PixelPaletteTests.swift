import Testing
@testable import Render

@Suite struct PixelPaletteTests {
    @Test func grayLevelsAreClampedValues() {
        let gray = PixelPalette.gray
        #expect([-1, 0.25, 2, .nan].map(gray.level) == [0, 0.25, 1, 0])
        #expect(gray.color(atLevel: 0) == RGB(0, 0, 0))
        #expect(gray.color(atLevel: 0.5) == RGB(128, 128, 128))
        #expect(gray.color(atLevel: 0.25) == RGB(64, 64, 64))
        #expect(gray.color(atLevel: 1) == RGB(255, 255, 255))
        #expect(gray.color(atLevel: .nan) == RGB(0, 0, 0))
        #expect(gray.range == 0 ... 1)
    }

    @Test func divergingMapsZeroToTheMiddleAndTheScaleToTheEnds() {
        let palette = PixelPalette.diverging(scale: 2)
        #expect([-2, -4, 0, 1, 2, 9, .nan].map(palette.level) == [0, 0, 0.5, 0.75, 1, 1, 0.5])
        #expect(palette.range == -2 ... 2)
    }

    @Test func divergingColoursRunFromBlueThroughNeutralToRed() {
        let palette = PixelPalette.diverging(scale: 1)
        #expect(palette.color(atLevel: 0) == RGB(0x05, 0x71, 0xB0))
        #expect(palette.color(atLevel: 0.25) == RGB(0x92, 0xC5, 0xDE))
        #expect(palette.color(atLevel: 0.5) == RGB(0xF7, 0xF7, 0xF7))
        #expect(palette.color(atLevel: 1) == RGB(0xCA, 0x00, 0x20))
        // Halfway between the first two stops.
        #expect(palette.color(atLevel: 0.125) == RGB(76, 155, 199))
    }

    @Test func unusableScalesActAsTheirMagnitudeOrOne() {
        #expect(PixelPalette.diverging(scale: -3).range == -3 ... 3)
        #expect(PixelPalette.diverging(scale: 0).range == -1 ... 1)
        #expect(PixelPalette.diverging(scale: .nan).range == -1 ... 1)
        #expect(PixelPalette.diverging(scale: .infinity).level(0.5) == 0.75)
    }
}
