/// A picture as an image screen shows it and an export writes it: the model's values, how they
/// become grey levels or colours, and a caption.
public struct ImagePanel: Equatable, Sendable {
    public enum Scale: Equatable, Sendable {
        /// Grey levels 0...1 (the VAEs' images).
        case unit
        /// The diffusion model's and GAN's range [−1, 1]; noise beyond it is clipped.
        case signed
        /// Signed values within ±scale: blue negative, red positive (grey in image files).
        case diverging(Float)
    }

    public let caption: String
    public let values: [Float]
    public let width: Int
    public let height: Int
    public let scale: Scale

    /// A square `size × size` picture.
    public init(_ caption: String, _ values: [Float], size: Int, scale: Scale) {
        self.caption = caption
        self.values = values
        width = size
        height = size
        self.scale = scale
    }

    /// A value's grey level in 0...1: what an image file stores.
    public func level(_ value: Float) -> Float {
        let unit: Float = switch scale {
        case .unit: value
        case .signed: (value + 1) / 2
        case .diverging(let scale): (value / max(abs(scale), .leastNormalMagnitude) + 1) / 2
        }
        return unit.isNaN ? 0 : min(max(unit, 0), 1)
    }

    /// The grey levels of every pixel, row-major.
    public var levels: [Float] { values.map(level) }
}
