import Foundation
import Testing
@testable import Engine

/// The conditional GAN against PyTorch; runs once gan-fashion.gguf and its fixture are exported.
@Suite(.enabled(if: ImageFixtures.hasGAN, "gan-fashion.gguf / gan-fixture.gguf not exported yet"))
struct GANParityTests {
    @Test func generatorAndDiscriminatorMatchPyTorch() throws {
        let fixture = try ImageFixtures.fixture("gan-fixture.gguf")
        let gan = try ConditionalGAN(file: ImageFixtures.source(of: fixture))
        let classes = try ImageFixtures.integers(fixture, "input.class")
        var seen: [String: [Float]] = [:]
        let images = try gan.generate(try ImageFixtures.tensor(fixture, "input.z"), classes: classes) { name, map in
            seen[name] = map.image(0)
        }
        try ImageFixtures.expectClose(images, fixture, "output.image")
        for name in fixture.tensors.map(\.name) where name.hasPrefix("inter.") {
            guard let values = seen[String(name.dropFirst(6))] else { Issue.record("no probe for \(name)"); continue }
            try ImageFixtures.expectClose(values, fixture, name)
        }
        try ImageFixtures.expectClose(try gan.discriminate(images, classes: classes), fixture, "output.d_score_fake")
        let real = try ImageFixtures.tensor(fixture, "input.real")
        try ImageFixtures.expectClose(try gan.discriminate(real, classes: try ImageFixtures.integers(fixture, "input.real_class")),
                                      fixture, "output.d_score_real")
    }

    @Test func samplesAreReproducibleAndInterpolate() throws {
        let gan = try ConditionalGAN(file: ImageFixtures.checkpoint(ImageCheckpoints.gan))
        let z = gan.latents(count: 2, seed: 7, truncation: 2)
        #expect(z == gan.latents(count: 2, seed: 7, truncation: 2))
        let a = Array(z[0 ..< 64]), b = Array(z[64...])
        let path = LatentSpace.slerpPath(from: a, to: b, steps: 4)
        let images = try gan.generate(path, classes: [3, 3, 3, 3])
        #expect(images.count == 4 * 784 && images.allSatisfy { abs($0) <= 1 })
        #expect(Array(images[0 ..< 784]) == (try gan.generate(a, classes: [3])))
    }
}
