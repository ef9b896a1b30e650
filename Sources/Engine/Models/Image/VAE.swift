/// The convolutional VAE of `vae` checkpoints (Checkpoints/README.md, "VAEs"): an encoder of
/// stride-2 conv3×3s and a hidden layer to the posterior's mean and log-variance, and a decoder
/// of two linear layers and nearest ×2 + conv3×3 stages to Bernoulli logits per pixel.
/// Not for concurrent use.
public final class VAE {
    public let info: ImageModelInfo
    public let latentDimension: Int
    /// Per-class mean of the encoder's μ over the test set (classCount × latent, flat).
    public let classMeans: [Float]
    /// 1st and 99th percentile of μ over the test set per dimension: the extent of a latent map.
    public let latentLow, latentHigh: [Float]
    /// Test-set ELBO, reconstruction and KL terms in nats per image, as trained.
    public let testELBO, testReconstruction, testKL: Float?
    let encoderConvs, decoderConvs: [Conv2D]
    let encoderFC, mu, logvar, decoderFC1, decoderFC2: Linear
    let outConv: Conv2D
    /// Sizes after each encoder conv (size, size/2, …) and of the decoder's first map.
    let encoderSizes: [Int]
    let decoderSize: Int
    let run: ImageExecution
    private var encoderWorkspace: EncoderWorkspace?
    private var decoderWorkspace: DecoderWorkspace?

    public init(file: GGUFFile, threads: Int = 2) throws {
        typealias K = GGUFKey.VAE
        info = try ImageModelInfo(file, expecting: K.architecture)
        latentDimension = try file.requireInt(K.latentDimension)
        let encoderChannels = try file.requireIntArray(K.encoderChannels)
        let decoderChannels = try file.requireIntArray(K.decoderChannels)
        let hidden = try file.requireInt(K.hiddenDimension)
        let t = TensorReader(file)
        var convs: [Conv2D] = [], sizes = [info.size], cin = info.channels
        for (i, c) in encoderChannels.enumerated() {
            convs.append(try .down3x3(t, "enc.conv\(i + 1)", in: cin, out: c))
            sizes.append(convs[i].outputSize(height: sizes[i], width: sizes[i]).height)
            cin = c
        }
        encoderConvs = convs
        encoderSizes = sizes
        encoderFC = try Linear(t, "enc.fc", in: cin * sizes.last! * sizes.last!, out: hidden)
        mu = try Linear(t, "enc.mu", in: hidden, out: latentDimension)
        logvar = try Linear(t, "enc.logvar", in: hidden, out: latentDimension)
        // The decoder doubles its map before each conv, so it starts at size / 2^(stages − 1).
        let stages = decoderChannels.count - 1
        decoderSize = info.size >> stages
        guard stages >= 0, decoderSize << stages == info.size else {
            throw ModelError.badHyperparameter(key: K.decoderChannels, value: "\(decoderChannels) for \(info.size)-pixel images")
        }
        decoderFC1 = try Linear(t, "dec.fc1", in: latentDimension, out: hidden)
        decoderFC2 = try Linear(t, "dec.fc2", in: hidden, out: decoderChannels[0] * decoderSize * decoderSize)
        decoderConvs = try (0 ..< stages).map {
            try .same3x3(t, "dec.conv\($0 + 1)", in: decoderChannels[$0], out: decoderChannels[$0 + 1])
        }
        outConv = try .same3x3(t, "dec.conv_out", in: decoderChannels.last!, out: info.channels)
        classMeans = try t.floats("class_means", shape: [info.classNames.count, latentDimension])
        latentLow = try file.floatArray(K.latentLow) ?? [Float](repeating: -3, count: latentDimension)
        latentHigh = try file.floatArray(K.latentHigh) ?? [Float](repeating: 3, count: latentDimension)
        (testELBO, testReconstruction, testKL) = (try file.float(K.testELBO), try file.float(K.testReconstruction), try file.float(K.testKL))
        let all = encoderConvs + decoderConvs + [outConv]
        run = ImageExecution(threads: threads, scratchFloats: all.map(\.scratchFloats).max() ?? 0)
    }

    /// The posterior q(z|x) = N(mu, exp(logvar)) of each image (count × latent each).
    public struct Posterior: Sendable {
        public let count: Int
        public let mu, logvar: [Float]
    }

