import Foundation
import Testing
import TestSupport
@testable import Engine

/// NaN and infinity are found at load in float tensors and in quantized blocks' F16 scales
/// and minimums, wherever ggml keeps them.
@Suite struct NonFiniteWeightsTests {
    /// A file with one tensor of `type`: `blocks` zero blocks, the F16 `word` written at
    /// `offset` of the last block.
    func file(_ type: GGMLType, blocks: Int = 3, word: UInt16, at offset: Int) throws -> GGUFFile {
        var bytes = [UInt8](repeating: 0, count: blocks * type.blockBytes)
        let at = (blocks - 1) * type.blockBytes + offset
        (bytes[at], bytes[at + 1]) = (UInt8(word & 0xFF), UInt8(word >> 8))
        var writer = GGUFWriter()
        writer.tensors = [GGUFWriter.Tensor(name: "t", type: type, shape: [blocks * type.blockSize], data: bytes)]
        return try writer.mapped("non-finite")
    }

    static let infinity: UInt16 = 0x7C00, nan: UInt16 = 0x7E00, largest: UInt16 = 0x7BFF

    @Test(arguments: [(GGMLType.q4_0, 0), (.q5_0, 0), (.q8_0, 0), (.q4_1, 0), (.q4_1, 2), (.q5_1, 2), (.q4_K, 0), (.q4_K, 2),
                      (.q5_K, 2), (.q6_K, 208), (.f16, 0), (.bf16, 0)])
    func aNonFiniteScaleIsFound(type: GGMLType, offset: Int) throws {
        let bad: UInt16 = type == .bf16 ? 0x7F80 : Self.nan
        #expect(NonFiniteWeights.firstDamagedTensor(in: try file(type, word: bad, at: offset)) == "t")
        #expect(NonFiniteWeights.firstDamagedTensor(in: try file(type, word: Self.infinity | (type == .bf16 ? 0x7F80 : 0), at: offset)) == "t")
        // The largest finite F16 is fine.
        #expect(NonFiniteWeights.firstDamagedTensor(in: try file(type, word: type == .bf16 ? 0x7F7F : Self.largest, at: offset)) == nil)
    }

    @Test func quantizedValuesThatAreNotScalesAreNotMistakenForThem() throws {
        // Q8_0's quants (bytes 2...33) may hold any bit pattern.
        #expect(NonFiniteWeights.firstDamagedTensor(in: try file(.q8_0, word: Self.infinity, at: 10)) == nil)
    }

    @Test func f32() throws {
        var writer = GGUFWriter()
        writer.addF32("fine", shape: [4], [1, -2, 3e38, 0])
        writer.addF32("nan", shape: [4], [1, .nan, 0, 0])
        #expect(NonFiniteWeights.firstDamagedTensor(in: try writer.mapped()) == "nan")
    }
}
