/// Several matrices applied to the same input in one parallel region (q/k/v, gate/up): the
/// input is converted once per activation format and the threads split the rows of all the
/// matrices together, so one barrier serves them all.
struct MatmulPlan {
    struct Part {
        let matrix: WeightMatrix
        let output: UnsafeMutablePointer<Float>
        /// First row of this part in the combined row range.
        let firstRow: Int
        /// Where its converted input lives in the scratch buffer.
        let scratchOffset: Int
    }

    let parts: [Part]
    let totalRows: Int
    private let formats: [(matrix: WeightMatrix, offset: Int)]

    /// `batch`: the most input rows a call will pass (sizes the scratch layout).
    init(_ items: [(WeightMatrix, UnsafeMutablePointer<Float>)], batch: Int) {
        var parts: [Part] = []
        var formats: [(matrix: WeightMatrix, offset: Int)] = []
        var row = 0, offset = 0
        for (matrix, output) in items {
            let shared = formats.first { $0.matrix.activationType == matrix.activationType && $0.matrix.columns == matrix.columns }
            let scratch = shared?.offset ?? offset
            if shared == nil {
                formats.append((matrix, offset))
                offset += (matrix.activationRowBytes * batch + 63) / 64 * 64
            }
            parts.append(Part(matrix: matrix, output: output, firstRow: row, scratchOffset: scratch))
            row += matrix.rows
        }
        self.parts = parts
        self.formats = formats
        totalRows = row
        scratchBytes = offset
    }

    /// Bytes of scratch the plan needs for `batch` rows.
    let scratchBytes: Int

    /// out_i (count × rows_i) = input · W_iᵀ for every part.
    func run(_ input: UnsafePointer<Float>, count: Int, scratch: UnsafeMutableRawPointer, pool: WorkerPool) {
        for f in formats { f.matrix.prepare(input, count: count, into: scratch + f.offset) }
        pool.parallelFor(totalRows, granule: 16) { range, _ in
            for part in parts {
                let lo = max(range.lowerBound, part.firstRow), hi = min(range.upperBound, part.firstRow + part.matrix.rows)
                guard lo < hi else { continue }
                part.matrix.multiply(prepared: scratch + part.scratchOffset, count: count, into: part.output,
                                     outStride: part.matrix.rows, rowRange: lo - part.firstRow ..< hi - part.firstRow,
                                     place: BatchPlace(batch: count))
            }
        }
    }
}
