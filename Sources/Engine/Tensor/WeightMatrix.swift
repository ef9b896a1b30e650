import CKernels
#if canImport(Glibc)
import Glibc
#endif

/// A matrix of `rows` rows × `columns` values stored in the memory map (ggml shape [columns, rows]),
/// multiplied through its type's traits. A class: the model's loader repacks every matrix in
/// place once all are mapped, and a tied output head shares the embedding's instance.
public final class WeightMatrix: @unchecked Sendable {
    public static var supportedTypes: [GGMLType] { GGMLType.computable }

    public let name: String
    public let type: GGMLType
    public let columns: Int
    public let rows: Int
    public let rowBytes: Int
    public let base: UnsafeRawPointer
    let traits: UnsafePointer<gp_type_traits>
    /// The dot products llama.cpp uses for this matrix (they depend on its type and row count).
    private let dots: gp_row_dots
    /// The rows in the type's repacked layout, once `pack` has run (when the type has one).
    private var packed: PackedRows?

    public convenience init(_ file: GGUFFile, _ name: String, columns: Int, rows: Int) throws {
        try self.init(file, name, columns: columns, rows: 0 ..< rows, of: rows)
    }

    /// Rows `slice` of the `totalRows` × `columns` tensor `name` (Q, K or V of a fused
    /// `attn_qkv`): their dot products are the ones llama.cpp picks for the whole tensor, which
    /// it multiplies at once.
    public init(_ file: GGUFFile, _ name: String, columns: Int, rows slice: Range<Int>, of totalRows: Int) throws {
        precondition(!slice.isEmpty && slice.lowerBound >= 0 && slice.upperBound <= totalRows, "rows \(slice) of \(totalRows)")
        guard let info = file.tensor(named: name) else { throw ModelError.missingTensor(name) }
        guard let traits = info.type.traits, traits.pointee.vec_dot != nil else {
            throw ModelError.unsupportedTensorType(tensor: name, type: info.type.name)
        }
        let shape = totalRows == 1 ? [columns] : [columns, totalRows]
        guard info.shape == shape || info.shape == shape + [1] else {
            throw ModelError.shapeMismatch(tensor: name, expected: shape, found: info.shape)
        }
        self.name = slice.count == totalRows ? name : "\(name)[\(slice.lowerBound)..<\(slice.upperBound)]"
        type = info.type
        self.traits = traits
        dots = gp_row_dots_for(traits, Int64(totalRows), Int64(columns))
        activationRowBytes = gp_activation_row_bytes(traits, Int64(columns))
        self.columns = columns
        rows = slice.count
        rowBytes = info.type.rowBytes(columns)
        base = file.data(of: info).baseAddress! + slice.lowerBound * rowBytes
    }

    /// Bytes of one activation row prepared for this matrix (see `prepare`).
    public let activationRowBytes: Int

    /// The ggml type activation rows are converted to; matrices that share it and their column
    /// count can share one converted input.
    var activationType: Int32 { traits.pointee.vec_dot_type }

    /// Converts `count` float rows into the activation format the dot kernel takes
    /// (8-bit blocks for quantized weights, halves for F16), as llama.cpp does per matmul.
    public func prepare(_ input: UnsafePointer<Float>, count: Int, into buffer: UnsafeMutableRawPointer) {
        gp_prepare_activations(traits, input, Int64(columns), Int64(count), buffer)
    }

    /// Bytes this matrix takes in its type's repacked layout, or 0 when it stays as mapped.
    var packedByteCount: Int { traits.pointee.packing.map { $0.pointee.bytes(Int64(rows), Int64(columns)) } ?? 0 }

    /// Repacks the rows into `destination` (packedByteCount bytes) and reads them from there
    /// from now on. The mapped pages are released chunk by chunk as they are packed (row
    /// lookups re-read them from the file), so a large matrix is never resident twice.
    func pack(into destination: UnsafeMutableRawPointer, owner: PackedArena) {
        guard let packing = traits.pointee.packing, packedByteCount > 0 else { return }
        let layout = packing.pointee, chunk = 1024
        for first in stride(from: 0, to: rows, by: chunk) {
            let count = min(chunk, rows - first)
            layout.pack(base + first * rowBytes, rowBytes, Int64(count), Int64(columns),
                        destination + layout.bytes(Int64(first), Int64(columns)))
            releasePages(first ..< first + count)
        }
        packed = PackedRows(owner: owner, bytes: destination, layout: packing)
    }

