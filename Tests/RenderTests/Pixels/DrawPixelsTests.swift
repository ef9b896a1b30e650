import Testing
@testable import Render

@Suite struct FittedSizeTests {
    func fit(_ width: Int, _ height: Int, _ columns: Int, _ rows: Int, _ mode: PixelMode = .halfBlocks) -> Size {
        fittedSize(width: width, height: height, in: Size(width: columns, height: rows), mode: mode)
    }

    @Test func squareImagesTakeTwiceAsManyColumnsAsRows() {
        #expect(fit(28, 28, 40, 20) == Size(width: 40, height: 20))
        #expect(fit(28, 28, 41, 20) == Size(width: 40, height: 20))
        #expect(fit(28, 28, 40, 25) == Size(width: 40, height: 20))
        #expect(fit(28, 28, 40, 20, .braille) == Size(width: 40, height: 20))
        #expect(fit(28, 28, 7, 3) == Size(width: 6, height: 3))
        #expect(fit(28, 28, 10, 60, .ascii) == Size(width: 10, height: 5))
    }

    @Test func wideAndTallImagesKeepTheirAspect() {
        #expect(fit(56, 28, 20, 20) == Size(width: 20, height: 5))
        #expect(fit(10, 100, 80, 10) == Size(width: 2, height: 10))
        #expect(fit(1, 8, 10, 10, .braille) == Size(width: 3, height: 10))
    }

    @Test func tinyRoomStillShowsOneCell() {
        #expect(fit(28, 28, 1, 1) == Size(width: 1, height: 1))
        #expect(fit(28, 28, 1, 1, .braille) == Size(width: 1, height: 1))
        #expect(fit(1000, 1, 3, 3) == Size(width: 3, height: 1))
    }

    @Test func emptyImageOrRoomTakesNothing() {
        let nothing = Size(width: 0, height: 0)
        #expect(fit(28, 28, 0, 5) == nothing)
        #expect(fit(28, 28, 5, -1) == nothing)
        #expect(fit(0, 28, 5, 5) == nothing)
        #expect(fit(28, -2, 5, 5) == nothing)
        #expect(fit(28, 28, Int.max, Int.max).width > 0)
    }
}

@Suite struct DrawPixelsTests {
    let white = RGB(255, 255, 255), black = RGB(0, 0, 0)

    func draw(_ image: PixelImage, width: Int, height: Int, _ style: PixelStyle) -> (grid: CellGrid, used: Rect) {
        var grid = CellGrid(width: width, height: height)
        let used = grid.drawPixels(image, in: grid.bounds, style: style)
        return (grid, used)
    }

    func foregrounds(_ grid: CellGrid, row: Int) -> [RGB?] {
        (0 ..< grid.width).map { if case .rgb(let color) = grid[$0, row].style.foreground { color } else { nil } }
    }

    func backgrounds(_ grid: CellGrid, row: Int) -> [RGB?] {
        (0 ..< grid.width).map { if case .rgb(let color) = grid[$0, row].style.background { color } else { nil } }
    }

    func grey(_ level: UInt8) -> RGB { RGB(level, level, level) }

    // MARK: Half-blocks

    @Test func halfBlocksShowTheUpperPixelInFrontAndTheLowerBehind() {
        let image = PixelImage(width: 2, height: 2, values: [0, 1, 0.5, 0.25])
        let (grid, used) = draw(image, width: 2, height: 1, PixelStyle())
        #expect(used == Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(grid.lines == ["▀▀"])
        #expect(foregrounds(grid, row: 0) == [black, white])
        #expect(backgrounds(grid, row: 0) == [grey(128), grey(64)])
    }

    @Test func halfBlocksOfACheckerboard() {
        let image = PixelImage(width: 4, height: 4, values: [1, 0, 1, 0,
                                                             0, 1, 0, 1,
                                                             1, 0, 1, 0,
                                                             0, 1, 0, 1])
        let (grid, _) = draw(image, width: 4, height: 2, PixelStyle())
        for row in 0 ..< 2 {
            #expect(foregrounds(grid, row: row) == [white, black, white, black])
            #expect(backgrounds(grid, row: row) == [black, white, black, white])
        }
    }

    @Test func enlargedGradientIsInterpolatedAndCentred() {
        // 2 × 1 pixels into 6 × 1 cells: 4 × 2 pixels (the height limits), 4 × 1 cells, centred.
        let (grid, used) = draw(PixelImage(width: 2, height: 1, values: [0, 1]), width: 6, height: 1, PixelStyle())
        #expect(used == Rect(x: 1, y: 0, width: 4, height: 1))
        #expect(grid.lines == [" ▀▀▀▀ "])
        let ramp = [black, grey(64), grey(191), white]
        #expect(foregrounds(grid, row: 0) == [nil] + ramp + [nil])
        #expect(backgrounds(grid, row: 0) == [nil] + ramp + [nil])
    }

