/// A loaded image checkpoint, by kind.
public enum ImageModel {
    case diffusion(UNet)
    case gan(ConditionalGAN)
    case vae(VAE)
    case classifier(ImageClassifier)

    public var info: ImageModelInfo {
        switch self {
        case let .diffusion(m): return m.config.image
        case let .gan(m): return m.info
        case let .vae(m): return m.info
        case let .classifier(m): return m.info
        }
    }
}

/// `general.architecture` → loader, for the image checkpoints.
public enum ImageModelRegistry {
    nonisolated(unsafe) private static let loaders: [String: (GGUFFile, Int) throws -> ImageModel] = [
        GGUFKey.UNet.architecture: { .diffusion(try UNet(file: $0, threads: $1)) },
        GGUFKey.GAN.architecture: { .gan(try ConditionalGAN(file: $0, threads: $1)) },
        GGUFKey.VAE.architecture: { .vae(try VAE(file: $0, threads: $1)) },
        GGUFKey.Classifier.architecture: { .classifier(try ImageClassifier(file: $0, threads: $1)) },
    ]

    public static var architectures: [String] { loaders.keys.sorted() }

    public static func load(_ file: GGUFFile, threads: Int = 2) throws -> ImageModel {
        let arch = try file.requireString(GGUFKey.architecture)
        guard let loader = loaders[arch] else { throw ImageModelError.unsupportedArchitecture(arch) }
        return try loader(file, threads)
    }
}
