/// An 8-bit greyscale picture, row-major, 0 = black. What the image networks produce, on its
/// way to a file or the terminal.
public struct GrayImage: Equatable, Sendable {
    public let width, height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// From grey levels in 0...1 (clamped, rounded to the nearest of 256 levels).
    public init<C: Collection>(unit values: C, width: Int, height: Int) where C.Element == Float {
        self.init(width: width, height: height, pixels: values.map { UInt8((min(max($0, 0), 1) * 255).rounded()) })
    }

    /// Grey level of a pixel in 0...1.
    public func unit(x: Int, y: Int) -> Float { Float(pixels[y * width + x]) / 255 }

    /// Images in rows of `columns`, `padding` pixels of `background` around and between them.
    public static func grid(_ images: [GrayImage], columns: Int, padding: Int = 2, background: UInt8 = 0) -> GrayImage {
        precondition(!images.isEmpty && columns > 0)
        let w = images.map(\.width).max()!, h = images.map(\.height).max()!
        let cols = min(columns, images.count), rows = (images.count + cols - 1) / cols
        let width = cols * (w + padding) + padding, height = rows * (h + padding) + padding
        var pixels = [UInt8](repeating: background, count: width * height)
        for (i, image) in images.enumerated() {
            let x0 = padding + (i % cols) * (w + padding), y0 = padding + (i / cols) * (h + padding)
            for y in 0 ..< image.height {
                for x in 0 ..< image.width { pixels[(y0 + y) * width + x0 + x] = image.pixels[y * image.width + x] }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Every pixel repeated `factor` × `factor` times (nearest neighbour), for viewing small images.
    public func scaled(by factor: Int) -> GrayImage {
        precondition(factor >= 1)
        var out = [UInt8](repeating: 0, count: width * height * factor * factor)
        let w = width * factor
        for y in 0 ..< height * factor {
            for x in 0 ..< w { out[y * w + x] = pixels[(y / factor) * width + x / factor] }
        }
        return GrayImage(width: w, height: height * factor, pixels: out)
    }
}