    @Test func shrunkCheckerboardAveragesToGrey() {
        let image = PixelImage(width: 4, height: 4, values: (0 ..< 16).map { Float(($0 + $0 / 4) % 2) })
        let (grid, _) = draw(image, width: 2, height: 1, PixelStyle())
        #expect(foregrounds(grid, row: 0) == [grey(128), grey(128)])
        #expect(backgrounds(grid, row: 0) == [grey(128), grey(128)])
    }

    @Test func contrastAndGammaApplyBeforeColours() {
        let image = PixelImage(width: 1, height: 2, values: [0.25, 0.75])
        let (contrasted, _) = draw(image, width: 1, height: 1, PixelStyle(contrast: 2))
        #expect(foregrounds(contrasted, row: 0) == [black] && backgrounds(contrasted, row: 0) == [white])
        let (brightened, _) = draw(image, width: 1, height: 1, PixelStyle(gamma: 2))
        #expect(foregrounds(brightened, row: 0) == [grey(128)])
    }

    @Test func divergingHalfBlocks() {
        let image = PixelImage(width: 1, height: 2, values: [-3, 0])
        let (grid, _) = draw(image, width: 1, height: 1, PixelStyle(palette: .diverging(scale: 3)))
        #expect(foregrounds(grid, row: 0) == [RGB(0x05, 0x71, 0xB0)])
        #expect(backgrounds(grid, row: 0) == [RGB(0xF7, 0xF7, 0xF7)])
    }

    // MARK: Braille

    @Test func brailleRaisesBrightDotsInWhite() {
        for dither in Dither.allCases {
            let (full, _) = draw(PixelImage(width: 2, height: 4, values: Array(repeating: 1, count: 8)), width: 1, height: 1,
                                 PixelStyle(mode: .braille, dither: dither))
            #expect(full.lines == ["⣿"])
            #expect(foregrounds(full, row: 0) == [white])
            let (empty, _) = draw(PixelImage(width: 2, height: 4, values: Array(repeating: 0, count: 8)), width: 1, height: 1,
                                  PixelStyle(mode: .braille, dither: dither))
            #expect(empty.lines == [" "])
            #expect(empty[0, 0].style == .plain)
        }
    }

    @Test func brailleSinglePixel() {
        // Pixel (1, 2) of a 4 × 8 image: the first cell's right column, third row (dot 6).
        var values = [Float](repeating: 0, count: 32)
        values[2 * 4 + 1] = 1
        for dither in Dither.allCases {
            let (grid, _) = draw(PixelImage(width: 4, height: 8, values: values), width: 2, height: 2, PixelStyle(mode: .braille, dither: dither))
            #expect(grid.lines == ["⠠ ", "  "], "\(dither)")
        }
    }

    @Test func brailleGradientThresholdsAtHalf() {
        let image = PixelImage(width: 8, height: 4, values: (0 ..< 32).map { Float($0 % 8) / 7 })
        let (grid, _) = draw(image, width: 4, height: 1, PixelStyle(mode: .braille, dither: .none))
        #expect(grid.lines == ["  ⣿⣿"])
    }

    @Test func brailleMidGreyDithers() {
        let image = PixelImage(width: 4, height: 4, values: Array(repeating: 0.5, count: 16))
        // Checkerboards: dots 2, 4, 6, 7 raised in each cell.
        #expect(draw(image, width: 2, height: 1, PixelStyle(mode: .braille, dither: .ordered)).grid.lines == ["⡪⡪"])
        #expect(draw(image, width: 2, height: 1, PixelStyle(mode: .braille, dither: .floydSteinberg)).grid.lines == ["⡪⡪"])
        #expect(draw(image, width: 2, height: 1, PixelStyle(mode: .braille, dither: .none)).grid.lines == ["  "])
    }

    @Test func divergingBrailleRaisesStrongValuesInTheirColour() {
        // Left column −2 (full blue), right column 0 (neutral: no dots).
        let image = PixelImage(width: 2, height: 4, values: [-2, 0, -2, 0, -2, 0, -2, 0])
        let (grid, _) = draw(image, width: 1, height: 1, PixelStyle(mode: .braille, dither: .none, palette: .diverging(scale: 2)))
        #expect(grid.lines == ["⡇"])
        #expect(foregrounds(grid, row: 0) == [RGB(0x05, 0x71, 0xB0)])
    }

