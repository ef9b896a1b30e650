import Testing
@testable import Render

@Suite struct DitheringTests {
    @Test func noDitherTakesTheNearestAndTheLowerOnATie() {
        #expect(Quantizer.onOff.quantize([0.2, 0.5, 0.51, 0.9], width: 4, height: 1, dither: .none) == [0, 0, 1, 1])
        #expect(Quantizer(candidates: [0, 1.0 / 3, 2.0 / 3, 1]).quantize([0.1, 0.2, 0.6, 0.9], width: 2, height: 2, dither: .none) == [0, 1, 2, 3])
    }

    @Test func orderedDitherOfMidGreyIsACheckerboard() {
        let raised = Quantizer.onOff.quantize([Float](repeating: 0.5, count: 16), width: 4, height: 4, dither: .ordered)
        #expect(raised == [0, 1, 0, 1,
                           1, 0, 1, 0,
                           0, 1, 0, 1,
                           1, 0, 1, 0])
    }

    @Test func orderedDitherOfAQuarterRaisesTheFourHighestThresholds() {
        let raised = Quantizer.onOff.quantize([Float](repeating: 0.25, count: 16), width: 4, height: 4, dither: .ordered)
        #expect(raised == [0, 0, 0, 0,
                           1, 0, 1, 0,
                           0, 0, 0, 0,
                           1, 0, 1, 0])
    }

    @Test func orderedDitherScalesToTheGapBetweenCandidates() {
        // Halfway between 1/3 and 2/3: the same checkerboard, between the two middle levels.
        let chosen = Quantizer(candidates: [0, 1.0 / 3, 2.0 / 3, 1]).quantize([Float](repeating: 0.5, count: 8), width: 4, height: 2, dither: .ordered)
        #expect(chosen == [1, 2, 1, 2,
                           2, 1, 2, 1])
    }

    @Test func floydSteinbergCarriesTheErrorRightAndDown() {
        // 0.5 → 0 (error +0.5), the next gets 0.5 + 7/16·0.5 → 1, and so on.
        #expect(Quantizer.onOff.quantize([0.5, 0.5, 0.5, 0.5], width: 4, height: 1, dither: .floydSteinberg) == [0, 1, 0, 1])
        // The first pixel's error reaches the one below: 0.4 + 5/16·0.2 (and a little from the
        // second pixel) stays under 0.5; 0.4 + 5/16·0.45 goes over.
        #expect(Quantizer.onOff.quantize([0.2, 0, 0.4, 0], width: 2, height: 2, dither: .floydSteinberg) == [0, 0, 0, 0])
        #expect(Quantizer.onOff.quantize([0.45, 0, 0.4, 0], width: 2, height: 2, dither: .floydSteinberg) == [0, 0, 1, 0])
    }

    @Test func floydSteinbergOfMidGreyIsACheckerboard() {
        let raised = Quantizer.onOff.quantize([Float](repeating: 0.5, count: 32), width: 8, height: 4, dither: .floydSteinberg)
        #expect(raised == [0, 1, 0, 1, 0, 1, 0, 1,
                           1, 0, 1, 0, 1, 0, 1, 0,
                           0, 1, 0, 1, 0, 1, 0, 1,
                           1, 0, 1, 0, 1, 0, 1, 0])
    }

    @Test func floydSteinbergKeepsAboutTheMeanLevel() {
        // 16 of 64 in the mean; the error that runs off the right and bottom edges is lost.
        let raised = Quantizer.onOff.quantize([Float](repeating: 0.25, count: 64), width: 8, height: 8, dither: .floydSteinberg)
        #expect(raised.reduce(0, +) == 14)
    }

    @Test func extremesNeverDither() {
        for dither in Dither.allCases {
            #expect(Quantizer.onOff.quantize([0, 1, 0, 1], width: 2, height: 2, dither: dither) == [0, 1, 0, 1])
        }
    }
}
