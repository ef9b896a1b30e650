import CKernels
import Foundation
import Testing
@testable import Engine

/// Every supported tensor type through the model's path: mapped from a GGUF file, dequantized
/// row by row and multiplied (packed where the type packs) against a float reference.
@Suite struct WeightMatrixTests {
    static let columns = 64, rows = 8

    /// Row r, column j of the test matrix: values every type represents closely.
    static func value(_ r: Int, _ j: Int) -> Float { Float((r * 7 + j * 3) % 15 - 7) * 0.25 }

    static func bytes(_ type: GGMLType) -> [UInt8] {
        var out: [UInt8] = []
        func half(_ f: Float) { let h = gp_float_to_half(f); out += [UInt8(h & 0xFF), UInt8(h >> 8)] }
        for r in 0 ..< rows {
            let row = (0 ..< columns).map { value(r, $0) }
            switch type {
            case .f32: row.forEach { withUnsafeBytes(of: $0) { out += $0 } }
            case .f16: row.forEach(half)
            case .bf16: row.forEach { out += [UInt8(($0.bitPattern >> 16) & 0xFF), UInt8($0.bitPattern >> 24)] }
            case .q8_0:
                for b in stride(from: 0, to: columns, by: 32) { // d = 0.25: q = value * 4
                    half(0.25)
                    out += row[b ..< b + 32].map { UInt8(bitPattern: Int8($0 * 4)) }
                }
            case .q4_0:
                for b in stride(from: 0, to: columns, by: 32) { // d = 0.25: q = value * 4 + 8 in 1...15
                    half(0.25)
                    let q = row[b ..< b + 32].map { UInt8($0 * 4 + 8) }
                    out += (0 ..< 16).map { q[$0] | q[$0 + 16] << 4 }
                }
            case .q4_1:
                for b in stride(from: 0, to: columns, by: 32) { // d = 0.25, m = -1.75: q = (value + 1.75) * 4
                    half(0.25)
                    half(-1.75)
                    let q = row[b ..< b + 32].map { UInt8(($0 + 1.75) * 4) }
                    out += (0 ..< 16).map { q[$0] | q[$0 + 16] << 4 }
                }
            default: fatalError("not a test type")
            }
        }
        return out
    }

    @Test(arguments: WeightMatrix.supportedTypes)
    func dequantizesAndMultiplies(_ type: GGMLType) throws {
        var w = GGUFWriter()
        w.tensors.append(.init(name: "m", type: type, shape: [Self.columns, Self.rows], data: Self.bytes(type)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wm-\(type.name)-\(UUID()).gguf").path
        try w.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try GGUFFile(path: path)
        let matrix = try WeightMatrix(file, "m", columns: Self.columns, rows: Self.rows)
        var row = [Float](repeating: 0, count: Self.columns)
        for r in 0 ..< Self.rows {
            matrix.dequantizeRow(r, into: &row)
            #expect(row == (0 ..< Self.columns).map { Self.value(r, $0) }, "row \(r) of \(type.name)")
        }
        let pool = WorkerPool(threads: 2)
        let input = (0 ..< 2 * Self.columns).map { Float($0 % 9) * 0.5 - 2 }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 2 * matrix.activationRowBytes, alignment: 64)
        defer { scratch.deallocate() }
        let packed = try WeightMatrix(file, "m", columns: Self.columns, rows: Self.rows)
        PackedArena.pack([packed], pool: pool)
        for candidate in [matrix, packed] {
            var out = [Float](repeating: 0, count: 2 * Self.rows)
            candidate.multiply(input, count: 2, into: &out, scratch: scratch, pool: pool)
            for t in 0 ..< 2 {
                for r in 0 ..< Self.rows {
                    let x = input[t * Self.columns ..< (t + 1) * Self.columns]
                    let exact = zip(0 ..< Self.columns, x).reduce(0.0) { $0 + Double(Self.value(r, $1.0)) * Double($1.1) }
                    // Quantized types also round the input to 8 bits (steps of max|x|/127): at
                    // most half a step per element, weighted by |w|. Halves and floats: rounding only.
                    let weightSum = (0 ..< Self.columns).reduce(0.0) { $0 + Double(abs(Self.value(r, $1))) }
                    let bound = [.q8_0, .q4_0, .q4_1].contains(type) ? weightSum * Double(x.map(abs).max()!) / 127 / 2 + 1e-4 : 1e-4
                    #expect(abs(Double(out[t * Self.rows + r]) - exact) <= bound, "\(type.name) row \(r) token \(t)")
                }
            }
        }
    }
}