    // MARK: ASCII

    @Test func asciiUsesTheRampOnTheMeanOfTwoRows() {
        let gradient = PixelImage(width: 4, height: 2, values: [0, 1.0 / 3, 2.0 / 3, 1, 0, 1.0 / 3, 2.0 / 3, 1])
        #expect(draw(gradient, width: 4, height: 1, PixelStyle(mode: .ascii)).grid.lines == [" -*@"])
        #expect(draw(gradient, width: 4, height: 1, PixelStyle(mode: .ascii, ramp: .blocks)).grid.lines == [" ░▓█"])
        let rows = PixelImage(width: 1, height: 2, values: [0, 1])
        #expect(draw(rows, width: 1, height: 1, PixelStyle(mode: .ascii)).grid.lines == ["+"])
        #expect(draw(gradient, width: 4, height: 1, PixelStyle(mode: .ascii)).grid[3, 0].style == .plain)
    }

    @Test func divergingAsciiShowsTheDistanceFromZeroInColour() {
        let image = PixelImage(width: 4, height: 2, values: [-1, 0, 0.5, 1, -1, 0, 0.5, 1])
        let (grid, _) = draw(image, width: 4, height: 1, PixelStyle(mode: .ascii, palette: .diverging(scale: 1)))
        #expect(grid.lines == ["@ +@"])
        #expect(foregrounds(grid, row: 0) == [RGB(0x05, 0x71, 0xB0), RGB(0xF7, 0xF7, 0xF7), RGB(0xF4, 0xA5, 0x82), RGB(0xCA, 0x00, 0x20)])
    }

    // MARK: Monochrome

    @Test func monochromeSignedValuesUseTheSignedRampInEveryMode() {
        // Levels −1, −0.5, 0, 0.5, 1 over ±1: the five characters of the signed ramp.
        let image = PixelImage(width: 5, height: 2, values: [-1, -0.5, 0, 0.5, 1, -1, -0.5, 0, 0.5, 1])
        for mode in PixelMode.allCases where mode != .braille {
            let (grid, _) = draw(image, width: 5, height: 1, PixelStyle(mode: mode, palette: .diverging(scale: 1), monochrome: true))
            #expect(grid.lines == ["=- +#"], "\(mode)")
            #expect(grid.cells.allSatisfy { $0.style == .plain }, "\(mode)")
        }
        // Braille cells hold 2 × 4 pixels: their mean picks the character.
        let quad = PixelImage(width: 4, height: 4, values: [Float](repeating: -1, count: 8) + [Float](repeating: 1, count: 8))
        let (braille, _) = draw(quad, width: 2, height: 1, PixelStyle(mode: .braille, palette: .diverging(scale: 1), monochrome: true))
        #expect(braille.lines == ["  "])
        let positive = PixelImage(width: 2, height: 4, values: [Float](repeating: 0.9, count: 8))
        #expect(draw(positive, width: 1, height: 1, PixelStyle(mode: .braille, palette: .diverging(scale: 1), monochrome: true)).grid.lines == ["#"])
    }

    @Test func monochromeGreyPicturesTakeTheTextsColours() {
        let gradient = PixelImage(width: 4, height: 2, values: [0, 1.0 / 3, 2.0 / 3, 1, 0, 1.0 / 3, 2.0 / 3, 1])
        for mode in [PixelMode.halfBlocks, .color16, .ascii] {
            let (grid, _) = draw(gradient, width: 4, height: 1, PixelStyle(mode: mode, monochrome: true))
            #expect(grid.lines == [" -*@"], "\(mode) draws as ASCII")
            #expect(grid.cells.allSatisfy { $0.style == .plain }, "\(mode)")
        }
        let bright = PixelImage(width: 2, height: 4, values: [Float](repeating: 1, count: 8))
        let (braille, _) = draw(bright, width: 1, height: 1, PixelStyle(mode: .braille, dither: .none, monochrome: true))
        #expect(braille.lines == ["⣿"])
        #expect(braille[0, 0].style == .plain)
    }

    // MARK: 16 colours

    @Test func color16GreysAreTheFourAnsiGreys() {
        let gradient = PixelImage(width: 4, height: 2, values: [0, 1.0 / 3, 2.0 / 3, 1, 0, 1.0 / 3, 2.0 / 3, 1])
        let (grid, _) = draw(gradient, width: 4, height: 1, PixelStyle(mode: .color16, dither: .none))
        #expect(grid.lines == ["▀▀▀▀"])
        #expect(foregrounds(grid, row: 0) == [black, grey(85), grey(170), white])
        #expect(backgrounds(grid, row: 0) == [black, grey(85), grey(170), white])
    }

