import CKernels
import Testing
@testable import Engine
import TestSupport

/// CKernels' trait table against the Swift side: geometry, names, and that every type a model's
/// matrices may have can be multiplied, converted to floats and given activations.
@Suite struct TypeTraitsTests {
    @Test func everyTypeWithTraitsHasTheReadersGeometryAndName() {
        for type in GGMLType.allCases {
            guard let t = type.traits?.pointee else { continue }
            #expect(Int(t.type) == Int(type.rawValue))
            #expect(String(cString: t.name) == type.name)
            #expect(Int(t.block_size) == type.blockSize, "\(type.name)")
            #expect(t.block_bytes == type.blockBytes, "\(type.name)")
        }
    }

    @Test func computableTypesHaveEverythingAMatmulNeeds() throws {
        #expect(GGMLType.computable == [.f32, .f16, .q4_0, .q4_1, .q5_0, .q5_1, .q8_0, .q4_K, .q5_K, .q6_K, .bf16])
        #expect(WeightMatrix.supportedTypes == GGMLType.computable)
        for type in GGMLType.computable {
            let t = try #require(type.traits?.pointee)
            #expect(t.to_float != nil, "\(type.name) rows must convert to floats (embedding lookups)")
            let activation = try #require(gp_type_traits_of(t.vec_dot_type)?.pointee, "\(type.name)'s activation type")
            #expect(activation.from_float != nil, "\(type.name)'s activations must be convertible")
            if let packing = t.packing?.pointee {
                #expect(packing.group > 0 && packing.bytes(packing.group, Int64(type.blockSize * 2)) > 0)
            }
        }
    }

    @Test func typesWithoutKernelsHaveNoTraitsAndAreRefusedAtLoad() throws {
        for type in [GGMLType.q2_K, .q3_K, .iq2_xs, .i32] { #expect(type.traits == nil, "\(type.name)") }
        #expect(gp_type_traits_of(12345) == nil)
        var w = GGUFWriter()
        w.tensors.append(.init(name: "m", type: .q2_K, shape: [256, 4], data: [UInt8](repeating: 0, count: 4 * 84)))
        let file = try w.mapped("q2k")
        #expect(throws: ModelError.unsupportedTensorType(tensor: "m", type: "Q2_K")) {
            try WeightMatrix(file, "m", columns: 256, rows: 4)
        }
    }

    /// The activation format follows the weights' vec_dot type: Q4_0 and Q8_0 share Q8_0 rows.
    @Test func activationRowsFollowTheVecDotType() throws {
        func bytes(_ type: GGMLType) -> Int { gp_activation_row_bytes(type.traits!, 64) }
        #expect(bytes(.q4_0) == 2 * 34 && bytes(.q8_0) == 2 * 34)
        #expect(bytes(.q4_1) == 2 * 36 && bytes(.q5_1) == 2 * 36 && bytes(.q5_0) == 2 * 34)
        #expect(gp_activation_row_bytes(GGMLType.q6_K.traits!, 512) == 2 * 292)
        #expect(bytes(.f16) == 128 && bytes(.bf16) == 128 && bytes(.f32) == 256)
    }
}
