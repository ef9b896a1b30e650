import Testing
@testable import Render

@Suite struct ResamplingTests {
    typealias Tap = Resampling.Tap

    @Test func sameSizeCopies() {
        #expect(Resampling.taps(from: 3, to: 3) == [[Tap(index: 0, weight: 1)], [Tap(index: 1, weight: 1)], [Tap(index: 2, weight: 1)]])
    }

    @Test func shrinkingAveragesTheCoveredPixels() {
        #expect(Resampling.taps(from: 4, to: 2) == [[Tap(index: 0, weight: 0.5), Tap(index: 1, weight: 0.5)],
                                                    [Tap(index: 2, weight: 0.5), Tap(index: 3, weight: 0.5)]])
        // 3 → 2: each target pixel covers one and a half source pixels.
        let taps = Resampling.taps(from: 3, to: 2)
        #expect(taps.map { $0.map(\.index) } == [[0, 1], [1, 2]])
        #expect(abs(taps[0][0].weight - 2.0 / 3) < 1e-6 && abs(taps[0][1].weight - 1.0 / 3) < 1e-6)
        #expect(abs(taps[1][0].weight - 1.0 / 3) < 1e-6 && abs(taps[1][1].weight - 2.0 / 3) < 1e-6)
    }

    @Test func enlargingInterpolatesBetweenPixelCentres() {
        #expect(Resampling.taps(from: 2, to: 4) == [[Tap(index: 0, weight: 1)],
                                                    [Tap(index: 0, weight: 0.75), Tap(index: 1, weight: 0.25)],
                                                    [Tap(index: 0, weight: 0.25), Tap(index: 1, weight: 0.75)],
                                                    [Tap(index: 1, weight: 1)]])
    }

    @Test func weightsSumToOne() {
        for (source, target) in [(28, 40), (28, 11), (7, 3), (1, 5), (5, 1), (28, 56)] {
            for taps in Resampling.taps(from: source, to: target) {
                #expect(abs(taps.reduce(0) { $0 + $1.weight } - 1) < 1e-5, "\(source) → \(target)")
                #expect(taps.allSatisfy { $0.index >= 0 && $0.index < source })
            }
        }
    }

    @Test func resizesRowsThenColumns() {
        let image = PixelImage(width: 4, height: 2, values: [0, 1, 0, 1,
                                                             1, 1, 0, 0])
        #expect(Resampling.resized(image, width: 2, height: 1).values == [0.75, 0.25])
        let dot = PixelImage(width: 1, height: 1, values: [0.5])
        #expect(Resampling.resized(dot, width: 3, height: 2).values == [Float](repeating: 0.5, count: 6))
    }
}