    @Test func color16DithersBetweenNeighbouringGreys() {
        let image = PixelImage(width: 4, height: 2, values: Array(repeating: 0.5, count: 8))
        let (grid, _) = draw(image, width: 4, height: 1, PixelStyle(mode: .color16, dither: .ordered))
        #expect(foregrounds(grid, row: 0) == [grey(85), grey(170), grey(85), grey(170)])
        #expect(backgrounds(grid, row: 0) == [grey(170), grey(85), grey(170), grey(85)])
    }

    @Test func color16DivergingRunsFromBlueToRed() {
        let image = PixelImage(width: 5, height: 2, values: [-1, -0.5, 0, 0.5, 1, -1, -0.5, 0, 0.5, 1])
        let (grid, _) = draw(image, width: 5, height: 1, PixelStyle(mode: .color16, dither: .none, palette: .diverging(scale: 1)))
        #expect(foregrounds(grid, row: 0) == [RGB(0, 0, 170), RGB(85, 85, 255), white, RGB(255, 85, 85), RGB(170, 0, 0)])
    }

    // MARK: Bad input and placement

    @Test func nanPixelsDrawAsBlack() {
        let image = PixelImage(width: 2, height: 2, values: [.nan, .nan, .infinity, -.infinity])
        for mode in PixelMode.allCases {
            for dither in Dither.allCases {
                _ = draw(image, width: 3, height: 3, PixelStyle(mode: mode, dither: dither))
            }
        }
        let (grid, _) = draw(image, width: 2, height: 1, PixelStyle())
        #expect(foregrounds(grid, row: 0) == [black, black])
        #expect(backgrounds(grid, row: 0) == [white, black])
    }

    @Test func emptyImageOrRectDrawsOnlyTheBackground() {
        let background = CellStyle(background: .rgb(RGB(1, 2, 3)))
        var grid = CellGrid(width: 3, height: 2)
        let used = grid.drawPixels(PixelImage(width: 0, height: 5, values: []), in: Rect(x: 1, y: 0, width: 2, height: 2),
                                   style: PixelStyle(), background: background)
        #expect(used == Rect(x: 1, y: 0, width: 0, height: 0))
        #expect(grid[0, 0].style == .plain && grid[1, 0].style == background && grid[2, 1].style == background)

        let dot = PixelImage(width: 1, height: 1, values: [1])
        for rect in [Rect(x: 0, y: 0, width: 0, height: 0), Rect(x: 1, y: 1, width: -4, height: 3), Rect(x: 2, y: 0, width: 5, height: 0)] {
            var untouched = CellGrid(width: 3, height: 2)
            #expect(untouched.drawPixels(dot, in: rect, style: PixelStyle()).isEmpty)
            #expect(untouched == CellGrid(width: 3, height: 2))
        }
    }

    @Test func oneCellRectShowsOneCell() {
        var values = [Float](repeating: 0, count: 28 * 28)
        for i in 0 ..< 28 * 14 { values[i] = 1 }   // the top half white
        for mode in PixelMode.allCases {
            var grid = CellGrid(width: 1, height: 1)
            #expect(grid.drawPixels(PixelImage(width: 28, height: 28, values: values), in: grid.bounds, style: PixelStyle(mode: mode)) == grid.bounds)
        }
        var grid = CellGrid(width: 1, height: 1)
        grid.drawPixels(PixelImage(width: 28, height: 28, values: values), in: grid.bounds, style: PixelStyle())
        #expect(foregrounds(grid, row: 0) == [white] && backgrounds(grid, row: 0) == [black])
    }

    @Test func drawingIsClippedToTheGrid() {
        var grid = CellGrid(width: 3, height: 2)
        let image = PixelImage(width: 4, height: 4, values: Array(repeating: 1, count: 16))
        let used = grid.drawPixels(image, in: Rect(x: 1, y: 1, width: 4, height: 2), style: PixelStyle(mode: .braille))
        #expect(used == Rect(x: 1, y: 1, width: 4, height: 2))
        #expect(grid.lines == ["   ", " ⣿⣿"])
    }

    @Test func backgroundFillsTheRestOfTheRect() {
        let background = CellStyle(background: .rgb(RGB(9, 9, 9)))
        var grid = CellGrid(width: 5, height: 1)
        grid.drawPixels(PixelImage(width: 1, height: 2, values: [1, 1]), in: grid.bounds, style: PixelStyle(), background: background)
        #expect(grid.lines == ["  ▀  "])
        #expect(grid[0, 0].style == background && grid[4, 0].style == background)
    }
}
