/// Metadata keys of the image checkpoints (Checkpoints/README.md), in one table.
extension GGUFKey {
    /// Keys every image checkpoint carries.
    public enum Image {
        public static let size = "general.image_size"
        public static let channels = "general.image_channels"
        public static let pixelMin = "general.pixel_min"
        public static let pixelMax = "general.pixel_max"
        public static let classNames = "general.class_names"
    }

    /// `ddpm-unet.*`
    public enum UNet {
        public static let architecture = "ddpm-unet"
        public static let channels = "ddpm-unet.channels"
        public static let resBlocks = "ddpm-unet.num_res_blocks"
        public static let attentionLevels = "ddpm-unet.attention_levels"
        public static let attentionHeads = "ddpm-unet.attention_heads"
        public static let groups = "ddpm-unet.groups"
        public static let groupNormEpsilon = "ddpm-unet.groupnorm_eps"
        public static let sinusoidalDimension = "ddpm-unet.sinusoidal_dim"
        public static let embeddingDimension = "ddpm-unet.time_embedding_dim"
        public static let classCount = "ddpm-unet.num_classes"
        public static let nullClass = "ddpm-unet.null_class"
        public static let prediction = "ddpm-unet.prediction"
        public static let trainTimesteps = "ddpm-unet.num_train_timesteps"
        public static let betas = "ddpm-unet.betas"
        public static let defaultGuidance = "ddpm-unet.default_guidance_scale"
        public static let defaultSteps = "ddpm-unet.default_steps"
    }

    /// `cgan.*`
    public enum GAN {
        public static let architecture = "cgan"
        public static let latentDimension = "cgan.z_dim"
        public static let classDimension = "cgan.class_dim"
        public static let generatorChannels = "cgan.generator_channels"
        public static let discriminatorChannels = "cgan.discriminator_channels"
        public static let groups = "cgan.groups"
        public static let groupNormEpsilon = "cgan.groupnorm_eps"
        public static let classCount = "cgan.num_classes"
        public static let leakyReLUSlope = "cgan.leaky_relu_slope"
    }

    /// `vae.*`
    public enum VAE {
        public static let architecture = "vae"
        public static let latentDimension = "vae.latent_dim"
        public static let encoderChannels = "vae.encoder_channels"
        public static let decoderChannels = "vae.decoder_channels"
        public static let hiddenDimension = "vae.hidden_dim"
        public static let classMeans = "vae.class_means"
        public static let latentLow = "vae.latent_p01"
        public static let latentHigh = "vae.latent_p99"
        public static let testELBO = "vae.test_elbo_nats"
        public static let testReconstruction = "vae.test_recon_nats"
        public static let testKL = "vae.test_kl_nats"
    }

    /// `classifier.*`
    public enum Classifier {
        public static let architecture = "classifier"
        public static let channels = "classifier.channels"
        public static let classCount = "classifier.num_classes"
        public static let featureDimension = "classifier.feature_dim"
        public static let testAccuracy = "classifier.test_accuracy"
        /// Fréchet distance of all training images vs the test statistics.
        public static let frechetTrainVsTest = "classifier.frechet_train_vs_test"
        /// … of `n` random training images (mean of 5 draws), for n = 250, 500, 1000.
        public static func frechetTrain(_ n: Int) -> String { "classifier.frechet_train\(n)_vs_test" }
    }
}

/// Typed reads of required metadata, as `requireInt` / `requireString`.
extension GGUFFile {
    public func requireFloat(_ key: String) throws -> Float {
        guard let value = try float(key) else { throw GGUFError.missingKey(key) }
        return value
    }

    public func requireIntArray(_ key: String) throws -> [Int] {
        guard let value = try intArray(key) else { throw GGUFError.missingKey(key) }
        return value
    }

    public func requireFloatArray(_ key: String) throws -> [Float] {
        guard let value = try floatArray(key) else { throw GGUFError.missingKey(key) }
        return value
    }
}
