import Foundation

/// A legend for a `PixelPalette`: the palette as a bar, with its lowest, middle and highest
/// values as labels (for a diverging palette "-scale", "0", "+scale").
public struct ColorBar: Sendable {
    public enum Orientation: Sendable {
        /// Lowest on the left; labels in the row under the bar.
        case horizontal
        /// Highest at the top; labels right of the bar.
        case vertical
    }

    public var palette: PixelPalette
    public var orientation: Orientation
    public var labelStyle: CellStyle
    public var lowLabel: String
    public var middleLabel: String
    public var highLabel: String

    public init(palette: PixelPalette, orientation: Orientation = .horizontal, labelStyle: CellStyle = .plain) {
        self.palette = palette
        self.orientation = orientation
        self.labelStyle = labelStyle
        let range = palette.range
        let isSigned = range.lowerBound < 0
        lowLabel = String(format: "%g", Double(range.lowerBound))
        middleLabel = String(format: "%g", Double((range.lowerBound + range.upperBound) / 2))
        highLabel = String(format: isSigned ? "+%g" : "%g", Double(range.upperBound))
    }

    /// Draws into `rect`: the bar uses half-blocks, two palette samples a cell. Labels that do
    /// not fit are left out (the middle one first); a rect one cell thin gets only the bar.
    public func draw(into grid: inout CellGrid, in rect: Rect) {
        guard !rect.isEmpty else { return }
        grid.clipped(to: rect) { grid in
            switch orientation {
            case .horizontal: drawHorizontal(into: &grid, in: rect)
            case .vertical: drawVertical(into: &grid, in: rect)
            }
        }
    }

    private func drawHorizontal(into grid: inout CellGrid, in rect: Rect) {
        let (bar, labelRow) = rect.height > 1 ? rect.splitBottom(1) : (rect, Rect(x: rect.x, y: rect.maxY, width: rect.width, height: 0))
        // `▌`: the left half is the foreground.
        for column in 0 ..< bar.width {
            let style = CellStyle(foreground: .rgb(color(sample: 2 * column, of: 2 * bar.width)),
                                  background: .rgb(color(sample: 2 * column + 1, of: 2 * bar.width)))
            for y in bar.y ..< bar.maxY { grid.write("▌", x: bar.x + column, y: y, style: style) }
        }
        guard !labelRow.isEmpty else { return }
        let low = DisplayWidth.of(lowLabel), middle = DisplayWidth.of(middleLabel), high = DisplayWidth.of(highLabel)
        if low + high + 1 <= rect.width { grid.write(highLabel, x: rect.maxX - high, y: labelRow.y, style: labelStyle) }
        // The middle label only with a blank on each side.
        let middleX = rect.x + (rect.width - middle) / 2
        if middleX > rect.x + low, middleX + middle < rect.maxX - high {
            grid.write(middleLabel, x: middleX, y: labelRow.y, style: labelStyle)
        }
        grid.write(lowLabel, x: rect.x, y: labelRow.y, style: labelStyle)
    }

    private func drawVertical(into grid: inout CellGrid, in rect: Rect) {
        let labelWidth = [lowLabel, middleLabel, highLabel].map { DisplayWidth.of($0) }.max() ?? 0
        let hasLabels = rect.width >= labelWidth + 2
        let bar = hasLabels ? Rect(x: rect.x, y: rect.y, width: rect.width - labelWidth - 1, height: rect.height) : rect
        // `▀`: the upper half is the foreground; samples run from the top (highest) down.
        for row in 0 ..< bar.height {
            let style = CellStyle(foreground: .rgb(color(sample: 2 * bar.height - 1 - 2 * row, of: 2 * bar.height)),
                                  background: .rgb(color(sample: 2 * bar.height - 2 - 2 * row, of: 2 * bar.height)))
            for x in bar.x ..< bar.maxX { grid.write("▀", x: x, y: bar.y + row, style: style) }
        }
        guard hasLabels else { return }
        let labelX = bar.maxX + 1
        let middleRow = (rect.height - 1) / 2
        if rect.height >= 3 { grid.write(middleLabel, x: labelX, y: rect.y + middleRow, style: labelStyle) }
        if rect.height >= 2 { grid.write(lowLabel, x: labelX, y: rect.maxY - 1, style: labelStyle) }
        grid.write(highLabel, x: labelX, y: rect.y, style: labelStyle)
    }

    /// The colour of sample `index` of `count` evenly spaced over the palette, lowest first.
    private func color(sample index: Int, of count: Int) -> RGB {
        palette.color(atLevel: (Float(index) + 0.5) / Float(count))
    }
}
