import CKernels
import Foundation
import Testing
@testable import Engine

extension PortableSwitchTests {
/// The 5-bit and K-quant formats: hand-built blocks decoded by an independent reading of the
/// layout (super-block scales and mins, 6-bit packed scales, split high bits), and dot products
/// that agree bit for bit on the AVX2 and portable paths.
@Suite struct KQuantKernelTests {
    static func half(_ f: Float) -> [UInt8] { let h = gp_float_to_half(f); return [UInt8(h & 0xFF), UInt8(h >> 8)] }

    /// Packs eight 6-bit scales and mins as Q4_K/Q5_K store them in 12 bytes.
    static func packScales(_ sc: [Int], _ mn: [Int]) -> [UInt8] {
        var q = [UInt8](repeating: 0, count: 12)
        for j in 0 ..< 4 {
            q[j] = UInt8(sc[j] & 63) | UInt8((sc[j + 4] >> 4) << 6)
            q[j + 4] = UInt8(mn[j] & 63) | UInt8((mn[j + 4] >> 4) << 6)
            q[j + 8] = UInt8(sc[j + 4] & 0xF) | UInt8((mn[j + 4] & 0xF) << 4)
        }
        return q
    }

    static func dequantize(_ type: GGMLType, _ bytes: [UInt8], count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { type.traits!.pointee.to_float($0.baseAddress!, &out, Int64(count)) }
        return out
    }

    @Test func q5BlocksDequantize() {
        // Element j: value v_j = j - 16 (Q5_0) / j (Q5_1): nibble v & 15, fifth bit v >> 4.
        let values = Array(0 ..< 32)
        var qs = [UInt8](repeating: 0, count: 16), qh: UInt32 = 0
        for j in 0 ..< 16 { qs[j] = UInt8(values[j] & 15) | UInt8(values[j + 16] & 15) << 4 }
        for j in 0 ..< 32 where values[j] >> 4 == 1 { qh |= 1 << UInt32(j) }
        let high = withUnsafeBytes(of: qh.littleEndian) { Array($0) }
        #expect(Self.dequantize(.q5_0, Self.half(0.5) + high + qs, count: 32) == values.map { Float($0 - 16) * 0.5 })
        #expect(Self.dequantize(.q5_1, Self.half(0.25) + Self.half(-3) + high + qs, count: 32) == values.map { Float($0) * 0.25 - 3 })
    }

    @Test func q4KSuperBlockDequantizes() {
        let sc = [1, 5, 17, 33, 63, 40, 2, 60], mn = [0, 7, 63, 12, 31, 48, 9, 1]
        // Sub-block j, element e: nibble (e + 3j) & 15, in byte 32(j/2) + e, low nibble for even j.
        var qs = [UInt8](repeating: 0, count: 128)
        for j in 0 ..< 8 { for e in 0 ..< 32 { qs[32 * (j / 2) + e] |= UInt8((e + 3 * j) & 15) << (j % 2 == 0 ? 0 : 4) } }
        let d: Float = 0.125, dmin: Float = 0.5
        let out = Self.dequantize(.q4_K, Self.half(d) + Self.half(dmin) + Self.packScales(sc, mn) + qs, count: 256)
        for j in 0 ..< 8 {
            for e in 0 ..< 32 {
                let expected = d * Float(sc[j]) * Float((e + 3 * j) & 15) - dmin * Float(mn[j])
                #expect(out[32 * j + e] == expected, "sub-block \(j) element \(e)")
            }
        }
    }

