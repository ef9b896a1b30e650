/// A model's tensors looked up by name, as llama.cpp's `create_tensor` does: a required tensor
/// that is missing, misshapen or of a type without kernels is an error naming it; an optional
/// one is nil when absent (and still checked when present). Matrices handed out for matmuls are
/// remembered and repacked together, in one arena, by `pack(pool:)`.
final class ModelTensors {
    let file: GGUFFile
    private var multiplied: [WeightMatrix] = []

    init(_ file: GGUFFile) { self.file = file }

    func contains(_ name: String) -> Bool { file.tensor(named: name) != nil }

    /// A `rows` × `columns` matrix used in matmuls.
    func matrix(_ name: String, columns: Int, rows: Int) throws -> WeightMatrix {
        try matrix(name, columns: columns, rows: 0 ..< rows, of: rows)
    }

    /// Rows `rows` of a `total`-row matrix used in matmuls (one part of a fused tensor).
    func matrix(_ name: String, columns: Int, rows: Range<Int>, of total: Int) throws -> WeightMatrix {
        let m = try WeightMatrix(file, name, columns: columns, rows: rows, of: total)
        multiplied.append(m)
        return m
    }

    func optionalMatrix(_ name: String, columns: Int, rows: Int) throws -> WeightMatrix? {
        contains(name) ? try matrix(name, columns: columns, rows: rows) : nil
    }

    /// A matrix read by rows only (the token embedding); `multiplied(by:)` adds it to the
    /// matmul set when it doubles as the output head.
    func table(_ name: String, columns: Int, rows: Int) throws -> WeightMatrix {
        try WeightMatrix(file, name, columns: columns, rows: rows)
    }

    /// Marks a matrix from `table` as also used in matmuls (tied weights).
    func multiplied(_ m: WeightMatrix) -> WeightMatrix {
        multiplied.append(m)
        return m
    }

    func vector(_ name: String, count: Int) throws -> WeightVector {
        try WeightVector(file, name, count: count)
    }

    func optionalVector(_ name: String, count: Int) throws -> WeightVector? {
        contains(name) ? try vector(name, count: count) : nil
    }

    /// A vector the architecture has (`.required`), may have (`.optional`) or ignores (`.absent`).
    func vector(_ name: String, count: Int, _ presence: TensorPresence) throws -> WeightVector? {
        switch presence {
        case .absent: return nil
        case .optional: return try optionalVector(name, count: count)
        case .required: return try vector(name, count: count)
        }
    }

    /// Values `slice` of a `total`-value vector (one part of a fused bias).
    func vector(_ name: String, slice: Range<Int>, of total: Int) throws -> WeightVector {
        try WeightVector(file, name, slice: slice, of: total)
    }

    /// Per-pair rope frequency factors as llama.cpp's `get_rope_factors` picks them: under
    /// LongRoPE (`longRope`), `rope_factors_long` when the context exceeds the original training
    /// context and `rope_factors_short` otherwise; else Llama 3's `rope_freqs`. Nil when absent.
    func ropeFactors(_ c: TransformerConfig, context: Int, longRope: Bool) throws -> [Float]? {
        let name = !longRope ? TensorName.ropeFrequencies
            : context > c.ropeOriginalContext ? TensorName.ropeFactorsLong : TensorName.ropeFactorsShort
        return try optionalFloats(name, count: c.ropeDimensions / 2)
    }

    /// A float vector copied out of the map (small tables such as rope factors).
    func optionalFloats(_ name: String, count: Int) throws -> [Float]? {
        try optionalVector(name, count: count).map { Array($0.values) }
    }

    /// Repacks every matrix used in matmuls, in the order they were looked up.
    func pack(pool: WorkerPool) throws(NotEnoughMemory) {
        try PackedArena.pack(multiplied, pool: pool, for: file.path)
    }
}
