import CKernels
import Foundation
import Testing
@testable import Engine

/// The suites that flip the global AVX2/portable switch (`gp_set_portable`), nested here so they
/// run one test at a time together: two separately serialized suites could interleave.
@Suite(.serialized) enum PortableSwitchTests {}

extension PortableSwitchTests {
/// Quantized blocks built by hand, dequantized and dotted; the AVX2 and portable paths must
/// agree bit for bit.
@Suite struct KernelTests {
    static func half(_ f: Float) -> UInt16 { gp_float_to_half(f) }

    @Test func halfConversionRoundsToNearestEven() {
        #expect(Self.half(1) == 0x3C00)
        #expect(Self.half(-2) == 0xC000)
        #expect(Self.half(65504) == 0x7BFF)
        #expect(Self.half(65520) == 0x7C00) // rounds up to infinity
        #expect(Self.half(1 + 0x1p-11) == 0x3C00) // halfway: to even
        #expect(Self.half(1 + 3 * 0x1p-11) == 0x3C02)
        #expect(Self.half(0x1p-24) == 0x0001) // smallest subnormal
        #expect(Self.half(0x1p-26) == 0x0000)
        #expect(gp_half_to_float(0x0001) == 0x1p-24)
        #expect(gp_half_to_float(0x7C00) == .infinity)
        #expect(gp_half_to_float(0x7E00).isNaN)
        // Every half survives a round trip.
        for h in UInt16(0) ... UInt16.max where (h & 0x7C00) != 0x7C00 { #expect(Self.half(gp_half_to_float(h)) == h) }
    }

    @Test func q8_0BlockDequantizes() {
        var block = gp_block_q8_0()
        block.d = Self.half(0.5)
        withUnsafeMutableBytes(of: &block.qs) { q in for j in 0 ..< 32 { q[j] = UInt8(bitPattern: Int8(j - 16)) } }
        var out = [Float](repeating: 0, count: 32)
        gp_dequantize_q8_0(&block, &out, 32)
        #expect(out == (0 ..< 32).map { Float($0 - 16) * 0.5 })
    }

    @Test func q4_0BlockDequantizes() {
        var block = gp_block_q4_0()
        block.d = Self.half(2)
        // byte j: low nibble = element j, high nibble = element j + 16
        withUnsafeMutableBytes(of: &block.qs) { q in for j in 0 ..< 16 { q[j] = UInt8(j) | UInt8(15 - j) << 4 } }
        var out = [Float](repeating: 0, count: 32)
        gp_dequantize_q4_0(&block, &out, 32)
        let low: [Float] = (0 ..< 16).map { Float($0 - 8) * 2 }
        let high: [Float] = (0 ..< 16).map { Float(7 - $0) * 2 }
        #expect(out == low + high)
    }

    @Test func q4_1BlockDequantizes() {
        var block = gp_block_q4_1()
        block.d = Self.half(0.25)
        block.m = Self.half(-1)
        withUnsafeMutableBytes(of: &block.qs) { q in for j in 0 ..< 16 { q[j] = UInt8(j) | UInt8(j) << 4 } }
        var out = [Float](repeating: 0, count: 32)
        gp_dequantize_q4_1(&block, &out, 32)
        let expected = (0 ..< 16).map { Float($0) * 0.25 - 1 }
        #expect(out == expected + expected)
    }

    @Test func q8QuantizationMatchesTheFormula() {
        let x = (0 ..< 32).map { Float($0) - 10.5 }
        var q8 = gp_block_q8_1()
        gp_quantize_q8_1(x, &q8, 32)
        let amax: Float = 20.5, d = amax / 127
        #expect(q8.d == Self.half(d))
        let qs = withUnsafeBytes(of: q8.qs) { Array($0).map { Int8(bitPattern: $0) } }
        #expect(qs == x.map { Int8(($0 * (127 / amax)).rounded(.toNearestOrEven)) })
        #expect(q8.s == Self.half(d * Float(qs.reduce(0) { $0 + Int($1) })))
    }

    /// Random rows of every quantized type: AVX2 and portable dot products give identical bits
    /// and stay close to the exact (double) product of the dequantized values.
    @Test(arguments: [GGMLType.q4_0, .q4_1, .q8_0])
    func dotProductsAgreeAcrossPaths(_ type: GGMLType) {
        var rng = SeededGenerator(seed: 99)
        let n = 256, rows = 9
        let weights = (0 ..< rows * n).map { _ in rng.nextUnit() * 2 - 1 }
        let activation = (0 ..< n).map { _ in rng.nextUnit() * 4 - 2 }
        let wBytes = quantizeWeights(weights, type: type, n: n)
        let traits = type.traits!
        let rowBytes = type.rowBytes(n)
        var prepared = [UInt8](repeating: 0, count: gp_activation_row_bytes(traits, Int64(n)))
        gp_prepare_activations(traits, activation, Int64(n), 1, &prepared)
        func run(portable: Bool) -> [Float] {
            gp_set_portable(portable ? 1 : 0)
            defer { gp_set_portable(0) }
            var out = [Float](repeating: 0, count: rows)
            var dots = gp_row_dots_for(traits, 1, Int64(n))
            gp_matmul(&dots, wBytes, rowBytes, Int64(n), prepared, prepared.count, 1, 1, 0, &out, Int64(rows), 0, Int64(rows))
            return out
        }
        let fast = run(portable: false), portable = run(portable: true)
        #expect(fast.map(\.bitPattern) == portable.map(\.bitPattern))
        for r in 0 ..< rows {
            var row = [Float](repeating: 0, count: n)
            wBytes.withUnsafeBytes { traits.pointee.to_float($0.baseAddress! + r * rowBytes, &row, Int64(n)) }
            let exact = zip(row, activation).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            #expect(abs(Double(fast[r]) - exact) < 0.05 * max(1, abs(exact)), "row \(r): \(fast[r]) vs \(exact)")
        }
    }

    /// Rows repacked four at a time give the same bits as the row-by-row kernels, for one
    /// activation row (decoding) and several (prompt processing), on both paths.
    @Test(arguments: [GGMLType.q4_1, .q8_0, .q5_0])
    func packedRowsMatchRowByRow(_ type: GGMLType) {
        var rng = SeededGenerator(seed: 3)
        let n = 96, rows = 12, tokens = 3
        let weights = quantizeWeights((0 ..< rows * n).map { _ in rng.nextUnit() - 0.5 }, type: type, n: n)
        let activations = (0 ..< tokens * n).map { _ in rng.nextUnit() * 2 - 1 }
        let traits = type.traits!, packing = traits.pointee.packing.pointee
        let stride = gp_activation_row_bytes(traits, Int64(n))
        var prepared = [UInt8](repeating: 0, count: stride * tokens)
        gp_prepare_activations(traits, activations, Int64(n), Int64(tokens), &prepared)
        var packed = [UInt8](repeating: 0, count: packing.bytes(Int64(rows), Int64(n)))
        packing.pack(weights, type.rowBytes(n), Int64(rows), Int64(n), &packed)
        for portable in [false, true] {
            gp_set_portable(portable ? 1 : 0)
            defer { gp_set_portable(0) }
            for count in [1, tokens] {
                var expected = [Float](repeating: 0, count: rows * count), got = expected
                var dots = gp_row_dots_for(traits, 1, Int64(n))
                gp_matmul(&dots, weights, type.rowBytes(n), Int64(n), prepared, stride, Int64(count), Int64(count), 0, &expected, Int64(rows), 0, Int64(rows))
                packing.matmul(packed, Int64(n), prepared, stride, Int64(count), &got, Int64(rows), 4, Int64(rows))
                packing.matmul(packed, Int64(n), prepared, stride, Int64(count), &got, Int64(rows), 0, 4)
                #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "portable: \(portable), rows of \(count)")
            }
        }
    }

    @Test func f16DotFollowsGgmlOrderOnBothPaths() {
        var rng = SeededGenerator(seed: 5)
        let n = 100 // 3 chunks of 32 and a tail of 4
        let a = (0 ..< n).map { _ in Self.half(rng.nextUnit() - 0.5) }
        let b = (0 ..< n).map { _ in Self.half(rng.nextUnit() - 0.5) }
        let fast = gp_dot_f16(Int64(n), a, b)
        gp_set_portable(1)
        let portable = gp_dot_f16(Int64(n), a, b)
        gp_set_portable(0)
        #expect(fast.bitPattern == portable.bitPattern)
        let exact = zip(a, b).reduce(0.0) { $0 + Double(gp_half_to_float($1.0)) * Double(gp_half_to_float($1.1)) }
        #expect(abs(Double(fast) - exact) < 1e-5)
    }

    /// tinyBLAS (llama.cpp's prompt-batch matmul for float weights): one 8-lane FMA chain per
    /// output, halves added 4 + 4, 2 + 2, 1 + 1, on both paths.
    @Test func floatTiledDotsFollowTinyBlasOrderOnBothPaths() {
        var rng = SeededGenerator(seed: 6)
        let n = 96
        let a = (0 ..< n).map { _ in rng.nextUnit() - 0.5 }, b = (0 ..< n).map { _ in rng.nextUnit() - 0.5 }
        func tinyBlasOrder(_ a: [Float], _ b: [Float]) -> Float {
            var lanes = [Float](repeating: 0, count: 8)
            for i in stride(from: 0, to: a.count, by: 8) { for l in 0 ..< 8 { lanes[l].addProduct(a[i + l], b[i + l]) } }
            let t = (0 ..< 4).map { lanes[$0 + 4] + lanes[$0] }
            return (t[0] + t[2]) + (t[1] + t[3])
        }
        let ah = a.map(Self.half), bh = b.map(Self.half)
        let expected = tinyBlasOrder(a, b), expectedHalf = tinyBlasOrder(ah.map(gp_half_to_float), bh.map(gp_half_to_float))
        for portable in [false, true] {
            gp_set_portable(portable ? 1 : 0)
            defer { gp_set_portable(0) }
            #expect(gp_dot_f32_tiled(Int64(n), a, b).bitPattern == expected.bitPattern)
            #expect(gp_dot_f16_tiled(Int64(n), ah, bh).bitPattern == expectedHalf.bitPattern)
        }
    }

    /// The matmul takes tinyBLAS's arithmetic for batches of two or more, for matrices it tiles.
    @Test(arguments: [(rows: 4, batch: 2, tiled: true), (rows: 4, batch: 1, tiled: false), (rows: 6, batch: 2, tiled: false)])
    func floatMatmulTakesTinyBlasForPromptBatches(_ c: (rows: Int, batch: Int, tiled: Bool)) {
        var rng = SeededGenerator(seed: 7)
        let n = 64
        let w = (0 ..< c.rows * n).map { _ in rng.nextUnit() - 0.5 }, x = (0 ..< n).map { _ in rng.nextUnit() - 0.5 }
        var dots = gp_row_dots_for(GGMLType.f32.traits!, Int64(c.rows), Int64(n))
        var out = [Float](repeating: 0, count: c.rows)
        gp_matmul(&dots, w, n * 4, Int64(n), x, n * 4, 1, Int64(c.batch), 0, &out, Int64(c.rows), 0, Int64(c.rows))
        let expected = (0 ..< c.rows).map { r in
            Array(w[r * n ..< (r + 1) * n]).withUnsafeBufferPointer { c.tiled ? gp_dot_f32_tiled(Int64(n), $0.baseAddress, x) : gp_dot_f32(Int64(n), $0.baseAddress, x) }
        }
        #expect(out.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test func vectorExpAndSwigluMatchOnBothPaths() {
        let x: [Float] = (0 ..< 203).map { Float($0) * 0.9 - 100 } // covers the |n| > 126 branches
        var fastY = [Float](repeating: 0, count: x.count), portableY = fastY
        let fastSum = gp_softmax_exp(Int64(x.count), &fastY, x, 3)
        gp_set_portable(1)
        let portableSum = gp_softmax_exp(Int64(x.count), &portableY, x, 3)
        var g = [Float](repeating: 0, count: x.count), pg = g
        gp_swiglu(Int64(x.count), &pg, x, x)
        gp_set_portable(0)
        gp_swiglu(Int64(x.count), &g, x, x)
        #expect(fastY.map(\.bitPattern) == portableY.map(\.bitPattern))
        #expect(fastSum == portableSum)
        #expect(g.map(\.bitPattern) == pg.map(\.bitPattern))
        for (v, y) in zip(x, fastY) where v - 3 > -80 {
            #expect(abs(y - expf(v - 3)) <= 2e-6 * expf(v - 3))
        }
    }

    /// Quantizes rows with the reference formulas (weights are packed like ggml's quantizers).
    func quantizeWeights(_ w: [Float], type: GGMLType, n: Int) -> [UInt8] {
        var out: [UInt8] = []
        for block in stride(from: 0, to: w.count, by: 32) {
            let x = Array(w[block ..< block + 32])
            func appendHalf(_ f: Float) { let h = Self.half(f); out.append(UInt8(h & 0xFF)); out.append(UInt8(h >> 8)) }
            switch type {
            case .q8_0:
                let amax = x.map(abs).max()!, d = amax / 127
                appendHalf(d)
                out += x.map { UInt8(bitPattern: Int8(($0 / d).rounded())) }
            case .q4_0:
                let m = x.max { abs($0) < abs($1) }!, d = m / -8
                appendHalf(d)
                let q = x.map { min(15, max(0, Int(($0 / d + 8.5)))) }
                out += (0 ..< 16).map { UInt8(q[$0] | q[$0 + 16] << 4) }
            case .q4_1:
                let lo = x.min()!, hi = x.max()!, d = (hi - lo) / 15
                appendHalf(d)
                appendHalf(lo)
                let q = x.map { min(15, max(0, Int((($0 - lo) / d + 0.5)))) }
                out += (0 ..< 16).map { UInt8(q[$0] | q[$0 + 16] << 4) }
            case .q5_0:
                let m = x.max { abs($0) < abs($1) }!, d = m / -16
                appendHalf(d)
                let q = x.map { min(31, max(0, Int($0 / d + 16.5))) }
                let qh = q.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element >> 4) << UInt32($1.offset) }
                out += withUnsafeBytes(of: qh.littleEndian) { Array($0) }
                out += (0 ..< 16).map { UInt8(q[$0] & 15 | (q[$0 + 16] & 15) << 4) }
            default: fatalError()
            }
        }
        return out
    }
}
}