    @Test func q5KSuperBlockDequantizes() {
        let sc = [3, 63, 8, 21, 34, 55, 1, 16], mn = [10, 0, 63, 5, 27, 40, 2, 33]
        var qs = [UInt8](repeating: 0, count: 128), qh = [UInt8](repeating: 0, count: 32)
        func value(_ j: Int, _ e: Int) -> Int { (e * 7 + j * 5) % 32 }
        for j in 0 ..< 8 {
            for e in 0 ..< 32 {
                qs[32 * (j / 2) + e] |= UInt8(value(j, e) & 15) << (j % 2 == 0 ? 0 : 4)
                qh[e] |= UInt8(value(j, e) >> 4) << j
            }
        }
        let d: Float = 0.25, dmin: Float = 1
        let out = Self.dequantize(.q5_K, Self.half(d) + Self.half(dmin) + Self.packScales(sc, mn) + qh + qs, count: 256)
        for j in 0 ..< 8 { for e in 0 ..< 32 { #expect(out[32 * j + e] == d * Float(sc[j]) * Float(value(j, e)) - dmin * Float(mn[j])) } }
    }

    @Test func q6KSuperBlockDequantizes() {
        // Element i (0..255) holds the 6-bit value (i * 11) % 64; its scale is scales[i / 16].
        func value(_ i: Int) -> Int { (i * 11) % 64 }
        var ql = [UInt8](repeating: 0, count: 128), qh = [UInt8](repeating: 0, count: 64)
        for i in 0 ..< 256 {
            let half = i / 128, k = (i % 128) / 32, l = i % 32, v = value(i)
            ql[64 * half + l + 32 * (k % 2)] |= UInt8(v & 15) << (4 * (k / 2))
            qh[32 * half + l] |= UInt8(v >> 4) << (2 * k)
        }
        let scales: [Int8] = [1, -2, 3, 127, -128, 5, 6, -7, 8, 9, 10, -11, 12, 13, 14, 15]
        let d: Float = 0.0625
        let out = Self.dequantize(.q6_K, ql + qh + scales.map { UInt8(bitPattern: $0) } + Self.half(d), count: 256)
        for i in 0 ..< 256 { #expect(out[i] == d * Float(scales[i / 16]) * Float(value(i) - 32), "element \(i)") }
    }

    @Test func q8KQuantizationTakesTheSignOfTheLargestValue() {
        var x = (0 ..< 256).map { Float($0 % 37) * 0.1 - 1.5 }
        x[100] = -7  // the largest magnitude is negative: d is positive
        var block = gp_block_q8_K()
        gp_quantize_q8_K(x, &block, 256)
        let iscale: Float = -127 / -7
        #expect(block.d == 1 / iscale)
        let qs = withUnsafeBytes(of: block.qs) { Array($0).map { Int8(bitPattern: $0) } }
        #expect(qs == x.map { Int8(min(127, ($0 * iscale).rounded(.toNearestOrEven))) })
        let bsums = withUnsafeBytes(of: block.bsums) { Array($0.bindMemory(to: Int16.self)) }
        #expect(bsums == (0 ..< 16).map { j in Int16(qs[16 * j ..< 16 * j + 16].reduce(0) { $0 + Int($1) }) })
        var zero = gp_block_q8_K()
        gp_quantize_q8_K([Float](repeating: 0, count: 256), &zero, 256)
        #expect(zero.d == 0)
    }

    /// Random blocks (scales kept finite): the two paths agree bit for bit, and the result is
    /// the dot product of the decoded weights with the decoded activations.
    @Test(arguments: [GGMLType.q5_0, .q5_1, .q4_K, .q5_K, .q6_K])
    func dotProductsAgreeAcrossPaths(_ type: GGMLType) throws {
        var rng = SeededGenerator(seed: 21 + UInt64(type.rawValue))
        let n = 512, rows = 5, traits = type.traits!
        let blocks = rows * n / type.blockSize
        var weights: [UInt8] = []
        for _ in 0 ..< blocks {
            var block = (0 ..< type.blockBytes).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
            // Halves at the places ggml keeps d (and dmin/m), small and finite.
            let halves: [Int] = switch type { case .q6_K: [208]; case .q5_0: [0]; default: [0, 2] }
            for offset in halves { block.replaceSubrange(offset ..< offset + 2, with: Self.half(rng.nextUnit() * 0.02 + 0.001)) }
            weights += block
        }
        let input = (0 ..< n).map { _ in rng.nextUnit() * 4 - 2 }
        var prepared = [UInt8](repeating: 0, count: gp_activation_row_bytes(traits, Int64(n)))
        gp_prepare_activations(traits, input, Int64(n), 1, &prepared)
        func run(portable: Bool) -> [Float] {
            gp_set_portable(portable ? 1 : 0)
            defer { gp_set_portable(0) }
            var out = [Float](repeating: 0, count: rows)
            var dots = gp_row_dots_for(traits, 1, Int64(n))
            gp_matmul(&dots, weights, type.rowBytes(n), Int64(n), prepared, prepared.count, 1, 1, 0, &out, Int64(rows), 0, Int64(rows))
            return out
        }
        let fast = run(portable: false), portable = run(portable: true)
        #expect(fast.map(\.bitPattern) == portable.map(\.bitPattern))
        // llama.cpp's other arithmetics (tiled, repacked gemv/gemm) agree across paths too.
        let t = traits.pointee
        for dot in [t.vec_dot_tiled, t.vec_dot_gemv, t.vec_dot_gemm].compactMap({ $0 }) {
            func value(portable: Bool) -> Float {
                gp_set_portable(portable ? 1 : 0)
                defer { gp_set_portable(0) }
                return weights.withUnsafeBytes { w in prepared.withUnsafeBytes { dot(Int64(n), w.baseAddress!, $0.baseAddress!) } }
            }
            #expect(value(portable: false).bitPattern == value(portable: true).bitPattern, "\(type.name)")
            #expect(abs(value(portable: false) - fast[0]) <= 1e-3 * max(1, abs(fast[0])))
        }
        // The activations as the kernel saw them: Q8_0/Q8_1 (blocks of 32) or Q8_K (256).
        let activation = gp_type_traits_of(traits.pointee.vec_dot_type)!.pointee
        var decodedInput = [Float](repeating: 0, count: n)
        if activation.block_size == 256 {
            prepared.withUnsafeBytes { raw in
                for b in 0 ..< n / 256 {
                    let block = raw.load(fromByteOffset: b * 292, as: Float.self)
                    for e in 0 ..< 256 { decodedInput[256 * b + e] = block * Float(Int8(bitPattern: raw[b * 292 + 4 + e])) }
                }
            }
        } else {
            let q8 = GGMLType.q8_0.traits!.pointee
            // Q8_1 rows start each block with d and s; drop s to read them as Q8_0.
            let stride = Int(activation.block_bytes)
            var asQ8_0: [UInt8] = []
            for b in 0 ..< n / 32 {
                let start = b * stride
                asQ8_0 += prepared[start ..< start + 2]
                asQ8_0 += prepared[start + stride - 32 ..< start + stride]
            }
            asQ8_0.withUnsafeBytes { q8.to_float($0.baseAddress!, &decodedInput, Int64(n)) }
        }
        for r in 0 ..< rows {
            let row = Self.dequantize(type, Array(weights[r * type.rowBytes(n) ..< (r + 1) * type.rowBytes(n)]), count: n)
            let exact = zip(row, decodedInput).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let scale = zip(row, decodedInput).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
            #expect(abs(Double(fast[r]) - exact) <= 1e-4 * max(1, scale), "\(type.name) row \(r): \(fast[r]) vs \(exact)")
        }
    }

    /// Q4_K in llama.cpp's other arithmetics, from the exact integer sums per pair of sub-blocks:
    /// its repacked gemv (Σ·(d·d_x) per super-block, mins likewise, then sums − mins), its gemm
    /// (the same per pair) and its tiled matmul (fma(d·S − dmin·M, d_x, acc) per super-block).
    @Test func q4KDotsFollowTheirFormulas() throws {
        var rng = SeededGenerator(seed: 77)
        let n = 768
        var weights: [UInt8] = [], scales: [[Int]] = [], mins: [[Int]] = []
        for _ in 0 ..< n / 256 {
            scales.append((0 ..< 8).map { _ in Int.random(in: 0 ... 63, using: &rng) })
            mins.append((0 ..< 8).map { _ in Int.random(in: 0 ... 63, using: &rng) })
            weights += Self.half(rng.nextUnit() * 0.01) + Self.half(rng.nextUnit() * 0.01) + Self.packScales(scales.last!, mins.last!)
                + (0 ..< 128).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        }
        let input = (0 ..< n).map { _ in rng.nextUnit() * 2 - 1 }
        var y = [gp_block_q8_K](repeating: gp_block_q8_K(), count: n / 256)
        gp_quantize_q8_K(input, &y, Int64(n))
        var gemv: (Float, Float) = (0, 0), gemm: (Float, Float) = (0, 0), tiled: Float = 0
        for b in 0 ..< n / 256 {
            let block = Array(weights[b * 144 ..< (b + 1) * 144])
            let qy = withUnsafeBytes(of: y[b].qs) { Array($0).map { Int(Int8(bitPattern: $0)) } }
            let bsums = withUnsafeBytes(of: y[b].bsums) { Array($0.bindMemory(to: Int16.self)).map(Int.init) }
            var pairSums = [Int](repeating: 0, count: 4), pairMins = pairSums
            for j in 0 ..< 8 {
                let dot = (0 ..< 32).reduce(0) { total, e in
                    let byte = Int(block[16 + 32 * (j / 2) + e])
                    return total + (j % 2 == 0 ? byte & 15 : byte >> 4) * qy[32 * j + e]
                }
                pairSums[j / 2] += scales[b][j] * dot
                pairMins[j / 2] += mins[b][j] * (bsums[2 * j] + bsums[2 * j + 1])
            }
            let d = gp_half_to_float(UInt16(block[0]) | UInt16(block[1]) << 8), dmin = gp_half_to_float(UInt16(block[2]) | UInt16(block[3]) << 8)
            let s = pairSums.reduce(0, +), m = pairMins.reduce(0, +)
            gemv = (gemv.0.addingProduct(Float(s), d * y[b].d), gemv.1.addingProduct(Float(m), dmin * y[b].d))
            for p in 0 ..< 4 { gemm = (gemm.0.addingProduct(Float(pairSums[p]), d * y[b].d), gemm.1.addingProduct(Float(pairMins[p]), dmin * y[b].d)) }
            tiled = tiled.addingProduct((d * Float(s)).addingProduct(-dmin, Float(m)), y[b].d)
        }
        func run(_ f: (Int64, UnsafeRawPointer?, UnsafeRawPointer?) -> Float) -> Float {
            weights.withUnsafeBytes { w in y.withUnsafeBytes { f(Int64(n), w.baseAddress!, $0.baseAddress!) } }
        }
        #expect(run(gp_dot_q4_K_q8_K_gemv).bitPattern == (gemv.0 - gemv.1).bitPattern)
        #expect(run(gp_dot_q4_K_q8_K_gemm).bitPattern == (gemm.0 - gemm.1).bitPattern)
        #expect(run(gp_dot_q4_K_q8_K_tiled).bitPattern == tiled.bitPattern)
    }

    /// Many activation rows at once give each row the bits of its own dot product in its
    /// place in llama.cpp's batch (four-row groups and the remainder; tiled batches).
    @Test(arguments: [(GGMLType.q4_K, 8), (.q4_K, 3), (.q5_K, 3), (.q6_K, 3)])
    func manyRowsAtOnceMatchOneByOne(_ type: GGMLType, rows: Int) {
        var rng = SeededGenerator(seed: 5 + UInt64(type.rawValue))
        let n = 512, tokens = 11, traits = type.traits!
        var weights = (0 ..< rows * n / 256 * type.blockBytes).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        for b in 0 ..< rows * n / 256 {
            for offset in type == .q6_K ? [208] : [0, 2] {
                weights.replaceSubrange(b * type.blockBytes + offset ..< b * type.blockBytes + offset + 2, with: Self.half(rng.nextUnit() * 0.02 + 0.001))
            }
        }
        let input = (0 ..< tokens * n).map { _ in rng.nextUnit() * 4 - 2 }
        let stride = gp_activation_row_bytes(traits, Int64(n))
        var prepared = [UInt8](repeating: 0, count: stride * tokens)
        gp_prepare_activations(traits, input, Int64(n), Int64(tokens), &prepared)
        var dots = gp_row_dots_for(traits, Int64(rows), Int64(n))
        for portable in [false, true] {
            gp_set_portable(portable ? 1 : 0)
            defer { gp_set_portable(0) }
            // The last two activation rows as if they were rows 9 and 10 of a batch of 11.
            for (count, batch, first) in [(tokens, tokens, 0), (2, tokens, tokens - 2), (3, 3, 0)] {
                var together = [Float](repeating: 0, count: count * rows), alone = together
                let x = Array(prepared[first * stride ..< (first + count) * stride])
                gp_matmul(&dots, weights, type.rowBytes(n), Int64(n), x, stride, Int64(count), Int64(batch), Int64(first), &together, Int64(rows), 0, Int64(rows))
                for k in 0 ..< count {
                    gp_matmul(&dots, weights, type.rowBytes(n), Int64(n), Array(x[k * stride ..< (k + 1) * stride]), stride, 1,
                              Int64(batch), Int64(first + k), &alone[k * rows], Int64(rows), 0, Int64(rows))
                }
                #expect(together.map(\.bitPattern) == alone.map(\.bitPattern), "\(type.name), portable \(portable), batch \(batch) from \(first)")
            }
        }
    }
}
}
