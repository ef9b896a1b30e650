/// A canvas of braille dots, 2 × 4 per cell, for plots: line charts (a noise schedule with the
/// current step marked) and scatter plots (latents coloured by class).
///
/// Points are given in data coordinates: `xRange` spans the canvas from left to right,
/// `yRange` from bottom to top. Points outside are left out; lines are cut at the edges.
/// A cell shows one colour: the last one plotted in it.
public struct BrailleCanvas: Sendable {
    /// In cells.
    public let width: Int
    public let height: Int
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    private var dots: [UInt8]
    private var colors: [RGB?]

    /// A blank canvas of `width × height` cells (negative sizes act as 0).
    public init(width: Int, height: Int, xRange: ClosedRange<Double> = 0 ... 1, yRange: ClosedRange<Double> = 0 ... 1) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.xRange = xRange
        self.yRange = yRange
        dots = Array(repeating: 0, count: self.width * self.height)
        colors = Array(repeating: nil, count: self.width * self.height)
    }

    /// Dots across and down.
    public var dotWidth: Int { width * 2 }
    public var dotHeight: Int { height * 4 }

    /// Raises the dot nearest to (x, y); `color` nil draws in the style given to `draw`.
    public mutating func plot(x: Double, y: Double, color: RGB? = nil) {
        guard let dot = dotPosition(x: x, y: y) else { return }
        let column = dot.x.rounded(), row = dot.y.rounded()
        guard column >= 0, row >= 0, column < Double(dotWidth), row < Double(dotHeight) else { return }
        raise(column: Int(column), row: Int(row), color: color)
    }

    /// A straight line of dots from (x0, y0) to (x1, y1), ends included.
    public mutating func line(x0: Double, y0: Double, x1: Double, y1: Double, color: RGB? = nil) {
        guard let start = dotPosition(x: x0, y: y0), let end = dotPosition(x: x1, y: y1),
              let (from, to) = clipped(start, end) else { return }
        // A dot at every step along the longer axis.
        let steps = Int(max(abs(to.x - from.x), abs(to.y - from.y)).rounded())
        for step in 0 ... steps {
            let t = steps == 0 ? 0 : Double(step) / Double(steps)
            let column = Int((from.x + (to.x - from.x) * t).rounded()), row = Int((from.y + (to.y - from.y) * t).rounded())
            // The clipped ends lie up to half a dot outside the outermost dots' centres.
            raise(column: min(max(column, 0), dotWidth - 1), row: min(max(row, 0), dotHeight - 1), color: color)
        }
    }

    /// Joins the points in order with lines (a curve through sampled values).
    public mutating func polyline(_ points: [(x: Double, y: Double)], color: RGB? = nil) {
        if points.count == 1 { plot(x: points[0].x, y: points[0].y, color: color) }
        for (a, b) in zip(points, points.dropFirst()) { line(x0: a.x, y0: a.y, x1: b.x, y1: b.y, color: color) }
    }

    /// Removes every dot.
    public mutating func clear() {
        dots = Array(repeating: 0, count: dots.count)
        colors = Array(repeating: nil, count: colors.count)
    }

    /// Draws the cells that have dots, with their top left at `origin` (clipped); cells without
    /// dots are left as they are, so a canvas can go over axes or a background.
    public func draw(into grid: inout CellGrid, at origin: Point, style: CellStyle) {
        for index in dots.indices where dots[index] != 0 {
            var cellStyle = style
            if let color = colors[index] { cellStyle.foreground = .rgb(color) }
            grid.put(Braille.character(dots[index]), width: 1, x: origin.x + index % width, y: origin.y + index / width, style: cellStyle)
        }
    }

    // MARK: Private

    private mutating func raise(column: Int, row: Int, color: RGB?) {
        let index = (row / 4) * width + column / 2
        dots[index] |= Braille.bit(column: column % 2, row: row % 4)
        colors[index] = color
    }

    /// Data coordinates → dot coordinates (0 at the left and top, not rounded); nil for NaN
    /// or infinity. A range of zero or infinite width puts everything at its start.
    private func dotPosition(x: Double, y: Double) -> (x: Double, y: Double)? {
        guard x.isFinite, y.isFinite else { return nil }
        func fraction(_ value: Double, in range: ClosedRange<Double>) -> Double {
            let span = range.upperBound - range.lowerBound
            return span > 0 && span.isFinite ? (value - range.lowerBound) / span : 0
        }
        let column = fraction(x, in: xRange) * Double(dotWidth - 1)
        let row = (1 - fraction(y, in: yRange)) * Double(dotHeight - 1)
        return column.isFinite && row.isFinite ? (column, row) : nil
    }

    /// The part of the segment inside the dot area (Liang–Barsky), nil when none is.
    private func clipped(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard dotWidth > 0, dotHeight > 0 else { return nil }
        let dx = b.x - a.x, dy = b.y - a.y
        var enter = 0.0, leave = 1.0
        // For each edge: p·t ≤ q keeps the point inside.
        for (p, q) in [(-dx, a.x + 0.5), (dx, Double(dotWidth) - 0.5 - a.x), (-dy, a.y + 0.5), (dy, Double(dotHeight) - 0.5 - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else if p < 0 {
                enter = max(enter, q / p)
            } else {
                leave = min(leave, q / p)
            }
        }
        let from = (x: a.x + dx * enter, y: a.y + dy * enter), to = (x: a.x + dx * leave, y: a.y + dy * leave)
        // Ends so far apart that their difference overflows give NaN here: nothing to draw.
        guard enter <= leave, from.x.isFinite, from.y.isFinite, to.x.isFinite, to.y.isFinite else { return nil }
        return (from, to)
    }
}
