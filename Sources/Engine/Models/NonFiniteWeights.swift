/// Damaged weights: a NaN or an infinity in a tensor makes every score after it NaN, and the
/// model would "answer" with garbage or nothing. Checked at load by exponent bits (all ones:
/// NaN or infinity), at memory speed: every value of a float tensor, every F16 scale (and
/// minimum) of a quantized one's blocks — where a quantized block's non-finite values can come
/// from. What slips through anyway is caught where the logits are sampled.
enum NonFiniteWeights {
    /// The first tensor of `file` holding a NaN or an infinity.
    static func firstDamagedTensor(in file: GGUFFile) -> String? {
        file.tensors.first { tensor in
            let bytes = file.data(of: tensor)
            switch tensor.type {
            case .f32: return hasAllOnesExponent(bytes, UInt32.self, mask: 0x7F80_0000, stride: 4, offsets: [0])
            case .f16: return hasAllOnesExponent(bytes, UInt16.self, mask: f16Exponent, stride: 2, offsets: [0])
            case .bf16: return hasAllOnesExponent(bytes, UInt16.self, mask: 0x7F80, stride: 2, offsets: [0])
            default:
                guard let offsets = scaleOffsets[tensor.type] else { return false }
                return hasAllOnesExponent(bytes, UInt16.self, mask: f16Exponent, stride: tensor.type.blockBytes, offsets: offsets)
            }
        }?.name
    }

    private static let f16Exponent: UInt16 = 0x7C00

    /// Where each block keeps its F16 scale (`d`) and minimum (`m`, `dmin`), as ggml lays
    /// blocks out: at the start, but for Q6_K at the end.
    private static let scaleOffsets: [GGMLType: [Int]] = [
        .q4_0: [0], .q5_0: [0], .q8_0: [0], .q4_1: [0, 2], .q5_1: [0, 2],
        .q4_K: [0, 2], .q5_K: [0, 2], .q6_K: [208],
    ]

    /// Whether a word at `offsets` within any `stride`-byte step of `bytes` has all of `mask`'s
    /// bits set. A file's alignment may be smaller than a word: read unaligned.
    private static func hasAllOnesExponent<Word: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, _: Word.Type, mask: Word,
                                                                    stride: Int, offsets: [Int]) -> Bool {
        var start = 0
        while start + stride <= bytes.count {
            for offset in offsets where bytes.loadUnaligned(fromByteOffset: start + offset, as: Word.self) & mask == mask { return true }
            start += stride
        }
        return false
    }
}
