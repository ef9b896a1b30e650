/// Row-major float picture: what a model hands to the renderer.
///
/// Grey images: 0 = black … 1 = white. Signed maps (noise, latents): any range, drawn with a
/// diverging palette (see `PixelPalette`). NaN and infinite values are allowed; the renderer
/// draws NaN as black (grey) or neutral (diverging).
public struct PixelImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `width × height` values, row by row. If changed to another count, missing pixels draw as 0.
    public var values: [Float]

    /// Negative sizes become 0; `values` is cut or padded with 0 to `width × height`.
    public init(width: Int, height: Int, values: [Float]) {
        let width = max(0, width), height = max(0, height)
        let (area, overflow) = width.multipliedReportingOverflow(by: height)
        self.width = overflow ? 0 : width
        self.height = overflow ? 0 : height
        let count = overflow ? 0 : area
        self.values = values.count == count ? values
            : Array(values.prefix(count)) + Array(repeating: 0, count: max(0, count - values.count))
    }

    /// From model output in [-1, 1]: maps to 0...1 ((v + 1) / 2), clamped.
    public init(signedUnit values: [Float], width: Int, height: Int) {
        self.init(width: width, height: height, values: values.map { v in
            v.isNaN ? 0 : min(max((v + 1) / 2, 0), 1)
        })
    }

    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The value at (x, y); 0 where `values` is too short.
    @inline(__always)
    func value(x: Int, y: Int) -> Float {
        let index = y * width + x
        return index < values.count ? values[index] : 0
    }
}
