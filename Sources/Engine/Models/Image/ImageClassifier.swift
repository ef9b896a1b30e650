import Foundation

/// The evaluation CNN of `classifier` checkpoints (Checkpoints/README.md, "Evaluation
/// classifier"): conv3×3 then stride-2 conv3×3s, each followed by silu, a hidden layer whose
/// silu output is the Fréchet feature vector, and the class logits. The file also carries the
/// test set's feature statistics. Not for concurrent use.
public final class ImageClassifier {
    public let info: ImageModelInfo
    public let classCount: Int
    public let featureDimension: Int
    /// Mean and covariance of the test set's features (`fd.test_mean`, `fd.test_cov`).
    public let testStatistics: FrechetStatistics
    /// Fréchet distance of n random training images vs the test statistics, by n (the floor a
    /// generator's FD at the same n should be compared with); n = 0 is all training images.
    public let referenceDistances: [Int: Float]
    public let testAccuracy: Float?
    let convs: [Conv2D]
    let fc1, fc2: Linear
    let sizes: [Int]
    let run: ImageExecution
    private var workspace: Workspace?

    final class Workspace {
        let batch: Int
        let input: FeatureMap
        let maps: [FeatureMap]
        let flat, features, logits: UnsafeMutablePointer<Float>
        private let arena = ActivationArena()

        init(_ m: ImageClassifier, batch: Int) {
            self.batch = batch
            let arena = self.arena
            input = arena.map(channels: m.info.channels, batch: batch, height: m.info.size, width: m.info.size)
            maps = zip(m.convs, m.sizes.dropFirst()).map { arena.map(channels: $0.outChannels, batch: batch, height: $1, width: $1) }
            flat = arena.floats(batch * m.fc1.inFeatures)
            features = arena.floats(batch * m.featureDimension)
            logits = arena.floats(batch * m.classCount)
        }
    }

    public init(file: GGUFFile, threads: Int = 2) throws {
        typealias K = GGUFKey.Classifier
        info = try ImageModelInfo(file, expecting: K.architecture)
        let channels = try file.requireIntArray(K.channels)
        classCount = try file.requireInt(K.classCount)
        featureDimension = try file.requireInt(K.featureDimension)
        let t = TensorReader(file)
        var convs: [Conv2D] = [], sizes = [info.size], cin = info.channels
        for (i, c) in channels.enumerated() {
            // conv1 keeps the size; every later conv halves it.
            let conv = i == 0 ? try Conv2D.same3x3(t, "conv1", in: cin, out: c) : try Conv2D.down3x3(t, "conv\(i + 1)", in: cin, out: c)
            sizes.append(conv.outputSize(height: sizes[i], width: sizes[i]).height)
            convs.append(conv)
            cin = c
        }
        self.convs = convs
        self.sizes = sizes
        fc1 = try Linear(t, "fc1", in: cin * sizes.last! * sizes.last!, out: featureDimension)
        fc2 = try Linear(t, "fc2", in: featureDimension, out: classCount)
        testStatistics = FrechetStatistics(
            mean: try t.floats("fd.test_mean", shape: [featureDimension]).map(Double.init),
            covariance: try t.floats("fd.test_cov", shape: [featureDimension, featureDimension]).map(Double.init))
        var references: [Int: Float] = [:]
        for n in [250, 500, 1000] { references[n] = try file.float(K.frechetTrain(n)) }
        references[0] = try file.float(K.frechetTrainVsTest)
        referenceDistances = references
        testAccuracy = try file.float(K.testAccuracy)
        run = ImageExecution(threads: threads, scratchFloats: convs.map(\.scratchFloats).max() ?? 0)
    }

    /// Logits and features of `count` images (NCHW, values in the model's pixel range).
    public func classify(_ images: UnsafePointer<Float>, count: Int) -> Classification {
        if workspace?.batch != count { workspace = Workspace(self, batch: count) }
        let w = workspace!
        w.input.load(nchw: images)
        var h = w.input
        for (conv, out) in zip(convs, w.maps) {
            conv(h, into: out, run) // (C, s, s) ⊛ (C', C, 3, 3) -> (C', s or s/2, s or s/2)
            Activation.silu.apply(out)
            h = out
        }
        h.flatten(into: w.flat)
        fc1(w.flat, rows: count, into: w.features, run) // (B, C·s·s) -> (B, features)
        Activation.silu.apply(w.features, into: w.features, count: count * featureDimension)
        fc2(w.features, rows: count, into: w.logits, run) // (B, features) -> (B, classes)
        return Classification(count: count, classCount: classCount,
                              logits: Array(UnsafeBufferPointer(start: w.logits, count: count * classCount)),
                              features: Array(UnsafeBufferPointer(start: w.features, count: count * featureDimension)))
    }

    /// Classifies any number of images in batches of at most `batch`.
    public func classify(_ images: [Float], batch: Int = 100) -> Classification {
        let pixels = info.pixelCount, count = images.count / pixels
        precondition(count * pixels == images.count, "\(images.count) values are not whole images")
        var logits: [Float] = [], features: [Float] = []
        images.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: count, by: batch) {
                let part = classify(all.baseAddress! + start * pixels, count: min(batch, count - start))
                logits += part.logits
                features += part.features
            }
        }
        return Classification(count: count, classCount: classCount, logits: logits, features: features)
    }
}

/// What the classifier says about a batch of images.
public struct Classification: Sendable {
    public let count: Int
    public let classCount: Int
    /// count × classCount
    public let logits: [Float]
    /// count × feature dimension (the Fréchet features)
    public let features: [Float]

    public func predictedClass(_ i: Int) -> Int {
        let row = logits[i * classCount ..< (i + 1) * classCount]
        return row.indices.max { row[$0] < row[$1] }! - i * classCount
    }

    /// Softmax of image i's logits (in double).
    public func probabilities(_ i: Int) -> [Double] {
        let row = logits[i * classCount ..< (i + 1) * classCount].map(Double.init)
        let m = row.max()!, e = row.map { exp($0 - m) }, s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}
