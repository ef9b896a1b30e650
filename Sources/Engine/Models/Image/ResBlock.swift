/// The UNet's residual block (cin → cout), conditioned on the shared embedding e = silu(emb):
///   r = conv1(silu(norm1(x))) + emb(e);  out = skip(x) + conv2(silu(norm2(r)))
/// with skip a 1×1 convolution when cin ≠ cout, else the identity.
struct ResBlock {
    let inChannels, outChannels: Int
    let norm1, norm2: GroupNorm
    let conv1, conv2: Conv2D
    let emb: Linear
    let skip: Conv2D?

    init(_ t: TensorReader, _ name: String, in cin: Int, out cout: Int, config c: UNetConfig) throws {
        inChannels = cin
        outChannels = cout
        norm1 = try GroupNorm(t, name + ".norm1", channels: cin, groups: c.groups, epsilon: c.epsilon)
        conv1 = try .same3x3(t, name + ".conv1", in: cin, out: cout)
        emb = try Linear(t, name + ".emb", in: c.embeddingDimension, out: cout)
        norm2 = try GroupNorm(t, name + ".norm2", channels: cout, groups: c.groups, epsilon: c.epsilon)
        conv2 = try .same3x3(t, name + ".conv2", in: cout, out: cout)
        skip = cin == cout ? nil : try .pointwise(t, name + ".skip", in: cin, out: cout)
    }

    var convolutions: [Conv2D] { [conv1, conv2] + (skip.map { [$0] } ?? []) }

    /// `e` holds B rows of the embedding; `wide` has ≥ max(cin, cout) channels, `narrow` cout,
    /// `projected` B·cout floats. `out` must not be `x` when there is a skip convolution.
    func callAsFunction(_ x: FeatureMap, embedding e: UnsafePointer<Float>, into out: FeatureMap,
                        wide: FeatureMap, narrow: FeatureMap, projected: UnsafeMutablePointer<Float>, _ run: ImageExecution) {
        let h = wide.channels(0 ..< inChannels), r = narrow.channels(0 ..< outChannels)
        norm1(x, into: h, activation: .silu)
        conv1(h, into: r, run)
        // r[c, b, :] += emb(e)[b, c]
        emb(e, rows: x.batch, into: projected, run)
        let hw = r.height * r.width
        for c in 0 ..< outChannels {
            for b in 0 ..< x.batch {
                let row = r.data + (c * x.batch + b) * hw, v = projected[b * outChannels + c]
                for i in 0 ..< hw { row[i] += v }
            }
        }
        let h2 = wide.channels(0 ..< outChannels)
        norm2(r, into: h2, activation: .silu)
        if let skip {
            skip(x, into: out, run)
            conv2(h2, into: out, residual: out, run)
        } else {
            conv2(h2, into: out, residual: x, run)
        }
    }
}
