import Foundation
import Testing
@testable import Engine

/// Both VAEs against PyTorch, and the latent helpers.
@Suite struct VAEParityTests {
    @Test(arguments: ["vae2-fixture.gguf", "vae16-fixture.gguf"])
    func encoderAndDecoderMatchPyTorch(_ name: String) throws {
        let fixture = try ImageFixtures.fixture(name)
        let vae = try VAE(file: ImageFixtures.source(of: fixture))
        let posterior = vae.encode(try ImageFixtures.tensor(fixture, "input.x"))
        try ImageFixtures.expectClose(posterior.mu, fixture, "output.mu")
        try ImageFixtures.expectClose(posterior.logvar, fixture, "output.logvar")
        var logits = [Float](repeating: 0, count: 2 * vae.info.pixelCount)
        logits.withUnsafeMutableBufferPointer { vae.decodeLogits(try! ImageFixtures.tensor(fixture, "output.mu"), count: 2, into: $0.baseAddress!) }
        try ImageFixtures.expectClose(logits, fixture, "output.logits_from_mu")
        try ImageFixtures.expectClose(vae.decode(try ImageFixtures.tensor(fixture, "input.z")), fixture, "output.image_from_z")
        #expect(vae.classMeans.count == 10 * vae.latentDimension)
    }

    @Test func latentMapAndInterpolation() throws {
        let vae = try VAE(file: ImageFixtures.checkpoint(ImageCheckpoints.vae2D))
        #expect(vae.latentDimension == 2 && vae.latentLow.count == 2)
        let a = vae.classMean(1), b = vae.classMean(7) // trouser → sneaker
        let path = vae.interpolate(from: a, to: b, steps: 5)
        #expect(path.count == 5 * 784)
        // Batch 5 decodes the ends as batch 1 does (the far end only up to a + 1·(b − a) ≠ b).
        #expect(Array(path[0 ..< 784]) == vae.decode(pointX: a[0], y: a[1]))
        #expect(ImageFixtures.maxAbs(Array(path[4 * 784 ..< 5 * 784]), vae.decode(b)) < 1e-5)
        #expect(path.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func slerpStaysOnTheArcAndHitsItsEnds() {
        let a = LatentSpace.normal(64, seed: 1), b = LatentSpace.normal(64, seed: 2)
        #expect(ImageFixtures.maxAbs(LatentSpace.slerp(a, b, 0), a) < 1e-5)
        #expect(ImageFixtures.maxAbs(LatentSpace.slerp(a, b, 1), b) < 1e-5)
        let na = LatentSpace.norm(a), nb = LatentSpace.norm(b)
        for t: Float in [0.25, 0.5, 0.75] {
            let m = LatentSpace.slerp(a, b, t)
            // Norm blends linearly, and the angle to a grows linearly with t.
            #expect(abs(LatentSpace.norm(m) - ((1 - Double(t)) * na + Double(t) * nb)) < 1e-4)
            func angle(_ u: [Float], _ v: [Float]) -> Double {
                acos(zip(u, v).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / (LatentSpace.norm(u) * LatentSpace.norm(v)))
            }
            #expect(abs(angle(a, m) - Double(t) * angle(a, b)) < 1e-4)
        }
        // Parallel vectors fall back to the straight line.
        #expect(LatentSpace.slerp([1, 0], [2, 0], 0.5) == [1.5, 0])
    }

    @Test func truncationBoundsTheLatent() {
        let z = LatentSpace.normal(10_000, seed: 3, truncation: 1.5)
        #expect(z.allSatisfy { abs($0) <= 1.5 })
        let free = LatentSpace.normal(10_000, seed: 3)
        let mean = free.reduce(0, +) / 10_000, variance = free.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 10_000
        #expect(abs(mean) < 0.05 && abs(variance - 1) < 0.05)
        #expect(LatentSpace.normal(8, seed: 3) == LatentSpace.normal(8, seed: 3))
    }
}
