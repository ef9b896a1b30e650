/// Floats allocated once, 64-byte aligned and zeroed, that never move: packed weights and the
/// activation arenas of the image networks.
public final class FloatBuffer: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int

    public init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * 4, alignment: 64)
        pointer = raw.initializeMemory(as: Float.self, repeating: 0, count: max(1, count))
    }

    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        pointer.update(from: values, count: values.count)
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }

    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
    public var array: [Float] { Array(buffer) }
}

/// Activations of a batch, channel-major: element (c, b, y, x) lives at
/// ((c·batch + b)·height + y)·width + x. With one image (or one channel) this is NCHW.
/// Channels outermost make a channel concatenation two adjacent ranges of one buffer, and let a
/// convolution treat all pixels of the batch as the columns of one GEMM.
public struct FeatureMap {
    public let data: UnsafeMutablePointer<Float>
    public let channels, batch, height, width: Int

    public init(_ data: UnsafeMutablePointer<Float>, channels: Int, batch: Int, height: Int, width: Int) {
        self.data = data
        self.channels = channels
        self.batch = batch
        self.height = height
        self.width = width
    }

    /// Values of one channel over the whole batch.
    public var plane: Int { batch * height * width }
    public var count: Int { channels * plane }

    /// Channels [range) of this map (a view, no copy).
    public func channels(_ range: Range<Int>) -> FeatureMap {
        FeatureMap(data + range.lowerBound * plane, channels: range.count, batch: batch, height: height, width: width)
    }

    /// The same memory seen with another shape of equal size.
    public func reshaped(channels: Int, height: Int, width: Int) -> FeatureMap {
        precondition(channels * height * width == self.channels * self.height * self.width)
        return FeatureMap(data, channels: channels, batch: batch, height: height, width: width)
    }

    /// Image `b` as (C, H, W) row-major floats.
    public func image(_ b: Int) -> [Float] {
        let hw = height * width
        var out = [Float](repeating: 0, count: channels * hw)
        for c in 0 ..< channels {
            for i in 0 ..< hw { out[c * hw + i] = data[(c * batch + b) * hw + i] }
        }
        return out
    }

    /// Copies `batch` images stored NCHW (image after image) into this map.
    public func load(nchw source: UnsafePointer<Float>) {
        let hw = height * width
        for b in 0 ..< batch {
            for c in 0 ..< channels { (data + (c * batch + b) * hw).update(from: source + (b * channels + c) * hw, count: hw) }
        }
    }

    /// Writes the images NCHW (image after image).
    public func store(nchw target: UnsafeMutablePointer<Float>) {
        let hw = height * width
        for b in 0 ..< batch {
            for c in 0 ..< channels { (target + (b * channels + c) * hw).update(from: data + (c * batch + b) * hw, count: hw) }
        }
    }

    /// Feature map → rows of features: out[b][(c·H + y)·W + x] (PyTorch's flatten of (C, H, W)).
    public func flatten(into rows: UnsafeMutablePointer<Float>) {
        let hw = height * width, features = channels * hw
        for c in 0 ..< channels {
            for b in 0 ..< batch { (rows + b * features + c * hw).update(from: data + (c * batch + b) * hw, count: hw) }
        }
    }

    /// Rows of features → feature map, the inverse of `flatten` (PyTorch's reshape to (C, H, W)).
    public func unflatten(from rows: UnsafePointer<Float>) {
        let hw = height * width, features = channels * hw
        for c in 0 ..< channels {
            for b in 0 ..< batch { (data + (c * batch + b) * hw).update(from: rows + b * features + c * hw, count: hw) }
        }
    }
}

/// Owns the activation buffers of one network at one batch size: built once, then every forward
/// pass at that batch size reuses them.
final class ActivationArena {
    private var buffers: [FloatBuffer] = []

    func map(channels: Int, batch: Int, height: Int, width: Int) -> FeatureMap {
        FeatureMap(floats(channels * batch * height * width), channels: channels, batch: batch, height: height, width: width)
    }

    func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
        buffers.append(FloatBuffer(count: count))
        return buffers[buffers.count - 1].pointer
    }
}
