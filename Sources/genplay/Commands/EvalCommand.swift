import Engine
import Foundation

/// `genplay eval images`: scores a generator's samples with the evaluation classifier: class
/// accuracy, Fréchet distance of the classifier's features against the test set, the IS-style
/// score and per-class diversity; for a VAE, reconstruction metrics on test images instead.
enum EvalCommand {
    static let name = "eval"
    static let summary = """
        Score generated images with the evaluation classifier: class accuracy (overall and per
        class), Fréchet distance of its 64-d features against the test set (with the value real
        training images reach at the same count), the IS-style score exp(E KL(p(y|x) ‖ p(y))) and
        per-class diversity (mean pairwise feature distance, next to real test images). A VAE is
        scored on prior samples and on reconstructions of test images (nats per image) with the
        per-class mean latent positions.
        """
    static let usage = "eval images --model ddpm|ddim|dpm|gan|vae|vae2d [--count 1000] [--steps 50] [--guidance 3] [--seed N]"
    static let options: [OptionSpec] = [
        OptionSpec("--model", value: "M", help: "generator: ddpm, ddim, dpm (diffusion samplers), gan, vae (16-D), vae2d"),
        OptionSpec("--count", value: "N", help: "images to generate, spread evenly over the classes (default 1000)"),
        ImageLoading.datasetOption,
    ] + GenerationSettings.options
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals == ["images"] else { throw UsageError("expected `eval images --model M` or `eval text -m MODEL -f FILE`") }
        let kind = try ImageGeneratorKind.parse(args.string("--model"))
        let count = try args.int("--count", default: 1000, range: 2 ... 1_000_000)
        let settings = try GenerationSettings(args)
        let classifier = try ImageClassifier(file: ImageLoading.file(ImageCheckpoints.classifier, args), threads: ImageLoading.threads(args))
        let generator = try ImageGenerator(kind, args)
        let test = try? FashionMNIST(.test, directory: ImageLoading.datasetDirectory(args))
        let names = classifier.info.classNames
        let conditional = kind != .vae && kind != .vae2d
        let labels: [Int?] = (0 ..< count).map { conditional ? $0 % classifier.classCount : nil }

        var report = "model: \(kind.rawValue) (\(generator.info.name)), \(count) images"
        report += conditional ? ", \(count / classifier.classCount)+ per class" : " from the prior"
        Console.write(report + ", \(generator.describe(settings)), seed \(settings.seed)\n")
        var images: [Float] = []
        let time = try seconds {
            images = try generator.generate(labels, settings) { done in
                Console.progress("generating \(done)/\(count)")
            }
        }
        Console.progress("")
        Console.write(String(format: "generation: %.1f s (%.2f ms per image)\n", time, time * 1000 / Double(count)))

