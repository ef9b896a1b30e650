/// Mean and covariance of feature vectors (the Fréchet distance's Gaussian fit).
public struct FrechetStatistics: Sendable {
    public let mean: [Double]
    /// Row-major d × d.
    public let covariance: [Double]
    public var dimension: Int { mean.count }

    public init(mean: [Double], covariance: [Double]) {
        precondition(covariance.count == mean.count * mean.count)
        self.mean = mean
        self.covariance = covariance
    }

    /// Mean and unbiased covariance (divided by N − 1) of N rows of `dimension` features.
    public init(features: [Float], dimension d: Int) {
        let n = features.count / d
        precondition(n >= 2 && n * d == features.count, "need at least two whole feature rows")
        var mean = [Double](repeating: 0, count: d)
        for r in 0 ..< n { for i in 0 ..< d { mean[i] += Double(features[r * d + i]) } }
        mean = mean.map { $0 / Double(n) }
        var cov = [Double](repeating: 0, count: d * d), centered = [Double](repeating: 0, count: d)
        for r in 0 ..< n {
            for i in 0 ..< d { centered[i] = Double(features[r * d + i]) - mean[i] }
            for i in 0 ..< d { for j in i ..< d { cov[i * d + j] += centered[i] * centered[j] } }
        }
        for i in 0 ..< d {
            for j in i ..< d {
                cov[i * d + j] /= Double(n - 1)
                cov[j * d + i] = cov[i * d + j]
            }
        }
        self.init(mean: mean, covariance: cov)
    }

    /// FD = |μ − m|² + tr Σ + tr C − 2·tr((C^½ Σ C^½)^½) with (μ, Σ) = self and (m, C) =
    /// `reference`: C^½ from C's eigen-decomposition, the last trace as Σ √max(λ_i, 0) of the
    /// eigenvalues of the symmetric C^½ Σ C^½.
    public func frechetDistance(to reference: FrechetStatistics) -> Double {
        let d = dimension
        precondition(reference.dimension == d)
        let meanTerm = zip(mean, reference.mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let traces = (0 ..< d).reduce(0) { $0 + covariance[$1 * d + $1] + reference.covariance[$1 * d + $1] }
        let root = SymmetricEigen(reference.covariance, n: d).compose { max($0, 0).squareRoot() }
        let product = Self.multiply(Self.multiply(root, covariance, d), root, d)
        let crossTrace = SymmetricEigen(product, n: d).values.reduce(0) { $0 + max($1, 0).squareRoot() }
        return meanTerm + traces - 2 * crossTrace
    }

    /// (n × n) · (n × n), row-major.
    static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n {
            for k in 0 ..< n {
                let aik = a[i * n + k]
                for j in 0 ..< n { out[i * n + j] += aik * b[k * n + j] }
            }
        }
        return out
    }
}
