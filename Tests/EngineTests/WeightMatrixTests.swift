import CKernels
import Foundation
import Testing
@testable import Engine

/// Every supported tensor type through the model's path: mapped from a GGUF file, dequantized
/// row by row and multiplied (packed where the type packs) against a float reference.
@Suite struct WeightMatrixTests {
    static let rows = 8

    /// Columns of the test matrix: one super-block for K-quants, two blocks for the others.
    static func columns(_ type: GGMLType) -> Int { type.blockSize == 256 ? 256 : 64 }

    /// Row r, column j of the test matrix: values every type represents exactly
    /// (-1.75 ... 1.75 in steps of 0.25).
    static func value(_ r: Int, _ j: Int) -> Float { Float((r * 7 + j * 3) % 15 - 7) * 0.25 }

    /// The test matrix in `type`'s layout, with d = 0.25 (and an offset of -1.75 where the
    /// type has one): each value is a small integer step q.
    static func bytes(_ type: GGMLType) -> [UInt8] {
        var out: [UInt8] = []
        func half(_ f: Float) { let h = gp_float_to_half(f); out += [UInt8(h & 0xFF), UInt8(h >> 8)] }
        func nibbles(_ q: ArraySlice<UInt8>) -> [UInt8] { (0 ..< 16).map { q[q.startIndex + $0] & 15 | (q[q.startIndex + $0 + 16] & 15) << 4 } }
        func fifthBits(_ q: ArraySlice<UInt8>) -> [UInt8] {
            let bits = q.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element >> 4) << UInt32($1.offset) }
            return withUnsafeBytes(of: bits.littleEndian) { Array($0) }
        }
        // Q4_K/Q5_K: eight sub-blocks of scale 1 and min 7 (6-bit packed), d = dmin = 0.25.
        let kScales: [UInt8] = [1, 1, 1, 1, 7, 7, 7, 7, 0x71, 0x71, 0x71, 0x71]
        for r in 0 ..< rows {
            let row = (0 ..< columns(type)).map { value(r, $0) }
            let offset = row.map { UInt8(($0 + 1.75) * 4) }  // 0 ... 14
            switch type {
            case .f32: row.forEach { withUnsafeBytes(of: $0) { out += $0 } }
            case .f16: row.forEach(half)
            case .bf16: row.forEach { out += [UInt8(($0.bitPattern >> 16) & 0xFF), UInt8($0.bitPattern >> 24)] }
            case .q8_0:
                for b in stride(from: 0, to: row.count, by: 32) { // q = value * 4
                    half(0.25)
                    out += row[b ..< b + 32].map { UInt8(bitPattern: Int8($0 * 4)) }
                }
            case .q4_0, .q5_0:
                for b in stride(from: 0, to: row.count, by: 32) { // q = value * 4 + 8 (or 16)
                    half(0.25)
                    let q = row[b ..< b + 32].map { UInt8($0 * 4 + (type == .q4_0 ? 8 : 16)) }
                    out += (type == .q5_0 ? fifthBits(q[...]) : []) + nibbles(q[...])
                }
            case .q4_1, .q5_1:
                for b in stride(from: 0, to: row.count, by: 32) {
                    half(0.25)
                    half(-1.75)
                    out += (type == .q5_1 ? fifthBits(offset[b ..< b + 32]) : []) + nibbles(offset[b ..< b + 32])
                }
            case .q4_K, .q5_K:
                half(0.25)
                half(0.25)
                out += kScales
                if type == .q5_K { out += (0 ..< 32).map { _ in UInt8(0) } }  // no fifth bits: q ≤ 14
                // Sub-blocks 2i and 2i+1 share bytes: low nibbles, then high.
                for i in 0 ..< 4 { out += (0 ..< 32).map { offset[64 * i + $0] | offset[64 * i + 32 + $0] << 4 } }
            case .q6_K:
                var ql = [UInt8](repeating: 0, count: 128), qh = [UInt8](repeating: 0, count: 64)
                for e in 0 ..< 256 {
                    let q = UInt8(row[e] * 4 + 32), half = e / 128, k = (e % 128) / 32, l = e % 32
                    ql[64 * half + l + 32 * (k % 2)] |= (q & 15) << (4 * (k / 2))
                    qh[32 * half + l] |= (q >> 4) << (2 * k)
                }
                out += ql + qh + [UInt8](repeating: 1, count: 16)
                half(0.25)
            default: fatalError("not a test type")
            }
        }
        return out
    }

    @Test(arguments: WeightMatrix.supportedTypes)
    func dequantizesAndMultiplies(_ type: GGMLType) throws {
        let columns = Self.columns(type)
        var w = GGUFWriter()
        w.tensors.append(.init(name: "m", type: type, shape: [columns, Self.rows], data: Self.bytes(type)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wm-\(type.name)-\(UUID()).gguf").path
        try w.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try GGUFFile(path: path)
        let matrix = try WeightMatrix(file, "m", columns: columns, rows: Self.rows)
        var row = [Float](repeating: 0, count: columns)
        for r in 0 ..< Self.rows {
            matrix.dequantizeRow(r, into: &row)
            #expect(row == (0 ..< columns).map { Self.value(r, $0) }, "row \(r) of \(type.name)")
        }
        let pool = WorkerPool(threads: 2)
        let input = (0 ..< 2 * columns).map { Float($0 % 9) * 0.5 - 2 }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 2 * matrix.activationRowBytes, alignment: 64)
        defer { scratch.deallocate() }
        let packed = try WeightMatrix(file, "m", columns: columns, rows: Self.rows)
        try PackedArena.pack([packed], pool: pool, for: "m")
        for candidate in [matrix, packed] {
            var out = [Float](repeating: 0, count: 2 * Self.rows)
            candidate.multiply(input, count: 2, into: &out, scratch: scratch, pool: pool)
            for t in 0 ..< 2 {
                for r in 0 ..< Self.rows {
                    let x = input[t * columns ..< (t + 1) * columns]
                    let exact = zip(0 ..< columns, x).reduce(0.0) { $0 + Double(Self.value(r, $1.0)) * Double($1.1) }
                    // Quantized types also round the input to 8 bits (steps of max|x|/127): at
                    // most half a step per element, weighted by |w|. Halves and floats: rounding only.
                    let weightSum = (0 ..< columns).reduce(0.0) { $0 + Double(abs(Self.value(r, $1))) }
                    let bound = type.blockSize > 1 ? weightSum * Double(x.map(abs).max()!) / 127 / 2 + 1e-4 : 1e-4
                    #expect(abs(Double(out[t * Self.rows + r]) - exact) <= bound, "\(type.name) row \(r) token \(t)")
                }
            }
        }
    }
}
