import CKernels
import Foundation
import Testing
@testable import Engine

/// The gated activations of the feed-forward block.
@Suite struct ActivationKernelTests {
    /// GELU's tanh form, through ggml's table of halves: the input is rounded to half, the
    /// table holds the float formula rounded to half, ±10 are the cut-offs.
    @Test func gegluLooksUpTheHalfPrecisionTable() {
        var rng = SeededGenerator(seed: 11)
        let g = (0 ..< 4000).map { _ in rng.nextUnit() * 26 - 13 } + [-10, 10, -9.999, 9.999, 0, -0.0, 0x1p-20]
        let u = g.indices.map { _ in rng.nextUnit() * 4 - 2 }
        var y = [Float](repeating: 0, count: g.count)
        gp_geglu(Int64(g.count), &y, g, u)
        for i in g.indices {
            let expected: Float
            if g[i] <= -10 { expected = 0 } else if g[i] >= 10 { expected = g[i] * u[i] } else {
                let h = gp_float_to_half(g[i])
                expected = gp_half_to_float(gp_float_to_half(gp_gelu_tanh(gp_half_to_float(h)))) * u[i]
            }
            #expect(y[i].bitPattern == expected.bitPattern, "g = \(g[i])")
        }
    }

    @Test func theFloatGeluIsTheTanhFormula() {
        for x in stride(from: Float(-8), through: 8, by: 0.37) {
            let d = Double(x)
            let exact = 0.5 * d * (1 + Foundation.tanh((2 / Double.pi).squareRoot() * (d + 0.044715 * d * d * d)))
            #expect(abs(Double(gp_gelu_tanh(x)) - exact) <= 2e-7 * max(1, abs(exact)), "x = \(x)")
        }
    }

    @Test func swigluIsSiluTimesUp() {
        let g: [Float] = (0 ..< 37).map { Float($0) * 0.5 - 9 }, u = g.map { 1 - $0 * 0.25 }
        var y = [Float](repeating: 0, count: g.count)
        gp_swiglu(Int64(g.count), &y, g, u)
        for i in g.indices {
            let exact = Double(g[i]) / (1 + Foundation.exp(-Double(g[i]))) * Double(u[i])
            #expect(abs(Double(y[i]) - exact) <= 1e-5 * max(1, abs(exact)))
        }
    }
}
