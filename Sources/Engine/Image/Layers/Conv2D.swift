import CKernels

/// A 2-D convolution with bias (PyTorch `Conv2d`: cross-correlation, zero padding), computed
/// as a GEMM over im2col strips in `CKernels/conv.c`. Weights are packed once at load.
struct Conv2D {
    let inChannels, outChannels, kernel, stride, padding: Int
    private let packed: FloatBuffer
    private let bias: FloatBuffer

    /// Reads `<name>.weight` (O, C, k, k) and `<name>.bias` (O).
    init(_ tensors: TensorReader, _ name: String, in inChannels: Int, out outChannels: Int,
         kernel: Int, stride: Int = 1, padding: Int) throws {
        precondition(kernel <= Int(GP_CONV_MAX_KERNEL))
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        let k = inChannels * kernel * kernel
        let w = try tensors.floats(name + ".weight", shape: [outChannels, inChannels, kernel, kernel])
        packed = FloatBuffer(count: gp_conv_packed_weight_count(Int64(outChannels), Int64(k)))
        gp_conv_pack_weights(w, Int64(outChannels), Int64(k), packed.pointer)
        bias = FloatBuffer(try tensors.floats(name + ".bias", shape: [outChannels]))
    }

    /// "conv3×3": stride 1, padding 1.
    static func same3x3(_ t: TensorReader, _ name: String, in c: Int, out o: Int) throws -> Conv2D {
        try Conv2D(t, name, in: c, out: o, kernel: 3, padding: 1)
    }

    /// "conv3×3/2": stride 2, padding 1 (28 → 14 → 7).
    static func down3x3(_ t: TensorReader, _ name: String, in c: Int, out o: Int) throws -> Conv2D {
        try Conv2D(t, name, in: c, out: o, kernel: 3, stride: 2, padding: 1)
    }

    /// "conv1×1": a per-pixel linear map.
    static func pointwise(_ t: TensorReader, _ name: String, in c: Int, out o: Int) throws -> Conv2D {
        try Conv2D(t, name, in: c, out: o, kernel: 1, padding: 0)
    }

    func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        ((height + 2 * padding - kernel) / stride + 1, (width + 2 * padding - kernel) / stride + 1)
    }

    /// Floats of per-thread scratch a call needs (independent of the image size).
    var scratchFloats: Int { (inChannels * kernel * kernel + kernel * kernel) * Int(GP_CONV_NR) }

    /// y = conv(x) (+ residual): x (C, B, H, W) ⊛ w (O, C, k, k) -> y (O, B, H', W').
    /// `residual` may be `y` itself (accumulate); `x` must not overlap `y`.
    func callAsFunction(_ x: FeatureMap, into y: FeatureMap, residual: FeatureMap? = nil, _ run: ImageExecution) {
        let size = outputSize(height: x.height, width: x.width)
        precondition(x.channels == inChannels && y.channels == outChannels && y.batch == x.batch
            && y.height == size.height && y.width == size.width)
        var g = gp_conv_geometry(channels: Int64(inChannels), batch: Int64(x.batch), in_h: Int64(x.height),
                                 in_w: Int64(x.width), out_h: Int64(y.height), out_w: Int64(y.width),
                                 kernel: Int64(kernel), stride: Int64(stride), pad: Int64(padding))
        let strips = (y.plane + Int(GP_CONV_NR) - 1) / Int(GP_CONV_NR)
        let w = UnsafePointer(packed.pointer), b = UnsafePointer(bias.pointer)
        let input = UnsafePointer(x.data), res = residual.map { UnsafePointer($0.data) }, out = y.data
        let outChannels = Int64(outChannels)
        withUnsafePointer(to: &g) { geometry in
            run.pool.parallelFor(strips) { range, thread in
                gp_conv2d(geometry, w, outChannels, b, input, res, out,
                          Int64(range.lowerBound), Int64(range.upperBound), run.scratch(thread: thread))
            }
        }
    }
}
