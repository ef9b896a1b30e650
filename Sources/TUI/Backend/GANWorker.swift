import Engine

/// The GAN tab's model: samples scored by the discriminator, and slerp walks between two of
/// them. Used only on the image queue.
final class GANWorker: @unchecked Sendable {
    let gan: ConditionalGAN
    let info: GANInfo

    init(gan: ConditionalGAN) {
        self.gan = gan
        info = GANInfo(name: gan.info.name, size: gan.info.size, classNames: gan.info.classNames, latentDimension: gan.latentDimension)
    }

    func samples(_ settings: GANSettings) throws -> [GANSample] {
        let count = settings.count, d = gan.latentDimension, pixels = gan.info.pixelCount
        let z = gan.latents(count: count, seed: settings.seed, truncation: settings.truncation)
        let classes = (0 ..< count).map { settings.label ?? $0 % gan.classCount }
        let images = try gan.generate(z, classes: classes)
        let scores = try gan.discriminate(images, classes: classes)
        return (0 ..< count).map { i in
            GANSample(latent: Array(z[i * d ..< (i + 1) * d]), label: classes[i],
                      image: Array(images[i * pixels ..< (i + 1) * pixels]), score: scores[i])
        }
    }

    /// `steps` images along the slerp from a's latent to b's. A class cannot be blended: the
    /// first half is drawn as a's class, the second as b's.
    func interpolation(from a: GANSample, to b: GANSample, steps: Int) throws -> GANInterpolation {
        let pixels = gan.info.pixelCount
        let z = LatentSpace.slerpPath(from: a.latent, to: b.latent, steps: steps)
        let classes = (0 ..< steps).map { 2 * $0 < steps ? a.label : b.label }
        let images = try gan.generate(z, classes: classes)
        let scores = try gan.discriminate(images, classes: classes)
        return GANInterpolation(labels: classes, images: (0 ..< steps).map { Array(images[$0 * pixels ..< ($0 + 1) * pixels]) },
                                scores: scores)
    }
}
