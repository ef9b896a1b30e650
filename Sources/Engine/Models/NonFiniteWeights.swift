/// Damaged weights: a NaN or an infinity in a float tensor makes every score after it NaN, and
/// the model would "answer" with garbage or nothing. Float tensors are checked at load by their
/// exponent bits (all ones: NaN or infinity), at memory speed; quantized tensors' block scales
/// are not, and what slips through is caught where the logits are sampled.
enum NonFiniteWeights {
    /// The first F32, F16 or BF16 tensor of `file` holding a NaN or an infinity.
    static func firstDamagedTensor(in file: GGUFFile) -> String? {
        file.tensors.first { tensor in
            let bytes = file.data(of: tensor)
            switch tensor.type {
            case .f32: return hasAllOnesExponent(bytes, as: UInt32.self, mask: 0x7F80_0000)
            case .f16: return hasAllOnesExponent(bytes, as: UInt16.self, mask: 0x7C00)
            case .bf16: return hasAllOnesExponent(bytes, as: UInt16.self, mask: 0x7F80)
            default: return false
            }
        }?.name
    }

    private static func hasAllOnesExponent<Word: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, as: Word.Type, mask: Word) -> Bool {
        // A file's alignment may be smaller than a word: read unaligned.
        let size = MemoryLayout<Word>.size
        return (0 ..< bytes.count / size).contains { bytes.loadUnaligned(fromByteOffset: $0 * size, as: Word.self) & mask == mask }
    }
}
