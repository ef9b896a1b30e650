/// Picks for each pixel one of a few candidate colours, spreading what the nearest candidate
/// gets wrong according to a `Dither`.
///
/// A pixel is `channels` floats (1 for a grey level, 3 for RGB in 0...1); `field` holds them
/// pixel after pixel, row-major.
struct Quantizer {
    /// Each `channels` long.
    let candidates: [[Float]]
    /// How much a difference in each channel counts when choosing the nearest candidate.
    let channelWeights: [Float]
    /// How far ordered dithering moves a value (±spread/2): about the gap between candidates.
    let spread: Float

    var channels: Int { channelWeights.count }

    /// Braille: dot off (0) or on (1).
    static let onOff = Quantizer(candidates: [[0], [1]], channelWeights: [1], spread: 1)

    /// The index of the chosen candidate for each pixel of a `width × height` field.
    func quantize(_ field: [Float], width: Int, height: Int, dither: Dither) -> [Int] {
        var working = field
        var chosen = [Int](repeating: 0, count: width * height)
        for y in 0 ..< height {
            for x in 0 ..< width {
                let pixel = (y * width + x) * channels
                var value = Array(working[pixel ..< pixel + channels])
                if dither == .ordered {
                    let offset = (Self.bayer[y % 4][x % 4] + 0.5) / 16 - 0.5
                    for c in 0 ..< channels { value[c] += offset * spread }
                }
                let index = nearest(to: value)
                chosen[y * width + x] = index
                guard dither == .floydSteinberg else { continue }
                // 7/16 right, 3/16 down-left, 5/16 down, 1/16 down-right.
                for c in 0 ..< channels {
                    let error = value[c] - candidates[index][c]
                    func spill(_ dx: Int, _ dy: Int, _ share: Float) {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, nx < width, ny < height else { return }
                        working[(ny * width + nx) * channels + c] += error * share
                    }
                    spill(1, 0, 7 / 16)
                    spill(-1, 1, 3 / 16)
                    spill(0, 1, 5 / 16)
                    spill(1, 1, 1 / 16)
                }
            }
        }
        return chosen
    }

    /// The candidate at the smallest weighted squared distance; the first on a tie.
    private func nearest(to value: [Float]) -> Int {
        var best = 0, bestDistance = Float.infinity
        for (index, candidate) in candidates.enumerated() {
            var distance: Float = 0
            for c in 0 ..< channels {
                let d = value[c] - candidate[c]
                distance += channelWeights[c] * d * d
            }
            if distance < bestDistance { (best, bestDistance) = (index, distance) }
        }
        return best
    }

    /// The 4 × 4 Bayer matrix: each threshold as far as possible from the previous ones.
    private static let bayer: [[Float]] = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]]
}
