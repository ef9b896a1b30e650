import Engine

/// What the Diffusion, GAN and VAE tabs need from the image models. The app calls `perform` on
/// the UI thread; the backend works on its own thread and reports through `emit`, from any
/// thread. A request supersedes the earlier ones of its channel (`ImageJob.channel`): those
/// stop as soon as they can, and the screens drop whatever still arrives for them.
public protocol ImageBackend: AnyObject, Sendable {
    func perform(_ request: ImageRequest, emit: @escaping @Sendable (ImageEvent) -> Void)
}

public struct ImageRequest: Equatable, Sendable {
    public let id: Int
    public let job: ImageJob

    public init(id: Int, job: ImageJob) {
        self.id = id
        self.job = job
    }
}

/// The image tabs, by the models they use.
public enum ImageModelKind: String, Equatable, Sendable {
    case diffusion, gan, vae
}

public enum ImageJob: Equatable, Sendable {
    /// Loads the tab's models (once): answered by `.ready` or `.unavailable`.
    case prepare(ImageModelKind)
    /// A reverse run with `settings` that keeps its first `keep` steps (the run so far, as the
    /// screen has them; 0 starts again from x_T) and emits every step after them.
    case denoise(DenoiseStream.Settings, keep: Int)
    /// Runs side by side, one image each, in lockstep: `settings` with each lane's class and seed.
    case denoiseGrid(DenoiseStream.Settings, lanes: [DiffusionLane])
    /// Test image `index` for the forward process (a generated one without the test set).
    case forwardSource(index: Int)
    case ganSamples(GANSettings)
    /// `steps` images along the slerp from one sample's latent to the other's.
    case ganInterpolation(from: GANSample, to: GANSample, steps: Int)
    /// The 2-D VAE's decode at a point of its latent plane.
    case vaeDecode(LatentPoint)
    /// Where the test set lands on the 2-D latent plane.
    case vaeScatter
    /// Test image `index` through the 16-D VAE.
    case vaeReconstruction(index: Int)
    /// `steps` decodes along the line between two test images' 16-D latents.
    case vaeInterpolation(from: Int, to: Int, steps: Int)

    /// Requests of one channel supersede each other.
    public var channel: ImageChannel {
        switch self {
        case .prepare(let kind): .prepare(kind)
        case .denoise, .denoiseGrid: .diffusion
        case .forwardSource: .forwardSource
        case .ganSamples: .ganSamples
        case .ganInterpolation: .ganInterpolation
        case .vaeDecode: .vaeDecode
        case .vaeScatter: .vaeScatter
        case .vaeReconstruction: .vaeReconstruction
        case .vaeInterpolation: .vaeInterpolation
        }
    }
}

public enum ImageChannel: Hashable, Sendable {
    case prepare(ImageModelKind)
    case diffusion, forwardSource, ganSamples, ganInterpolation
    case vaeDecode, vaeScatter, vaeReconstruction, vaeInterpolation
}

/// One image of a grid run: its class (nil: unconditional) and seed.
public struct DiffusionLane: Equatable, Sendable {
    public let label: Int?
    public let seed: UInt64

    public init(label: Int?, seed: UInt64) {
        self.label = label
        self.seed = seed
    }
}

public struct GANSettings: Equatable, Sendable {
    public var seed: UInt64 = 0
    /// Latent values beyond ±truncation are drawn again; nil draws from N(0, I).
    public var truncation: Float?
    /// Every sample's class; nil cycles through the classes.
    public var label: Int?
    public var count = 16

    public init(seed: UInt64 = 0, truncation: Float? = nil, label: Int? = nil, count: Int = 16) {
        (self.seed, self.truncation, self.label, self.count) = (seed, truncation, label, count)
    }
}

public struct LatentPoint: Equatable, Sendable {
    public var x: Float
    public var y: Float

    public init(x: Float, y: Float) {
        self.x = x
        self.y = y
    }
}
