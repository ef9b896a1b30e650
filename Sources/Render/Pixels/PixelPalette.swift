/// How values become colours. Rendering first turns each value into a unit level in 0...1
/// (`level(_:)`), then the level into a colour (`color(atLevel:)`).
public enum PixelPalette: Equatable, Sendable {
    /// 0 black … 1 white; values outside are clamped.
    case gray
    /// Signed values: 0 → a neutral near-white, −scale → saturated blue, +scale → saturated
    /// red (ColorBrewer's RdBu); values beyond ±scale are clamped.
    /// A zero or non-finite scale acts as 1; a negative one as its magnitude.
    case diverging(scale: Float)

    /// The values the palette spans, lowest first (what a `ColorBar` labels).
    public var range: ClosedRange<Float> {
        switch self {
        case .gray: return 0 ... 1
        case .diverging: return -divergingScale ... divergingScale
        }
    }

    /// A value's place in the palette, 0...1. NaN goes to black (grey) or neutral (diverging).
    public func level(_ value: Float) -> Float {
        switch self {
        case .gray:
            return value.isNaN ? 0 : min(max(value, 0), 1)
        case .diverging:
            return value.isNaN ? 0.5 : min(max((value / divergingScale + 1) / 2, 0), 1)
        }
    }

    /// The colour for a unit level (clamped to 0...1).
    public func color(atLevel level: Float) -> RGB {
        let t = level.isNaN ? 0 : min(max(level, 0), 1)
        switch self {
        case .gray:
            let grey = UInt8((t * 255).rounded())
            return RGB(grey, grey, grey)
        case .diverging:
            let position = t * Float(Self.divergingStops.count - 1)
            let index = min(Int(position), Self.divergingStops.count - 2)
            return Self.divergingStops[index].mixed(with: Self.divergingStops[index + 1], Double(position - Float(index)))
        }
    }

    /// A usable scale: its magnitude; a zero or non-finite one acts as 1.
    private var divergingScale: Float {
        guard case .diverging(let scale) = self, scale.isFinite, scale != 0 else { return 1 }
        return abs(scale)
    }

    /// RdBu with five classes, from −scale to +scale.
    private static let divergingStops = [
        RGB(0x05, 0x71, 0xB0), RGB(0x92, 0xC5, 0xDE), RGB(0xF7, 0xF7, 0xF7), RGB(0xF4, 0xA5, 0x82), RGB(0xCA, 0x00, 0x20),
    ]
}
