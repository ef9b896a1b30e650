import Engine
import Foundation

/// The VAE tab's models: the 2-D VAE for the latent map, the 16-D one for reconstructions and
/// interpolations, and the test images they encode. Used only on the image queue.
final class VAEWorker: @unchecked Sendable {
    /// Test images encoded for the scatter (the first ones of the test set).
    static let scatterCount = 2000

    let map: VAE
    let detail: VAE?
    let testSet: FashionMNIST?
    let info: VAEInfo

    /// `detailProblem`: why the 16-D VAE did not load, if it did not.
    init(map: VAE, detail: VAE?, detailProblem: String?, testSet: FashionMNIST?) {
        self.map = map
        self.detail = detail
        self.testSet = testSet
        let problem = detailProblem
            ?? (testSet == nil ? "the Fashion-MNIST test set is not installed (apt-get install dataset-fashion-mnist)" : nil)
        info = VAEInfo(name: map.info.name, size: map.info.size, classNames: map.info.classNames,
                       low: LatentPoint(x: map.latentLow[0], y: map.latentLow[1]),
                       high: LatentPoint(x: map.latentHigh[0], y: map.latentHigh[1]),
                       testImages: testSet?.count ?? 0, reconstructionProblem: problem)
    }

    func decode(_ point: LatentPoint) -> VAEDecode {
        VAEDecode(point: point, image: map.decode(pointX: point.x, y: point.y))
    }

    /// The test images' posterior means on the plane; without the test set, the class means
    /// the checkpoint carries.
    func scatter() -> VAEScatter {
        guard let testSet else {
            let points = (0 ..< map.info.classNames.count).map { label in
                let mean = map.classMean(label)
                return VAEScatter.Point(LatentPoint(x: mean[0], y: mean[1]), label: label)
            }
            return VAEScatter(points: points, fromTestSet: false)
        }
        let count = min(Self.scatterCount, testSet.count), pixels = map.info.pixelCount
        var images = [Float](repeating: 0, count: count * pixels)
        for i in 0 ..< count { images.replaceSubrange(i * pixels ..< (i + 1) * pixels, with: testSet.unitImage(i)) }
        var points: [VAEScatter.Point] = []
        for start in stride(from: 0, to: count, by: 100) {
            let batch = min(100, count - start)
            let mu = images.withUnsafeBufferPointer { map.encode($0.baseAddress! + start * pixels, count: batch).mu }
            points += (0 ..< batch).map { VAEScatter.Point(LatentPoint(x: mu[2 * $0], y: mu[2 * $0 + 1]), label: testSet.labels[start + $0]) }
        }
        return VAEScatter(points: points, fromTestSet: true)
    }

    /// Test image `index` through the 16-D VAE: the decode of its posterior mean, the KL of the
    /// posterior to the prior and the Bernoulli reconstruction cost, in nats.
    func reconstruction(index: Int) -> VAEReconstruction? {
        guard let detail, let testSet else { return nil }
        let i = wrapped(index, testSet.count), input = testSet.unitImage(i)
        let posterior = detail.encode(input)
        var logits = [Float](repeating: 0, count: input.count)
        posterior.mu.withUnsafeBufferPointer { z in
            logits.withUnsafeMutableBufferPointer { detail.decodeLogits(z.baseAddress!, count: 1, into: $0.baseAddress!) }
        }
        // KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ (μ² + σ² − 1 − ln σ²);  −ln p(x|ℓ) = Σ softplus(ℓ) − x·ℓ.
        let kl = zip(posterior.mu, posterior.logvar).reduce(0.0) { $0 + 0.5 * Double($1.0 * $1.0 + exp($1.1) - 1 - $1.1) }
        let nats = zip(input, logits).reduce(0.0) { sum, pair in
            let (x, l) = (Double(pair.0), Double(pair.1))
            return sum + max(l, 0) + log1p(exp(-abs(l))) - x * l
        }
        let output = logits.map { 1 / (1 + exp(-$0)) }
        return VAEReconstruction(index: i, label: testSet.labels[i], input: input, output: output, kl: Float(kl), reconstruction: Float(nats))
    }

    /// `steps` decodes along the straight line between two test images' posterior means.
    func interpolation(from a: Int, to b: Int, steps: Int) -> VAEInterpolation? {
        guard let detail, let testSet else { return nil }
        let (i, j) = (wrapped(a, testSet.count), wrapped(b, testSet.count))
        let mu = detail.encode(testSet.unitImage(i) + testSet.unitImage(j)).mu, d = detail.latentDimension
        let images = detail.interpolate(from: Array(mu[0 ..< d]), to: Array(mu[d ..< 2 * d]), steps: steps)
        let pixels = detail.info.pixelCount
        return VAEInterpolation(from: i, to: j, images: (0 ..< steps).map { Array(images[$0 * pixels ..< ($0 + 1) * pixels]) })
    }

    private func wrapped(_ index: Int, _ count: Int) -> Int { (index % count + count) % count }
}
