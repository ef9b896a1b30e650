import CKernels
#if canImport(Glibc)
import Glibc
#endif

/// Errors a model loader reports about its tensors.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    case unsupportedArchitecture(String)
    case missingTensor(String)
    case unsupportedTensorType(tensor: String, type: String)
    case shapeMismatch(tensor: String, expected: [Int], found: [Int])
    case badHyperparameter(key: String, value: String)
    case vocabularyMismatch(tokens: Int, embeddingRows: Int)

    public var description: String {
        switch self {
        case let .unsupportedArchitecture(arch):
            return "unsupported architecture '\(arch)' (supported: \(ModelRegistry.architectures.joined(separator: ", ")))"
        case let .missingTensor(name): return "required tensor '\(name)' is missing"
        case let .unsupportedTensorType(tensor, type):
            return "tensor '\(tensor)' has type \(type), which genplay cannot compute with yet (supported: \(WeightMatrix.supportedTypes.map(\.name).joined(separator: ", ")))"
        case let .shapeMismatch(tensor, expected, found):
            return "tensor '\(tensor)' has shape \(found), expected \(expected)"
        case let .badHyperparameter(key, value): return "metadata '\(key)' has an unusable value \(value)"
        case let .vocabularyMismatch(tokens, rows):
            return "the tokenizer has \(tokens) tokens but the model's embedding has only \(rows) rows"
        }
    }
}

/// A matrix of `rows` rows × `columns` values stored in the memory map (ggml shape [columns, rows]).
public struct WeightMatrix: @unchecked Sendable {
    public static let supportedTypes: [GGMLType] = [.f32, .f16, .bf16, .q8_0, .q4_0, .q4_1]

    public let name: String
    public let type: GGMLType
    public let columns: Int
    public let rows: Int
    public let rowBytes: Int
    public let base: UnsafeRawPointer
    /// The rows repacked four at a time for the decode kernels, when the type allows it.
    private var packed: PackedRows?

    public init(_ file: GGUFFile, _ name: String, columns: Int, rows: Int) throws {
        guard let info = file.tensor(named: name) else { throw ModelError.missingTensor(name) }
        guard WeightMatrix.supportedTypes.contains(info.type) else {
            throw ModelError.unsupportedTensorType(tensor: name, type: info.type.name)
        }
        let shape = rows == 1 ? [columns] : [columns, rows]
        guard info.shape == shape || info.shape == shape + [1] else {
            throw ModelError.shapeMismatch(tensor: name, expected: shape, found: info.shape)
        }
        self.name = name
        type = info.type
        self.columns = columns
        self.rows = rows
        rowBytes = info.type.rowBytes(columns)
        base = file.data(of: info).baseAddress!
    }

    var kernelType: Int32 { Int32(type.rawValue) }

    /// Bytes of one activation row prepared for this matrix (see `prepare`).
    public var activationRowBytes: Int { gp_activation_row_bytes(kernelType, Int64(columns)) }

    /// Converts `count` float rows into the activation format the dot kernel takes
    /// (8-bit blocks for quantized weights, halves for F16), as llama.cpp does per matmul.
    public func prepare(_ input: UnsafePointer<Float>, count: Int, into buffer: UnsafeMutableRawPointer) {
        gp_prepare_activations(kernelType, input, Int64(columns), Int64(count), buffer)
    }

    /// Bytes this matrix takes repacked four rows at a time (Q4_1 and Q8_0 with rows a
    /// multiple of 4), or 0 when it stays as mapped.
    var packedByteCount: Int { gp_packed_bytes(kernelType, Int64(rows), Int64(columns)) }

    /// A copy that reads its rows from `destination` (packedByteCount bytes, filled here). The
    /// mapped pages of the original are released: the copy replaces them.
    func packed(into destination: UnsafeMutableRawPointer, owner: PackedArena) -> WeightMatrix {
        gp_pack_rows(kernelType, base, rowBytes, Int64(rows), Int64(columns), destination)
        var copy = self
        copy.packed = PackedRows(owner: owner, bytes: destination)
        releasePages()
        return copy
    }

