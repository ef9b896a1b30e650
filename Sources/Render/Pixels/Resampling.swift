/// Resizing a grid of levels, one axis at a time: an axis that shrinks averages the source
/// pixels each target pixel covers (partial pixels by their covered fraction), so thin lines
/// fade instead of vanishing; an axis that grows interpolates linearly between pixel centres,
/// so a 28-pixel image stretched to 40 columns has no uneven doubled columns.
enum Resampling {
    /// `image` resized to `width × height` pixels (both at least 1; the image not empty).
    static func resized(_ image: PixelImage, width: Int, height: Int) -> PixelImage {
        let across = taps(from: image.width, to: width), down = taps(from: image.height, to: height)
        // Rows first (source height × target width), then columns.
        var wide = [Float](repeating: 0, count: width * image.height)
        for y in 0 ..< image.height {
            for x in 0 ..< width {
                wide[y * width + x] = across[x].reduce(0) { $0 + $1.weight * image.value(x: $1.index, y: y) }
            }
        }
        var out = [Float](repeating: 0, count: width * height)
        for y in 0 ..< height {
            for x in 0 ..< width {
                out[y * width + x] = down[y].reduce(0) { $0 + $1.weight * wide[$1.index * width + x] }
            }
        }
        return PixelImage(width: width, height: height, values: out)
    }

    struct Tap: Equatable {
        let index: Int
        let weight: Float
    }

    /// For each of `target` pixels along an axis, the source pixels it is made of and their
    /// weights (summing to 1).
    static func taps(from source: Int, to target: Int) -> [[Tap]] {
        if source == target { return (0 ..< target).map { [Tap(index: $0, weight: 1)] } }
        let ratio = Double(source) / Double(target)
        return (0 ..< target).map { i in
            if source > target {
                let start = Double(i) * ratio, end = Double(i + 1) * ratio
                return (Int(start) ..< min(source, Int(end.rounded(.up)))).compactMap { j in
                    let covered = min(end, Double(j + 1)) - max(start, Double(j))
                    return covered > 0 ? Tap(index: j, weight: Float(covered / ratio)) : nil
                }
            }
            let centre = min(max((Double(i) + 0.5) * ratio - 0.5, 0), Double(source - 1))
            let left = Int(centre), fraction = centre - Double(left)
            return fraction == 0 ? [Tap(index: left, weight: 1)]
                : [Tap(index: left, weight: Float(1 - fraction)), Tap(index: left + 1, weight: Float(fraction))]
        }
    }
}
