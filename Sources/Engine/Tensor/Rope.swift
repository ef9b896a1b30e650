import Foundation

/// Rotary position embedding in GGUF's "normal" layout: adjacent pairs (x[2i], x[2i+1]) rotate
/// by pos·base^(-2i/dims). GGUF converters permute Q/K weights so this matches the reference.
struct Rope {
    let dimensions: Int
    let thetaScale: Float

    init(dimensions: Int, base: Float) {
        self.dimensions = dimensions
        thetaScale = powf(base, -2.0 / Float(dimensions))
    }

    /// cos/sin pairs for one position, as ggml builds its cache: theta multiplied step by step.
    func fillTable(position: Int, into table: UnsafeMutablePointer<Float>) {
        var theta = Float(position)
        for i in stride(from: 0, to: dimensions, by: 2) {
            table[i] = cosf(theta)
            table[i + 1] = sinf(theta)
            theta *= thetaScale
        }
    }

    /// Rotates the first `dimensions` values of each of `heads` vectors of length `headDim`.
    /// The fused multiply-adds reproduce the reference build's contraction of x0·cos − x1·sin.
    func apply(_ x: UnsafeMutablePointer<Float>, heads: Int, headDim: Int, table: UnsafePointer<Float>) {
        for h in 0 ..< heads {
            let v = x + h * headDim
            for i in stride(from: 0, to: dimensions, by: 2) {
                let c = table[i], s = table[i + 1]
                let x0 = v[i], x1 = v[i + 1]
                v[i] = (-(x1 * s)).addingProduct(x0, c)
                v[i + 1] = (x1 * c).addingProduct(x0, s)
            }
        }
    }
}