    /// Drops this tensor's pages from the process's resident memory (they are re-read from
    /// the file if touched again).
    private func releasePages() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + rows * rowBytes) / page * page
        if end > start { madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED) }
    }

    /// out[t * outStride + r] = row r · activation t, for rows in `rowRange`.
    public func multiply(prepared: UnsafeRawPointer, count: Int, into out: UnsafeMutablePointer<Float>,
                         outStride: Int, rowRange: Range<Int>) {
        func rowByRow(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            gp_matmul(kernelType, base, rowBytes, Int64(columns), prepared, activationRowBytes, Int64(count),
                      out, Int64(outStride), Int64(range.lowerBound), Int64(range.upperBound))
        }
        guard let packed else { return rowByRow(rowRange) }
        // Packed groups of four cover the aligned middle; stray rows at the ends go row by row.
        let lo = min(rowRange.upperBound, (rowRange.lowerBound + 3) / 4 * 4)
        let hi = max(lo, rowRange.upperBound / 4 * 4)
        rowByRow(rowRange.lowerBound ..< lo)
        if lo < hi {
            gp_matmul_packed(kernelType, packed.bytes, Int64(columns), prepared, activationRowBytes, Int64(count),
                             out, Int64(outStride), Int64(lo), Int64(hi))
        }
        rowByRow(hi ..< rowRange.upperBound)
    }

    /// Prepares `count` input rows and multiplies on the pool: out (count × rows) = input · Wᵀ.
    public func multiply(_ input: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>,
                         scratch: UnsafeMutableRawPointer, pool: WorkerPool) {
        prepare(input, count: count, into: scratch)
        pool.parallelFor(rows, granule: 16) { range, _ in
            multiply(prepared: scratch, count: count, into: out, outStride: rows, rowRange: range)
        }
    }

    /// Row `index` as floats (embedding lookup).
    public func dequantizeRow(_ index: Int, into out: UnsafeMutablePointer<Float>) {
        let row = base + index * rowBytes
        let n = Int64(columns)
        switch type {
        case .f32: out.update(from: row.assumingMemoryBound(to: Float.self), count: columns)
        case .f16: gp_f16_to_f32(row.assumingMemoryBound(to: UInt16.self), out, n)
        case .bf16: gp_bf16_to_f32(row.assumingMemoryBound(to: UInt16.self), out, n)
        case .q8_0: gp_dequantize_q8_0(row.assumingMemoryBound(to: gp_block_q8_0.self), out, n)
        case .q4_0: gp_dequantize_q4_0(row.assumingMemoryBound(to: gp_block_q4_0.self), out, n)
        case .q4_1: gp_dequantize_q4_1(row.assumingMemoryBound(to: gp_block_q4_1.self), out, n)
        default: preconditionFailure("unsupported type \(type.name) passed the loader's check")
        }
    }
}

/// Where a repacked matrix lives: a slice of an arena that stays alive with it.
struct PackedRows: @unchecked Sendable {
    let owner: PackedArena
    let bytes: UnsafeMutableRawPointer
}

/// A vector of floats in the memory map (norm weights).
public struct WeightVector: @unchecked Sendable {
    public let values: UnsafeBufferPointer<Float>

    public init(_ file: GGUFFile, _ name: String, count: Int) throws {
        guard let info = file.tensor(named: name) else { throw ModelError.missingTensor(name) }
        guard info.type == .f32 else { throw ModelError.unsupportedTensorType(tensor: name, type: info.type.name) }
        guard info.shape == [count] else { throw ModelError.shapeMismatch(tensor: name, expected: [count], found: info.shape) }
        let data = file.data(of: info)
        values = UnsafeBufferPointer(start: data.baseAddress!.assumingMemoryBound(to: Float.self), count: count)
    }
}
