/// Picks for each pixel of a field of levels one of a few candidate levels, spreading what the
/// nearest candidate gets wrong according to a `Dither`.
struct Quantizer {
    /// Ascending.
    let candidates: [Float]

    /// Braille: dot off (0) or on (1).
    static let onOff = Quantizer(candidates: [0, 1])

    /// The index of the chosen candidate for each level of a row-major `width × height` field.
    func quantize(_ levels: [Float], width: Int, height: Int, dither: Dither) -> [Int] {
        // Ordered dithering moves a level by up to ±half the gap between candidates.
        let spread = (candidates.last! - candidates.first!) / Float(max(1, candidates.count - 1))
        var working = levels
        var chosen = [Int](repeating: 0, count: width * height)
        for y in 0 ..< height {
            for x in 0 ..< width {
                var level = working[y * width + x]
                if dither == .ordered { level += ((Self.bayer[y % 4][x % 4] + 0.5) / 16 - 0.5) * spread }
                let index = nearest(to: level)
                chosen[y * width + x] = index
                guard dither == .floydSteinberg else { continue }
                let error = level - candidates[index]
                for (dx, dy, share) in Self.errorShares {
                    let nx = x + dx, ny = y + dy
                    if nx >= 0, nx < width, ny < height { working[ny * width + nx] += error * share }
                }
            }
        }
        return chosen
    }

    /// The nearest candidate; the lower one on a tie.
    private func nearest(to level: Float) -> Int {
        var best = 0
        for index in candidates.indices.dropFirst() where abs(level - candidates[index]) < abs(level - candidates[best]) {
            best = index
        }
        return best
    }

    /// Floyd–Steinberg: 7/16 of the error to the right, 3/16 down-left, 5/16 down, 1/16 down-right.
    private static let errorShares: [(dx: Int, dy: Int, share: Float)] = [(1, 0, 7 / 16), (-1, 1, 3 / 16), (0, 1, 5 / 16), (1, 1, 1 / 16)]

    /// The 4 × 4 Bayer matrix: each threshold as far as possible from the previous ones.
    private static let bayer: [[Float]] = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]]
}
