import CKernels

/// Reads an image network's tensors from a GGUF file as Float32 (dequantized once, at load),
/// checking every name and shape. Shapes are given in PyTorch order; GGUF stores them reversed.
struct TensorReader {
    let file: GGUFFile
    /// Prepended to every name (the GAN keeps both networks in one file as `g.*` and `d.*`).
    var prefix = ""

    init(_ file: GGUFFile, prefix: String = "") {
        self.file = file
        self.prefix = prefix
    }

    func scoped(_ more: String) -> TensorReader { TensorReader(file, prefix: prefix + more) }

    func contains(_ name: String) -> Bool { file.tensor(named: prefix + name) != nil }

    func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let full = prefix + name
        guard let info = file.tensor(named: full) else { throw ModelError.missingTensor(full) }
        guard Array(info.shape.reversed()) == shape else {
            throw ModelError.shapeMismatch(tensor: full, expected: shape, found: info.shape.reversed())
        }
        guard [.f32, .f16, .bf16, .q8_0].contains(info.type) else {
            throw ModelError.unsupportedTensorType(tensor: full, type: info.type.name)
        }
        let data = file.data(of: info)
        let n = info.elementCount
        var out = [Float](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { o in
            let dst = o.baseAddress!
            switch info.type {
            case .f32: dst.update(from: data.baseAddress!.assumingMemoryBound(to: Float.self), count: n)
            case .f16: gp_f16_to_f32(data.baseAddress!.assumingMemoryBound(to: UInt16.self), dst, Int64(n))
            case .bf16: gp_bf16_to_f32(data.baseAddress!.assumingMemoryBound(to: UInt16.self), dst, Int64(n))
            case .q8_0: gp_dequantize_q8_0(data.baseAddress!.assumingMemoryBound(to: gp_block_q8_0.self), dst, Int64(n))
            default: preconditionFailure("type checked above")
            }
        }
        return out
    }
}
