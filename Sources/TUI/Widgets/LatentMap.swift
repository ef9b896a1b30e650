import Render

/// A rectangle of cells standing for a region of a 2-D latent plane (y up), for the VAE map:
/// where a latent point falls, which point a cell shows.
struct LatentMapping: Equatable {
    let rect: Rect
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>

    /// The region spanned by `low ... high`, with `margin` of its size added on every side.
    init(rect: Rect, low: LatentPoint, high: LatentPoint, margin: Double = Self.margin) {
        self.rect = rect
        (xRange, yRange) = Self.region(low: low, high: high, margin: margin)
    }

    static let margin = 0.1

    /// The plane's region a map of the points in `low ... high` shows.
    static func region(low: LatentPoint, high: LatentPoint, margin: Double = margin) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let dx = Double(high.x - low.x) * margin, dy = Double(high.y - low.y) * margin
        return (Double(low.x) - dx ... max(Double(high.x) + dx, Double(low.x) - dx + 1e-6),
                Double(low.y) - dy ... max(Double(high.y) + dy, Double(low.y) - dy + 1e-6))
    }

    /// `point` moved to the nearest place the map of `low ... high` shows, so a cursor stays on it.
    static func clamped(_ point: LatentPoint, low: LatentPoint, high: LatentPoint) -> LatentPoint {
        let (x, y) = region(low: low, high: high)
        // An edge at the right or the bottom (y up) is the next cell over, off the map: stop just short.
        func clamp(_ value: Float, _ range: ClosedRange<Double>) -> Float {
            let inset = (range.upperBound - range.lowerBound) * 1e-4
            return Float(min(max(Double(value), range.lowerBound + inset), range.upperBound - inset))
        }
        return LatentPoint(x: clamp(point.x, x), y: clamp(point.y, y))
    }

    /// The cell showing `point`; nil outside the rectangle.
    func cell(of point: LatentPoint) -> Point? {
        let fx = (Double(point.x) - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
        let fy = (yRange.upperBound - Double(point.y)) / (yRange.upperBound - yRange.lowerBound)
        guard fx >= 0, fx < 1, fy >= 0, fy < 1 else { return nil }
        return Point(x: rect.x + Int(fx * Double(rect.width)), y: rect.y + Int(fy * Double(rect.height)))
    }

    /// The latent point at the centre of `cell`; nil outside the rectangle.
    func latent(at cell: Point) -> LatentPoint? {
        guard cell.x >= rect.x, cell.x < rect.maxX, cell.y >= rect.y, cell.y < rect.maxY else { return nil }
        let fx = (Double(cell.x - rect.x) + 0.5) / Double(rect.width), fy = (Double(cell.y - rect.y) + 0.5) / Double(rect.height)
        return LatentPoint(x: Float(xRange.lowerBound + fx * (xRange.upperBound - xRange.lowerBound)),
                           y: Float(yRange.upperBound - fy * (yRange.upperBound - yRange.lowerBound)))
    }

    /// The points as braille dots, coloured by class (no colours in a monochrome theme), over
    /// the axes through the origin.
    func draw(_ points: [VAEScatter.Point], colored: Bool, theme: Theme, grid: inout CellGrid) {
        var canvas = BrailleCanvas(width: rect.width, height: rect.height, xRange: xRange, yRange: yRange)
        let axis = colored ? RGB(0x60, 0x60, 0x60) : nil
        canvas.line(x0: xRange.lowerBound, y0: 0, x1: xRange.upperBound, y1: 0, color: axis)
        canvas.line(x0: 0, y0: yRange.lowerBound, x1: 0, y1: yRange.upperBound, color: axis)
        for point in points {
            canvas.plot(x: Double(point.position.x), y: Double(point.position.y), color: colored ? ClassColors.color(point.label) : nil)
        }
        canvas.draw(into: &grid, at: Point(x: rect.x, y: rect.y), style: theme[.muted])
    }
}

/// A colour per class (matplotlib's tab10), for scatter points and their legend.
enum ClassColors {
    static let colors: [RGB] = [
        RGB(0x1F, 0x77, 0xB4), RGB(0xFF, 0x7F, 0x0E), RGB(0x2C, 0xA0, 0x2C), RGB(0xD6, 0x27, 0x28), RGB(0x94, 0x67, 0xBD),
        RGB(0x8C, 0x56, 0x4B), RGB(0xE3, 0x77, 0xC2), RGB(0x9A, 0x9A, 0x9A), RGB(0xBC, 0xBD, 0x22), RGB(0x17, 0xBE, 0xCF),
    ]

    static func color(_ label: Int) -> RGB { colors[(label % colors.count + colors.count) % colors.count] }
}
