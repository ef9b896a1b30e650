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
        let m = try WeightMatrix(file, name, columns: columns, rows: rows)
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

    /// A float vector copied out of the map (small tables such as rope factors).
    func optionalFloats(_ name: String, count: Int) throws -> [Float]? {
        try optionalVector(name, count: count).map { Array($0.values) }
    }

    /// Repacks every matrix used in matmuls, in the order they were looked up.
    func pack(pool: WorkerPool) {
        PackedArena.pack(multiplied, pool: pool)
    }
}
