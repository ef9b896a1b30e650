import Foundation

/// Standard normal floats from a seeded xoshiro stream (Box–Muller; both values of a pair are
/// used). `stream` picks an independent sequence for the same seed, so "the noise of step i"
/// can be drawn again without replaying the steps before it.
public struct GaussianGenerator: Sendable {
    private var uniform: SeededGenerator
    private var spare: Float?

    public init(seed: UInt64, stream: UInt64 = 0) {
        uniform = SeededGenerator(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ (stream << 32 | stream >> 32))
    }

    public mutating func next() -> Float {
        if let s = spare {
            spare = nil
            return s
        }
        let u1 = (Double(uniform.next() >> 11) + 1) * 0x1p-53 // (0, 1]: the logarithm stays finite
        let u2 = Double(uniform.next() >> 11) * 0x1p-53
        let r = (-2 * log(u1)).squareRoot(), angle = 2 * Double.pi * u2
        spare = Float(r * sin(angle))
        return Float(r * cos(angle))
    }

    public mutating func values(_ count: Int) -> [Float] { (0 ..< count).map { _ in next() } }
}
