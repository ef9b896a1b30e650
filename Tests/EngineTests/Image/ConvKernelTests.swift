import CKernels
import Foundation
import Testing
@testable import Engine

/// The convolution and spatial-attention kernels against plain loops in double, and the AVX2
/// and portable paths against each other, bit for bit.
extension PortableSwitchTests {
@Suite struct ConvKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let channels, batch, size, out, kernel, stride, pad: Int
        var outSize: Int { (size + 2 * pad - kernel) / stride + 1 }
        var testDescription: String { "\(channels)→\(out) \(kernel)×\(kernel)/\(stride) pad \(pad), batch \(batch), \(size)px" }
    }

    static let cases = [
        Case(channels: 3, batch: 1, size: 7, out: 5, kernel: 3, stride: 1, pad: 1),   // O < 6, N = 49: one tail strip
        Case(channels: 5, batch: 2, size: 9, out: 13, kernel: 3, stride: 1, pad: 1),  // strips cross rows and images
        Case(channels: 4, batch: 3, size: 8, out: 7, kernel: 3, stride: 2, pad: 1),   // gathered (stride 2)
        Case(channels: 6, batch: 2, size: 4, out: 12, kernel: 1, stride: 1, pad: 0),  // 1×1: read in place
        Case(channels: 2, batch: 1, size: 6, out: 3, kernel: 5, stride: 1, pad: 2),
    ]

    /// Plain convolution in double: out[o, b, y, x] = bias[o] + residual + Σ w · in.
    static func reference(_ c: Case, _ w: [Float], _ bias: [Float], _ input: [Float], _ residual: [Float]?) -> [Double] {
        let s = c.size, os = c.outSize, k = c.kernel
        var out = [Double](repeating: 0, count: c.out * c.batch * os * os)
        for o in 0 ..< c.out {
            for b in 0 ..< c.batch {
                for y in 0 ..< os {
                    for x in 0 ..< os {
                        let index = ((o * c.batch + b) * os + y) * os + x
                        var sum = Double(bias[o]) + Double(residual?[index] ?? 0)
                        for i in 0 ..< c.channels {
                            for ky in 0 ..< k {
                                for kx in 0 ..< k {
                                    let iy = y * c.stride + ky - c.pad, ix = x * c.stride + kx - c.pad
                                    guard iy >= 0, iy < s, ix >= 0, ix < s else { continue }
                                    sum += Double(w[((o * c.channels + i) * k + ky) * k + kx]) * Double(input[((i * c.batch + b) * s + iy) * s + ix])
                                }
                            }
                        }
                        out[index] = sum
                    }
                }
            }
        }
        return out
    }

    static func run(_ c: Case, _ w: [Float], _ bias: [Float], _ input: [Float], _ residual: [Float]?, portable: Bool) -> [Float] {
        gp_set_portable(portable ? 1 : 0)
        defer { gp_set_portable(0) }
        let k = c.channels * c.kernel * c.kernel
        var packed = [Float](repeating: 0, count: gp_conv_packed_weight_count(Int64(c.out), Int64(k)))
        gp_conv_pack_weights(w, Int64(c.out), Int64(k), &packed)
        var g = gp_conv_geometry(channels: Int64(c.channels), batch: Int64(c.batch), in_h: Int64(c.size), in_w: Int64(c.size),
                                 out_h: Int64(c.outSize), out_w: Int64(c.outSize), kernel: Int64(c.kernel),
                                 stride: Int64(c.stride), pad: Int64(c.pad))
        var scratch = [Float](repeating: 0, count: gp_conv_scratch_count(&g))
        var out = residual ?? [Float](repeating: .nan, count: c.out * c.batch * c.outSize * c.outSize)
        let strips = (c.batch * c.outSize * c.outSize + 15) / 16
        out.withUnsafeMutableBufferPointer { o in
            // residual == out: accumulate into what is there.
            gp_conv2d(&g, packed, Int64(c.out), bias, input, residual == nil ? nil : UnsafePointer(o.baseAddress!), o.baseAddress!, 0, Int64(strips), &scratch)
        }
        return out
    }

    @Test(arguments: cases)
    func convolutionMatchesPlainLoops(_ c: Case) {
        var rng = SeededGenerator(seed: UInt64(c.channels * 100 + c.out))
        func values(_ n: Int) -> [Float] { (0 ..< n).map { _ in rng.nextUnit() * 2 - 1 } }
        let w = values(c.out * c.channels * c.kernel * c.kernel), bias = values(c.out)
        let input = values(c.channels * c.batch * c.size * c.size), residual = values(c.out * c.batch * c.outSize * c.outSize)
        for res in [nil, residual] {
            let fast = Self.run(c, w, bias, input, res, portable: false), portable = Self.run(c, w, bias, input, res, portable: true)
            #expect(fast.map(\.bitPattern) == portable.map(\.bitPattern))
            let expected = Self.reference(c, w, bias, input, res)
            let error = zip(fast, expected).map { abs(Double($0) - $1) }.max()!
            #expect(error < 1e-5, "max abs \(error)")
        }
    }

    @Test func spatialAttentionMatchesPlainLoops() {
        var rng = SeededGenerator(seed: 11)
        let channels = 8, n = 13, stride = 2 * n // two images interleaved per channel row
        let qkv = (0 ..< 3 * channels * stride).map { _ in rng.nextUnit() * 2 - 1 }
        func run(portable: Bool) -> [Float] {
            gp_set_portable(portable ? 1 : 0)
            defer { gp_set_portable(0) }
            var out = [Float](repeating: 0, count: channels * stride)
            var scratch = [Float](repeating: 0, count: gp_spatial_attention_scratch(Int64(n)))
            qkv.withUnsafeBufferPointer { p in
                out.withUnsafeMutableBufferPointer { o in
                    let q = p.baseAddress! + n // image 1
                    gp_spatial_attention(Int64(channels), Int64(n), q, q + channels * stride, q + 2 * channels * stride,
                                         Int64(stride), 1 / Float(channels).squareRoot(), o.baseAddress! + n, Int64(stride), &scratch)
                }
            }
            return out
        }
        let fast = run(portable: false)
        #expect(fast.map(\.bitPattern) == run(portable: true).map(\.bitPattern))
        func at(_ part: Int, _ c: Int, _ i: Int) -> Double { Double(qkv[(part * channels + c) * stride + n + i]) }
        for i in 0 ..< n {
            let scores = (0 ..< n).map { j in (0 ..< channels).reduce(0.0) { $0 + at(0, $1, i) * at(1, $1, j) } / Double(channels).squareRoot() }
            let m = scores.max()!, e = scores.map { exp($0 - m) }, total = e.reduce(0, +)
            for c in 0 ..< channels {
                let expected = (0 ..< n).reduce(0.0) { $0 + e[$1] / total * at(2, c, $1) }
                #expect(abs(Double(fast[c * stride + n + i]) - expected) < 1e-5)
            }
        }
        #expect(fast[0 ..< n].allSatisfy { $0 == 0 }) // image 0 untouched
    }
}
}
