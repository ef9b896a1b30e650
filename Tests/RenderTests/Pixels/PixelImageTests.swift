import Testing
@testable import Render

@Suite struct PixelImageTests {
    @Test func valuesAreCutOrPaddedToTheSize() {
        #expect(PixelImage(width: 2, height: 2, values: [1]).values == [1, 0, 0, 0])
        #expect(PixelImage(width: 2, height: 1, values: [1, 2, 3]).values == [1, 2])
        #expect(PixelImage(width: 1, height: 1, values: [7]).values == [7])
    }

    @Test func badSizesMakeAnEmptyImage() {
        let negative = PixelImage(width: -3, height: 2, values: [1, 2])
        #expect(negative.width == 0 && negative.height == 2 && negative.values.isEmpty && negative.isEmpty)
        let huge = PixelImage(width: Int.max, height: 2, values: [])
        #expect(huge.width == 0 && huge.height == 0 && huge.values.isEmpty)
    }

    @Test func signedUnitMapsMinusOneToOneOntoZeroToOne() {
        let image = PixelImage(signedUnit: [-1, 0, 1, 3, -2, .nan], width: 3, height: 2)
        #expect(image.values == [0, 0.5, 1, 1, 0, 0])
    }

    @Test func shortValuesReadAsZero() {
        var image = PixelImage(width: 2, height: 1, values: [5, 6])
        image.values = [5]
        #expect(image.value(x: 0, y: 0) == 5 && image.value(x: 1, y: 0) == 0)
    }
}
