import Testing
@testable import Render

@Suite struct PixelStyleTests {
    @Test func defaultsLeaveLevelsAlone() {
        let style = PixelStyle()
        #expect(style.mode == .halfBlocks && style.dither == .floydSteinberg && style.palette == .gray && style.ramp == .standard)
        #expect([0, 0.3, 0.7, 1].map(style.toned) == [0, 0.3, 0.7, 1])
    }

    @Test func contrastStretchesAroundMidGreyAndClamps() {
        let style = PixelStyle(contrast: 2)
        #expect(style.toned(0.75) == 1)
        #expect(style.toned(0.5) == 0.5)
        #expect(style.toned(0.1) == 0)
        #expect(abs(style.toned(0.6) - 0.7) < 1e-6)
        #expect(abs(PixelStyle(contrast: -1).toned(0.2) - 0.8) < 1e-6)
    }

    @Test func gammaAboveOneBrightensMidTones() {
        let style = PixelStyle(gamma: 2)
        #expect(abs(style.toned(0.25) - 0.5) < 1e-6)
        #expect(style.toned(0) == 0 && style.toned(1) == 1)
    }

    @Test func divergingGammaActsOnTheDistanceFromZero() {
        let style = PixelStyle(gamma: 2, palette: .diverging(scale: 1))
        // Signed −0.25 → −0.5 and +0.25 → +0.5.
        #expect(abs(style.toned(0.375) - 0.25) < 1e-6)
        #expect(abs(style.toned(0.625) - 0.75) < 1e-6)
        #expect(style.toned(0.5) == 0.5)
    }

    @Test func unusableSettingsActAsOne() {
        for style in [PixelStyle(gamma: 0), PixelStyle(gamma: -2), PixelStyle(gamma: .nan), PixelStyle(contrast: .nan), PixelStyle(contrast: .infinity)] {
            #expect(style.toned(0.3) == 0.3)
        }
    }

    @Test func pixelsPerCellKeepPixelsSquare() {
        #expect(PixelMode.halfBlocks.pixelsPerCell == Size(width: 1, height: 2))
        #expect(PixelMode.ascii.pixelsPerCell == Size(width: 1, height: 2))
        #expect(PixelMode.color16.pixelsPerCell == Size(width: 1, height: 2))
        #expect(PixelMode.braille.pixelsPerCell == Size(width: 2, height: 4))
    }
}
