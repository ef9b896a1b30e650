import CKernels

/// Single-head self-attention over the H·W positions of a feature map, with a residual:
/// out = x + proj(attention(qkv(GN(x)))).
struct SpatialAttention {
    let channels: Int
    let norm: GroupNorm
    let qkv, proj: Conv2D

    init(_ t: TensorReader, _ name: String, channels: Int, groups: Int, epsilon: Float) throws {
        self.channels = channels
        norm = try GroupNorm(t, name + ".norm", channels: channels, groups: groups, epsilon: epsilon)
        qkv = try .pointwise(t, name + ".qkv", in: channels, out: 3 * channels)
        proj = try .pointwise(t, name + ".proj", in: channels, out: channels)
    }

    /// Scratch floats per thread for maps of `positions` pixels.
    static func scratchFloats(positions: Int) -> Int { gp_spatial_attention_scratch(Int64(positions)) }

    /// Temporaries: `normed` and `attended` (C, B, H, W), `qkvOut` (3C, B, H, W). `y` may be `x`.
    func callAsFunction(_ x: FeatureMap, into y: FeatureMap, normed: FeatureMap, qkvOut: FeatureMap,
                        attended: FeatureMap, _ run: ImageExecution) {
        norm(x, into: normed)
        // normed (C, B, n) ⊛ w (3C, C, 1, 1) -> qkv (3C, B, n): q, k, v are channels [0, C), [C, 2C), [2C, 3C).
        qkv(normed, into: qkvOut, run)
        let n = x.height * x.width, c = channels, plane = qkvOut.plane
        let scale = 1 / Float(c).squareRoot()
        run.pool.parallelFor(x.batch) { images, thread in
            for b in images {
                let q = qkvOut.data + b * n
                gp_spatial_attention(Int64(c), Int64(n), q, q + c * plane, q + 2 * c * plane, Int64(plane), scale,
                                     attended.data + b * n, Int64(attended.plane), run.scratch(thread: thread))
            }
        }
        proj(attended, into: y, residual: x, run)
    }
}
