/// PyTorch `GroupNorm`: the channels split into `groups` runs of C/G consecutive channels; each
/// run of one image is normalised by its mean and biased variance, then every channel is scaled
/// and shifted (by its own tensors, or by per-image values for the GAN's conditional norm).
struct GroupNorm {
    let channels, groups: Int
    let epsilon: Float
    private let weight, bias: [Float]

    /// With affine tensors `<name>.weight` and `<name>.bias` (C).
    init(_ tensors: TensorReader, _ name: String, channels: Int, groups: Int, epsilon: Float) throws {
        try self.init(channels: channels, groups: groups, epsilon: epsilon,
                      weight: tensors.floats(name + ".weight", shape: [channels]),
                      bias: tensors.floats(name + ".bias", shape: [channels]))
    }

    /// Without tensors of its own (scale 1, shift 0 unless `normalize` is given others).
    init(channels: Int, groups: Int, epsilon: Float, weight: [Float]? = nil, bias: [Float]? = nil) throws {
        guard groups > 0, channels % groups == 0 else {
            throw ModelError.badHyperparameter(key: "groups", value: "\(groups) for \(channels) channels")
        }
        self.channels = channels
        self.groups = groups
        self.epsilon = epsilon
        self.weight = weight ?? [Float](repeating: 1, count: channels)
        self.bias = bias ?? [Float](repeating: 0, count: channels)
    }

    /// y = activation(GN(x) · weight + bias); y may be x.
    func callAsFunction(_ x: FeatureMap, into y: FeatureMap, activation: Activation = .identity) {
        weight.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                normalize(x, into: y, activation: activation) { _, c in (w[c], b[c]) }
            }
        }
    }

    /// y = activation(GN(x) · scale + shift) with `affine(image, channel)` giving scale and shift.
    func normalize(_ x: FeatureMap, into y: FeatureMap, activation: Activation,
                   affine: (_ image: Int, _ channel: Int) -> (scale: Float, shift: Float)) {
        precondition(x.channels == channels && y.count == x.count)
        let hw = x.height * x.width, perGroup = channels / groups
        let n = Double(perGroup * hw)
        for image in 0 ..< x.batch {
            for g in 0 ..< groups {
                let group = g * perGroup ..< (g + 1) * perGroup
                func row(_ c: Int) -> Int { (c * x.batch + image) * hw }
                var sum = 0.0
                for c in group { sum += Double(Self.sum(x.data + row(c), hw) { $0 }) }
                let mean = Float(sum / n)
                var squares = 0.0
                for c in group { squares += Double(Self.sum(x.data + row(c), hw) { ($0 - mean) * ($0 - mean) }) }
                let inverse = 1 / (Float(squares / n) + epsilon).squareRoot()
                for c in group {
                    let (scale, shift) = affine(image, c)
                    let a = inverse * scale, d = shift - mean * a
                    let src = x.data + row(c), dst = y.data + row(c)
                    for i in 0 ..< hw { dst[i] = src[i] * a + d }
                    activation.apply(dst, into: dst, count: hw)
                }
            }
        }
    }

    /// Σ f(p[i]) over `count` values in eight float lanes (exact enough for one row).
    @inline(__always)
    private static func sum(_ p: UnsafePointer<Float>, _ count: Int, _ f: (SIMD8<Float>) -> SIMD8<Float>) -> Float {
        var lanes = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            lanes += f(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self))
            i += 8
        }
        var tail = SIMD8<Float>()
        for j in i ..< count { tail[j - i] = p[j] }
        if i < count {
            let mask = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .< SIMD8<Int32>(repeating: Int32(count - i))
            lanes += f(tail).replacing(with: 0, where: .!mask)
        }
        return lanes.sum()
    }
}