    /// Encodes `count` images (NCHW, values in 0...1).
    public func encode(_ images: UnsafePointer<Float>, count: Int) -> Posterior {
        if encoderWorkspace?.batch != count { encoderWorkspace = EncoderWorkspace(self, batch: count) }
        let w = encoderWorkspace!
        w.input.load(nchw: images)
        var h = w.input
        for (conv, out) in zip(encoderConvs, w.maps) {
            conv(h, into: out, run) // (C, s, s) ⊛ (C', C, 3, 3)/2 -> (C', s/2, s/2)
            Activation.silu.apply(out)
            h = out
        }
        h.flatten(into: w.flat)
        encoderFC(w.flat, rows: count, into: w.hidden, run) // (B, C·s·s) -> (B, hidden)
        Activation.silu.apply(w.hidden, into: w.hidden, count: count * encoderFC.outFeatures)
        mu(w.hidden, rows: count, into: w.mu, run) // (B, hidden) -> (B, latent)
        logvar(w.hidden, rows: count, into: w.logvar, run)
        let n = count * latentDimension
        return Posterior(count: count, mu: Array(UnsafeBufferPointer(start: w.mu, count: n)),
                         logvar: Array(UnsafeBufferPointer(start: w.logvar, count: n)))
    }

    public func encode(_ images: [Float]) -> Posterior {
        let count = images.count / info.pixelCount
        return images.withUnsafeBufferPointer { encode($0.baseAddress!, count: count) }
    }

    /// Decoder logits ℓ for `count` latent vectors (count × latent) into `logits` (NCHW).
    public func decodeLogits(_ z: UnsafePointer<Float>, count: Int, into logits: UnsafeMutablePointer<Float>) {
        if decoderWorkspace?.batch != count { decoderWorkspace = DecoderWorkspace(self, batch: count) }
        let w = decoderWorkspace!
        decoderFC1(z, rows: count, into: w.hidden, run) // (B, latent) -> (B, hidden)
        Activation.silu.apply(w.hidden, into: w.hidden, count: count * decoderFC1.outFeatures)
        decoderFC2(w.hidden, rows: count, into: w.flat, run) // (B, hidden) -> (B, C·s·s)
        Activation.silu.apply(w.flat, into: w.flat, count: count * decoderFC2.outFeatures)
        w.first.unflatten(from: w.flat)
        var h = w.first
        for (i, conv) in decoderConvs.enumerated() {
            upsampleNearest2x(h, into: w.upsampled[i])
            conv(w.upsampled[i], into: w.maps[i], run) // (C, 2s, 2s) ⊛ (C', C, 3, 3) -> (C', 2s, 2s)
            Activation.silu.apply(w.maps[i])
            h = w.maps[i]
        }
        outConv(h, into: w.output, run)
        w.output.store(nchw: logits)
    }

    /// Mean images sigmoid(ℓ) in 0...1 for latent vectors (count × latent).
    public func decode(_ z: [Float]) -> [Float] {
        let count = z.count / latentDimension
        precondition(count * latentDimension == z.count, "\(z.count) values are not whole latent vectors")
        var out = [Float](repeating: 0, count: count * info.pixelCount)
        z.withUnsafeBufferPointer { zb in
            out.withUnsafeMutableBufferPointer { o in
                decodeLogits(zb.baseAddress!, count: count, into: o.baseAddress!)
                Activation.sigmoid.apply(o.baseAddress!, into: o.baseAddress!, count: o.count)
            }
        }
        return out
    }

    /// The image at a point of a 2-D latent space (the latent map).
    public func decode(pointX x: Float, y: Float) -> [Float] {
        precondition(latentDimension == 2, "a latent map needs a 2-D latent")
        return decode([x, y])
    }

    /// Images along the straight line from latent a to latent b, both ends included.
    public func interpolate(from a: [Float], to b: [Float], steps: Int) -> [Float] {
        decode(LatentSpace.lerpPath(from: a, to: b, steps: steps))
    }

    /// Latent means of one class (from the test set), a good start for a walk.
    public func classMean(_ label: Int) -> [Float] {
        Array(classMeans[label * latentDimension ..< (label + 1) * latentDimension])
    }
}
