import Testing
@testable import Render

@Suite struct ImageGridTests {
    let square = PixelImage(width: 4, height: 4, values: Array(repeating: 1, count: 16))

    @Test func picksTheColumnCountThatGivesTheLargestImages() {
        // One row of three 6 × 3 tiles beats two rows of 2 × 1 (and three rows do not fit).
        let grid = ImageGrid(images: [square, square, square], captions: ["a", "bb", "ccc"])
        let layout = grid.layout(in: Rect(x: 0, y: 0, width: 20, height: 6))
        #expect(layout.columns == 3)
        #expect(layout.imageSize == Size(width: 6, height: 3))
        #expect(layout.imageRects == [Rect(x: 0, y: 0, width: 6, height: 3), Rect(x: 7, y: 0, width: 6, height: 3), Rect(x: 14, y: 0, width: 6, height: 3)])
        #expect(layout.captionRects == [Rect(x: 0, y: 3, width: 6, height: 1), Rect(x: 7, y: 3, width: 6, height: 1), Rect(x: 14, y: 3, width: 6, height: 1)])
        #expect(layout.bounds == Rect(x: 0, y: 0, width: 20, height: 4))
    }

    @Test func drawsImagesWithCentredCaptionsUnderThem() {
        let imageGrid = ImageGrid(images: [square, square, square], captions: ["a", "bb", "ccc"])
        var grid = CellGrid(width: 20, height: 6)
        imageGrid.draw(into: &grid, in: grid.bounds)
        #expect(grid.lines == [
            "▀▀▀▀▀▀ ▀▀▀▀▀▀ ▀▀▀▀▀▀",
            "▀▀▀▀▀▀ ▀▀▀▀▀▀ ▀▀▀▀▀▀",
            "▀▀▀▀▀▀ ▀▀▀▀▀▀ ▀▀▀▀▀▀",
            "  a      bb    ccc  ",
            "                    ",
            "                    ",
        ])
    }

    @Test func rowsWrapWithSpacingBetween() {
        let imageGrid = ImageGrid(images: [square, square, square], captions: ["x", "y", "z"], style: PixelStyle(mode: .ascii),
                                  spacing: 1, maximumImageSize: Size(width: 4, height: 2))
        let layout = imageGrid.layout(in: Rect(x: 2, y: 1, width: 9, height: 20))
        #expect(layout.columns == 2)
        #expect(layout.imageRects == [Rect(x: 2, y: 1, width: 4, height: 2), Rect(x: 7, y: 1, width: 4, height: 2), Rect(x: 2, y: 5, width: 4, height: 2)])
        #expect(layout.bounds == Rect(x: 2, y: 1, width: 9, height: 7))
        var grid = CellGrid(width: 11, height: 8)
        imageGrid.draw(into: &grid, in: Rect(x: 2, y: 1, width: 9, height: 7))
        #expect(grid.lines == [
            "           ",
            "  @@@@ @@@@",
            "  @@@@ @@@@",
            "   x    y  ",
            "           ",
            "  @@@@     ",
            "  @@@@     ",
            "   z       ",
        ])
    }

    @Test func onATieMoreColumnsWin() {
        let imageGrid = ImageGrid(images: [square, square], maximumImageSize: Size(width: 4, height: 2))
        let layout = imageGrid.layout(in: Rect(x: 0, y: 0, width: 100, height: 100))
        #expect(layout.columns == 2 && layout.imageSize == Size(width: 4, height: 2))
        // No captions: no caption row.
        #expect(layout.captionRects.allSatisfy { $0.height == 0 } && layout.bounds.height == 2)
    }

    @Test func longCaptionsAreCutWithAnEllipsis() {
        var grid = CellGrid(width: 6, height: 4)
        ImageGrid(images: [square], captions: ["sneakers"], captionStyle: CellStyle(attributes: .bold)).draw(into: &grid, in: grid.bounds)
        #expect(grid.lines[3] == "sneak…")
        #expect(grid[5, 3].style.attributes == .bold)
    }

    @Test func imagesOfDifferentSizesShareTheLargestTile() {
        let wide = PixelImage(width: 8, height: 2, values: Array(repeating: 1, count: 16))
        let layout = ImageGrid(images: [square, wide]).layout(in: Rect(x: 0, y: 0, width: 17, height: 4))
        // Tiles fit an 8 × 4 picture: 8 × 2 cells each.
        #expect(layout.columns == 2 && layout.imageSize == Size(width: 8, height: 2))
        var grid = CellGrid(width: 17, height: 2)
        ImageGrid(images: [square, wide]).draw(into: &grid, in: grid.bounds)
        #expect(grid.lines == ["  ▀▀▀▀   ▀▀▀▀▀▀▀▀", "  ▀▀▀▀           "])
    }

    @Test func nothingFitsInATinyRectOrWithoutImages() {
        let tiny = ImageGrid(images: [square, square], captions: ["a", "b"]).layout(in: Rect(x: 3, y: 3, width: 1, height: 1))
        #expect(tiny.columns == 0 && tiny.imageRects.isEmpty && tiny.bounds == Rect(x: 3, y: 3, width: 0, height: 0))
        #expect(ImageGrid(images: []).layout(in: Rect(x: 0, y: 0, width: 50, height: 50)).columns == 0)
        var grid = CellGrid(width: 2, height: 2)
        ImageGrid(images: [square], captions: ["a"]).draw(into: &grid, in: Rect(x: 0, y: 0, width: 0, height: -1))
        ImageGrid(images: [square], captions: ["a"], spacing: -5).draw(into: &grid, in: Rect(x: -1, y: 1, width: 4, height: 4))
    }
}