        // Classifier inputs are grey levels in its own pixel range.
        let scored = classifier.classify(images.map { classifier.info.networkValue($0) })
        let real = test.map { realSample($0, classifier, count: count) }
        var out = ""
        if conditional {
            let accuracy = SampleMetrics.accuracy(scored, labels: labels.map { $0! })
            out += String(format: "class accuracy: %.1f %%", 100 * accuracy.overall)
            if let a = classifier.testAccuracy { out += String(format: " (the classifier on real test images: %.2f %%)", 100 * a) }
            out += "\n"
            let fake = SampleMetrics.diversity(scored, labels: labels.map { $0! })
            let realDiversity = real.map { SampleMetrics.diversity($0.scores, labels: $0.labels) }
            // "(real)": the same measure on real test images, when the test set is there.
            out += "per class              accuracy   diversity" + (realDiversity == nil ? "" : " (real)") + "\n"
            for c in 0 ..< classifier.classCount {
                out += "  " + (c < names.count ? names[c] : "class \(c)").padding(toLength: 20, withPad: " ", startingAt: 0)
                out += String(format: " %6.1f %%   %6.2f", 100 * (accuracy.perClass[c] ?? 0), fake[c] ?? 0)
                out += realDiversity.map { String(format: "    (%.2f)", $0[c] ?? 0) } ?? ""
                out += "\n"
            }
        }
        let fd = FrechetStatistics(features: scored.features, dimension: classifier.featureDimension)
            .frechetDistance(to: classifier.testStatistics)
        out += String(format: "Fréchet distance vs the test set: %.2f", fd)
        if let reference = classifier.referenceDistances[count] ?? nil {
            out += String(format: " (real training images, same N = %d: %.2f)", count, reference)
        } else {
            let known = classifier.referenceDistances.keys.filter { $0 > 0 }.sorted().map(String.init).joined(separator: "/")
            out += " (training-image references exist for N = \(known))"
        }
        out += "\n"
        out += String(format: "IS-style score: %.2f", SampleMetrics.inceptionScore(scored))
        if let real { out += String(format: " (real test images, same N: %.2f)", SampleMetrics.inceptionScore(real.scores)) }
        out += "\n"
        Console.write(out)
        if !conditional, let vae = generator.vae {
            if let test { Console.write(reconstructionReport(vae, classifier, test, count: min(count, test.count))) }
            else { Console.write("reconstruction: the Fashion-MNIST test split is not installed (dataset-fashion-mnist)\n") }
        }
        return 0
    }

    /// The first `count` test images balanced as the generated ones are, and their scores.
    private static func realSample(_ test: FashionMNIST, _ classifier: ImageClassifier, count: Int)
        -> (scores: Classification, labels: [Int]) {
        let n = min(count, test.count)
        let pixels = (0 ..< n).flatMap { test.unitImage($0).map(classifier.info.networkValue) }
        return (classifier.classify(pixels), Array(test.labels.prefix(n)))
    }

    /// Nats per image on `count` test images (Bernoulli likelihood on grey levels, one
    /// posterior sample each, seed 0), classifier accuracy on the reconstructions from μ, and
    /// the class means of μ.
    private static func reconstructionReport(_ vae: VAE, _ classifier: ImageClassifier, _ test: FashionMNIST, count: Int) -> String {
        let pixels = vae.info.pixelCount, d = vae.latentDimension
        let x = (0 ..< count).flatMap { test.unitImage($0) }
        let posterior = vae.encode(x)
        let noise = LatentSpace.normal(count * d, seed: 0)
        let z = (0 ..< count * d).map { posterior.mu[$0] + exp(posterior.logvar[$0] / 2) * noise[$0] }
        var logits = [Float](repeating: 0, count: count * pixels)
        logits.withUnsafeMutableBufferPointer { vae.decodeLogits(z, count: count, into: $0.baseAddress!) }
        let fromMean = vae.decode(posterior.mu)
        var recon = 0.0, kl = 0.0, squared = 0.0
        for i in 0 ..< count * pixels {
            // BCE(ℓ, x) = softplus(ℓ) − x·ℓ, softplus(ℓ) = max(ℓ, 0) + ln(1 + e^−|ℓ|)
            let l = Double(logits[i])
            recon += max(l, 0) + log1p(exp(-abs(l))) - Double(x[i]) * l
            squared += Double((fromMean[i] - x[i]) * (fromMean[i] - x[i]))
        }
        for i in 0 ..< count * d {
            let mu = Double(posterior.mu[i]), lv = Double(posterior.logvar[i])
            kl += 0.5 * (mu * mu + exp(lv) - 1 - lv)
        }
        let n = Double(count)
        var out = String(format: "reconstruction of %d test images (nats per image): recon %.2f + KL %.2f = −ELBO %.2f", count, recon / n, kl / n, (recon + kl) / n)
        if let elbo = vae.testELBO { out += String(format: " (as trained, all 10 000: −ELBO %.2f)", -elbo) }
        out += String(format: "\nmean squared error from μ: %.4f per pixel\n", squared / (n * Double(pixels)))
        let labels = Array(test.labels.prefix(count))
        let accuracy = SampleMetrics.accuracy(classifier.classify(fromMean.map(classifier.info.networkValue)), labels: labels).overall
        let original = SampleMetrics.accuracy(classifier.classify(x.map(classifier.info.networkValue)), labels: labels).overall
        out += String(format: "classifier accuracy on reconstructions: %.1f %% (on the originals: %.1f %%)\n", 100 * accuracy, 100 * original)
        out += "per-class mean latent position (μ over these test images; first two dimensions)\n"
        for c in 0 ..< vae.info.classNames.count {
            let members = labels.indices.filter { labels[$0] == c }
            guard !members.isEmpty else { continue }
            let mean = (0 ..< min(d, 2)).map { k in members.reduce(0) { $0 + posterior.mu[$1 * d + k] } / Float(members.count) }
            out += "  " + vae.info.classNames[c].padding(toLength: 14, withPad: " ", startingAt: 0)
            out += mean.map { String(format: "%7.2f", $0) }.joined() + "\n"
        }
        return out
    }
}