    /// Drops rows' pages from the process's resident memory (they are re-read from the file if
    /// touched again); pages shared with rows outside the range stay.
    private func releasePages(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + range.lowerBound * rowBytes + page - 1) / page * page
        let end = (Int(bitPattern: base) + range.upperBound * rowBytes) / page * page
        if end > start { madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED) }
    }

    /// out[t * outStride + r] = row r · activation t, for rows in `rowRange`; `place` says
    /// where the activations sit in llama.cpp's batch, which decides its arithmetic.
    public func multiply(prepared: UnsafeRawPointer, count: Int, into out: UnsafeMutablePointer<Float>,
                         outStride: Int, rowRange: Range<Int>, place: BatchPlace) {
        func rowByRow(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            withUnsafePointer(to: dots) { dots in
                gp_matmul(dots, base, rowBytes, Int64(columns), prepared, activationRowBytes, Int64(count),
                          Int64(place.batch), Int64(place.first), out, Int64(outStride),
                          Int64(range.lowerBound), Int64(range.upperBound))
            }
        }
        guard let packed else { return rowByRow(rowRange) }
        // Packed groups cover the aligned middle; stray rows at the ends go row by row.
        let g = Int(packed.layout.pointee.group)
        let lo = min(rowRange.upperBound, (rowRange.lowerBound + g - 1) / g * g)
        let hi = max(lo, rowRange.upperBound / g * g)
        rowByRow(rowRange.lowerBound ..< lo)
        if lo < hi {
            packed.layout.pointee.matmul(packed.bytes, Int64(columns), prepared, activationRowBytes, Int64(count),
                          out, Int64(outStride), Int64(lo), Int64(hi))
        }
        rowByRow(hi ..< rowRange.upperBound)
    }

    /// Prepares `count` input rows and multiplies on the pool: out (count × rows) = input · Wᵀ.
    /// `place`: where the rows sit in llama.cpp's batch (by default, they are the whole batch).
    public func multiply(_ input: UnsafePointer<Float>, count: Int, into out: UnsafeMutablePointer<Float>,
                         scratch: UnsafeMutableRawPointer, pool: WorkerPool, place: BatchPlace? = nil) {
        prepare(input, count: count, into: scratch)
        let place = place ?? BatchPlace(batch: count)
        pool.parallelFor(rows, granule: 16) { range, _ in
            multiply(prepared: scratch, count: count, into: out, outStride: rows, rowRange: range, place: place)
        }
    }

    /// Row `index` as floats (embedding lookup).
    public func dequantizeRow(_ index: Int, into out: UnsafeMutablePointer<Float>) {
        // Every computable type converts to floats: the trait-table test checks it.
        traits.pointee.to_float(base + index * rowBytes, out, Int64(columns))
    }
}

/// Where activation rows sit in the batch llama.cpp multiplies them in: row t is row
/// `first + t` of `batch` rows. Its CPU kernels pick their arithmetic by that place (a tiled
/// matmul for batches of 8 or more, four-row groups, single rows), so a row computed alone must
/// say where llama.cpp computed it.
public struct BatchPlace: Sendable, Equatable {
    public var batch: Int
    public var first: Int

    public init(batch: Int, first: Int = 0) {
        self.batch = batch
        self.first = first
    }
}

/// Where a repacked matrix lives (a slice of an arena that stays alive with it) and the
/// layout's kernels.
struct PackedRows: @unchecked Sendable {
    let owner: PackedArena
    let bytes: UnsafeMutableRawPointer
    let layout: UnsafePointer<gp_packing>
}

/// A vector of floats in the memory map (norm weights, biases).
public struct WeightVector: @unchecked Sendable {
    public let values: UnsafeBufferPointer<Float>

    public init(_ file: GGUFFile, _ name: String, count: Int) throws {
        try self.init(file, name, slice: 0 ..< count, of: count)
    }

    /// Values `slice` of the `total`-value vector `name` (a fused `attn_qkv.bias`).
    public init(_ file: GGUFFile, _ name: String, slice: Range<Int>, of total: Int) throws {
        precondition(slice.lowerBound >= 0 && slice.upperBound <= total, "values \(slice) of \(total)")
        guard let info = file.tensor(named: name) else { throw ModelError.missingTensor(name) }
        guard info.type == .f32 else { throw ModelError.vectorNotF32(tensor: name, type: info.type.name) }
        guard info.shape == [total] else { throw ModelError.shapeMismatch(tensor: name, expected: [total], found: info.shape) }
        let data = file.data(of: info)
        values = UnsafeBufferPointer(start: data.baseAddress!.assumingMemoryBound(to: Float.self) + slice.lowerBound, count: slice.count)
    }

    var pointer: UnsafePointer<Float> { values.baseAddress! }
}
