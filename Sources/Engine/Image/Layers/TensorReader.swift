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
        guard let toFloat = info.type.traits?.pointee.to_float else {
            throw ModelError.unsupportedTensorType(tensor: full, type: info.type.name)
        }
        let data = file.data(of: info)
        var out = [Float](repeating: 0, count: info.elementCount)
        out.withUnsafeMutableBufferPointer { toFloat(data.baseAddress!, $0.baseAddress!, Int64($0.count)) }
        return out
    }
}
