/// Eigen-decomposition of a small real symmetric matrix by the cyclic Jacobi method: sweeps of
/// plane rotations that zero each off-diagonal entry in turn until the off-diagonal mass is
/// negligible. Quadratic convergence makes ~10 sweeps enough at 64 × 64.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues, in no particular order.
    public let values: [Double]
    /// Row-major n × n; column j is the unit eigenvector of `values[j]`.
    public let vectors: [Double]
    public let n: Int

    /// `matrix` is row-major n × n and symmetric (only its upper triangle is trusted).
    public init(_ matrix: [Double], n: Int, maxSweeps: Int = 50) {
        precondition(matrix.count == n * n)
        var a = matrix, v = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n {
            v[i * n + i] = 1
            for j in 0 ..< i { a[i * n + j] = a[j * n + i] }
        }
        let scale = max(a.reduce(0) { $0 + $1 * $1 }, .leastNormalMagnitude)
        for _ in 0 ..< maxSweeps {
            var off = 0.0
            for p in 0 ..< n { for q in p + 1 ..< n { off += a[p * n + q] * a[p * n + q] } }
            if off <= 1e-30 * scale { break }
            for p in 0 ..< n {
                for q in p + 1 ..< n where a[p * n + q] != 0 {
                    // The rotation (c, s) that zeroes a[p][q] (Golub & Van Loan, sym.schur2).
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0 ..< n { // columns p, q of A
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0 ..< n { // rows p, q of A
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0 ..< n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        values = (0 ..< n).map { a[$0 * n + $0] }
        vectors = v
        self.n = n
    }

    /// V · diag(f(λ)) · Vᵀ, e.g. the square root of a positive semi-definite matrix.
    public func compose(_ f: (Double) -> Double) -> [Double] {
        let d = values.map(f)
        var out = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n {
            for j in i ..< n {
                var sum = 0.0
                for k in 0 ..< n { sum += vectors[i * n + k] * d[k] * vectors[j * n + k] }
                out[i * n + j] = sum
                out[j * n + i] = sum
            }
        }
        return out
    }
}
