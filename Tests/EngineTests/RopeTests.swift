import Foundation
import Testing
@testable import Engine

/// Rotary embeddings in both GGUF layouts, with frequency factors and linear scaling, against
/// rotations computed in double precision.
@Suite struct RopeTests {
    static let headDim = 16, heads = 2

    static func rotated(_ rope: Rope, position: Int, _ x: [Float]) -> [Float] {
        var table = [Float](repeating: 0, count: rope.dimensions), v = x
        rope.fillTable(position: position, into: &table)
        rope.apply(&v, heads: heads, headDim: headDim, table: table)
        return v
    }

    /// The pairs of a layout: (i, j) rotated by angle pair index p.
    static func expected(_ x: [Float], position: Int, dims: Int, base: Double, neox: Bool,
                         scale: Double = 1, factors: [Double]? = nil) -> [Double] {
        var out = x.map(Double.init)
        for h in 0 ..< heads {
            for p in 0 ..< dims / 2 {
                let (i, j) = neox ? (p, p + dims / 2) : (2 * p, 2 * p + 1)
                let angle = scale * Double(position) * Foundation.pow(base, -2 * Double(p) / Double(dims)) / (factors?[p] ?? 1)
                let x0 = Double(x[h * headDim + i]), x1 = Double(x[h * headDim + j])
                out[h * headDim + i] = x0 * Foundation.cos(angle) - x1 * Foundation.sin(angle)
                out[h * headDim + j] = x0 * Foundation.sin(angle) + x1 * Foundation.cos(angle)
            }
        }
        return out
    }

    static let input: [Float] = (0 ..< heads * headDim).map { Float(($0 * 37) % 23) / 11 - 1 }

    static func close(_ a: [Float], _ b: [Double], _ label: String) {
        for (i, (x, y)) in zip(a, b).enumerated() { #expect(abs(Double(x) - y) < 2e-5, "\(label): element \(i)") }
    }

    @Test(arguments: [false, true])
    func bothLayoutsRotateTheirPairs(neox: Bool) {
        let rope = Rope(dimensions: Self.headDim, base: 10000, layout: neox ? .neox : .normal)
        for position in [0, 1, 7, 300] {
            Self.close(Self.rotated(rope, position: position, Self.input),
                       Self.expected(Self.input, position: position, dims: Self.headDim, base: 10000, neox: neox), "position \(position)")
        }
        #expect(Self.rotated(rope, position: 0, Self.input) == Self.input)
    }

    @Test func partialRotationLeavesTheRestOfEachHead() {
        let rope = Rope(dimensions: 8, base: 500, layout: .neox)
        let out = Self.rotated(rope, position: 5, Self.input)
        Self.close(out, Self.expected(Self.input, position: 5, dims: 8, base: 500, neox: true), "dims 8")
        for h in 0 ..< Self.heads { #expect(out[h * 16 + 8 ..< h * 16 + 16] == Self.input[h * 16 + 8 ..< h * 16 + 16]) }
    }

    @Test func factorsAndLinearScalingSlowThePairsDown() {
        let factors: [Float] = [1, 1, 2, 4, 8, 8, 16, 32]
        let rope = Rope(dimensions: Self.headDim, base: 10000, frequencyScale: 0.25, factors: factors)
        Self.close(Self.rotated(rope, position: 123, Self.input),
                   Self.expected(Self.input, position: 123, dims: Self.headDim, base: 10000, neox: false,
                                 scale: 0.25, factors: factors.map(Double.init)), "scaled")
        // Factors of one and no scaling are the plain rope, bit for bit.
        let plain = Rope(dimensions: Self.headDim, base: 10000)
        let ones = Rope(dimensions: Self.headDim, base: 10000, factors: [Float](repeating: 1, count: 8))
        #expect(Self.rotated(ones, position: 77, Self.input) == Self.rotated(plain, position: 77, Self.input))
    }
}
