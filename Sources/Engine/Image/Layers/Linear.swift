import CKernels

/// y = W x + b for a batch of rows (PyTorch `Linear`), W (out, in) kept as Float32.
struct Linear {
    let inFeatures, outFeatures: Int
    private let weight: FloatBuffer
    private let bias: FloatBuffer
    /// Below this many multiply-adds a call stays on the calling thread (a barrier costs more).
    private static let parallelMinimum = 1 << 16
    private static let float32 = gp_row_dots_for(GGMLType.f32.traits!, 1, 1)

    init(_ tensors: TensorReader, _ name: String, in inFeatures: Int, out outFeatures: Int) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = FloatBuffer(try tensors.floats(name + ".weight", shape: [outFeatures, inFeatures]))
        bias = FloatBuffer(try tensors.floats(name + ".bias", shape: [outFeatures]))
    }

    /// x (rows, in) · Wᵀ (in, out) + b -> y (rows, out).
    func callAsFunction(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>, _ run: ImageExecution) {
        let n = inFeatures, m = outFeatures, w = UnsafePointer(weight.pointer), b = bias.pointer
        let rowBytes = n * MemoryLayout<Float>.stride
        func compute(_ range: Range<Int>) {
            var dots = Self.float32
            gp_matmul(&dots, w, rowBytes, Int64(n), x, rowBytes, Int64(rows), Int64(rows), 0, y, Int64(m),
                      Int64(range.lowerBound), Int64(range.upperBound))
            for r in 0 ..< rows {
                for o in range { y[r * m + o] += b[o] }
            }
        }
        if rows * m * n < Self.parallelMinimum {
            compute(0 ..< m)
        } else {
            run.pool.parallelFor(m, granule: 8) { range, _ in compute(range) }
        }
    }
}

/// A table of rows (PyTorch `Embedding`), e.g. one vector per class.
struct Embedding {
    let rows, dimension: Int
    private let table: [Float]

    init(_ tensors: TensorReader, _ name: String, rows: Int, dimension: Int) throws {
        self.rows = rows
        self.dimension = dimension
        table = try tensors.floats(name + ".weight", shape: [rows, dimension])
    }

    /// Row `index` (the caller checks the range).
    func row(_ index: Int) -> ArraySlice<Float> { table[index * dimension ..< (index + 1) * dimension] }

    /// Copies row `index` to `out`.
    func copyRow(_ index: Int, into out: UnsafeMutablePointer<Float>) {
        table.withUnsafeBufferPointer { out.update(from: $0.baseAddress! + index * dimension, count: dimension) }
    }
}
