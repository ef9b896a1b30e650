import Engine
/// What the image backend reports. Images are `size × size` floats, row-major: diffusion and GAN
/// images in the networks' range [−1, 1] (noise beyond it), VAE images as grey levels in 0...1.
public enum ImageEvent: Equatable, Sendable {
    case ready(ImageModelSummary)
    /// The tab's model could not be loaded (a missing checkpoint): the message says why.
    case unavailable(ImageModelKind, String)
    case diffusionStep(DiffusionFrame)
    case gridStep(DiffusionGridFrame)
    case forwardSource(ForwardSource)
    case ganSamples([GANSample])
    case ganInterpolation(GANInterpolation)
    case vaeDecoded(VAEDecode)
    case vaeScatter(VAEScatter)
    case vaeReconstruction(VAEReconstruction)
    case vaeInterpolation(VAEInterpolation)
    case failed(String)
}

/// A backend event with the request it answers.
public struct ImageUpdate: Equatable, Sendable {
    public let requestID: Int
    public let event: ImageEvent

    public init(requestID: Int, event: ImageEvent) {
        self.requestID = requestID
        self.event = event
    }
}

public enum ImageModelSummary: Equatable, Sendable {
    case diffusion(DiffusionInfo)
    case gan(GANInfo)
    case vae(VAEInfo)
}

public struct DiffusionInfo: Equatable, Sendable {
    public let name: String
    public let size: Int
    public let classNames: [String]
    /// β_t for t = 0..<T: the training schedule (`NoiseSchedule(betas:)` gives ᾱ_t).
    public let betas: [Float]
    public let defaultSteps: Int
    public let defaultGuidance: Float

    public init(name: String, size: Int, classNames: [String], betas: [Float], defaultSteps: Int, defaultGuidance: Float) {
        (self.name, self.size, self.classNames, self.betas) = (name, size, classNames, betas)
        (self.defaultSteps, self.defaultGuidance) = (defaultSteps, defaultGuidance)
    }
}

public struct GANInfo: Equatable, Sendable {
    public let name: String
    public let size: Int
    public let classNames: [String]
    public let latentDimension: Int

    public init(name: String, size: Int, classNames: [String], latentDimension: Int) {
        (self.name, self.size, self.classNames, self.latentDimension) = (name, size, classNames, latentDimension)
    }
}

public struct VAEInfo: Equatable, Sendable {
    public let name: String
    public let size: Int
    public let classNames: [String]
    /// The latent plane's extent: 1st and 99th percentile of the test set's means (x, y).
    public let low: LatentPoint
    public let high: LatentPoint
    /// Test images available (0 without the dataset: no reconstructions, no interpolation).
    public let testImages: Int
    /// Why reconstructions are unavailable (no 16-D checkpoint, no test set); nil when they work.
    public let reconstructionProblem: String?

    public init(name: String, size: Int, classNames: [String], low: LatentPoint, high: LatentPoint,
                testImages: Int, reconstructionProblem: String?) {
        (self.name, self.size, self.classNames, self.low, self.high) = (name, size, classNames, low, high)
        (self.testImages, self.reconstructionProblem) = (testImages, reconstructionProblem)
    }
}

/// One reverse step: the sample the network saw at t, what it predicted, where it led.
public typealias DiffusionFrame = DenoiseStream.Step

/// One step of a grid run: x_t and predicted x0 of every lane.
public struct DiffusionGridFrame: Equatable, Sendable {
    public let index: Int
    public let t: Int
    public let alphaBar: Double
    public let x: [[Float]]
    public let x0: [[Float]]

    public init(index: Int, t: Int, alphaBar: Double, x: [[Float]], x0: [[Float]]) {
        (self.index, self.t, self.alphaBar, self.x, self.x0) = (index, t, alphaBar, x, x0)
    }
}

/// The clean image the forward process noises.
public struct ForwardSource: Equatable, Sendable {
    /// The test image's index, or nil for a generated image.
    public let index: Int?
    public let label: Int?
    /// In [−1, 1].
    public let image: [Float]

    public init(index: Int?, label: Int?, image: [Float]) {
        (self.index, self.label, self.image) = (index, label, image)
    }
}

public struct GANSample: Equatable, Sendable {
    public let latent: [Float]
    public let label: Int
    public let image: [Float]
    /// The discriminator's score (higher: more real to it).
    public let score: Float

    public init(latent: [Float], label: Int, image: [Float], score: Float) {
        (self.latent, self.label, self.image, self.score) = (latent, label, image, score)
    }
}

public struct GANInterpolation: Equatable, Sendable {
    public let labels: [Int]
    public let images: [[Float]]
    public let scores: [Float]

    public init(labels: [Int], images: [[Float]], scores: [Float]) {
        (self.labels, self.images, self.scores) = (labels, images, scores)
    }
}

public struct VAEDecode: Equatable, Sendable {
    public let point: LatentPoint
    public let image: [Float]

    public init(point: LatentPoint, image: [Float]) {
        self.point = point
        self.image = image
    }
}

public struct VAEScatter: Equatable, Sendable {
    public struct Point: Equatable, Sendable {
        public let position: LatentPoint
        public let label: Int

        public init(_ position: LatentPoint, label: Int) {
            self.position = position
            self.label = label
        }
    }

    public let points: [Point]
    /// True: encoded test images; false: the checkpoint's class means (no test set).
    public let fromTestSet: Bool

    public init(points: [Point], fromTestSet: Bool) {
        self.points = points
        self.fromTestSet = fromTestSet
    }
}

public struct VAEReconstruction: Equatable, Sendable {
    public let index: Int
    public let label: Int
    public let input: [Float]
    /// The decode of the posterior mean.
    public let output: [Float]
    /// KL(q(z|x) ‖ N(0, I)) in nats.
    public let kl: Float
    /// −log p(x|z = μ) under the Bernoulli decoder, in nats.
    public let reconstruction: Float

    public init(index: Int, label: Int, input: [Float], output: [Float], kl: Float, reconstruction: Float) {
        (self.index, self.label, self.input, self.output, self.kl, self.reconstruction) = (index, label, input, output, kl, reconstruction)
    }
}

public struct VAEInterpolation: Equatable, Sendable {
    public let from: Int
    public let to: Int
    public let images: [[Float]]

    public init(from: Int, to: Int, images: [[Float]]) {
        (self.from, self.to, self.images) = (from, to, images)
    }
}
