import Foundation
import Testing
@testable import Engine

/// Guided sampling end to end, and the stream's history / restart behaviour.
@Suite struct DenoiseStreamTests {
    /// One per test (tests run in parallel; a model runs one forward at a time).
    let unet: UNet
    init() throws { unet = try UNet(file: ImageFixtures.checkpoint(ImageCheckpoints.diffusion)) }

    @Test func tenStepGuidedDDIMMatchesPyTorch() throws {
        let fixture = try ImageFixtures.fixture("unet-fixture.gguf")
        let unet = try UNet(file: ImageFixtures.source(of: fixture))
        let settings = DenoiseStream.Settings(method: .ddim, steps: try fixture.requireInt("fixture.ddim_steps"),
                                              guidance: try fixture.requireFloat("fixture.guidance_scale"),
                                              label: try fixture.requireInt("fixture.ddim_class"))
        let stream = try DenoiseStream(model: unet, settings: settings, start: try ImageFixtures.tensor(fixture, "input.ddim_xT"))
        #expect(stream.timestepList == (try fixture.requireIntArray("fixture.ddim_timesteps")))
        let image = try stream.finish()
        // Ten chained steps through the network: the README allows ~1e-2.
        try ImageFixtures.expectClose(image, fixture, "output.ddim10_x0", tolerance: 1e-2)
    }

    @Test func stepsRecordWhatTheSchedulerSaw() throws {
        let stream = try DenoiseStream(model: unet, settings: .init(steps: 5, label: 3, seed: 9))
        var steps: [DenoiseStream.Step] = []
        while let step = try stream.next() { steps.append(step) }
        #expect(steps.map(\.index) == [0, 1, 2, 3, 4])
        #expect(steps.map(\.t) == [999, 799, 599, 399, 199])
        #expect(try stream.next() == nil && stream.isFinished)
        for (a, b) in zip(steps, steps.dropFirst()) { #expect(a.next == b.x) }
        #expect(steps[0].alphaBar == NoiseSchedule(betas: unet.config.betas).alphaBar(999))
        #expect(steps.last!.next == stream.image)
        #expect(stream.image.allSatisfy { $0 >= -1.0001 && $0 <= 1.0001 })
    }

    @Test func seedsReproduceAndRewindIsExact() throws {
        let settings = DenoiseStream.Settings(method: .ddpm, steps: 6, label: 1, seed: 42)
        let a = try DenoiseStream(model: unet, settings: settings)
        let first = try a.finish()
        let b = try DenoiseStream(model: unet, settings: settings)
        #expect(try b.finish() == first)
        // Step back to step 3 and run again: the same noise, the same image.
        b.rewind(to: 3)
        #expect(b.history.count == 3 && b.current == a.history[3].x)
        #expect(try b.finish() == first)
        let other = try DenoiseStream(model: unet, settings: .init(method: .ddpm, steps: 6, label: 1, seed: 43))
        #expect(try other.finish() != first)
    }

    @Test func settingsChangeContinuesFromTheChosenStep() throws {
        let stream = try DenoiseStream(model: unet, settings: .init(method: .dpmSolver, steps: 8, guidance: 3, label: 7, seed: 5))
        _ = try stream.finish()
        let kept = Array(stream.history.prefix(4))
        var changed = stream.settings
        changed.guidance = 1
        try stream.update(changed, restartFrom: 4)
        #expect(stream.history.count == 4 && stream.current == kept[3].next)
        let fresh = try stream.finish()
        // The same as a run that switched guidance at step 4 by hand.
        let manual = try DenoiseStream(model: unet, settings: .init(method: .dpmSolver, steps: 8, guidance: 3, label: 7, seed: 5))
        for _ in 0 ..< 4 { _ = try manual.next() }
        try manual.update(changed, restartFrom: 4)
        #expect(try manual.finish() == fresh)
        // A new step count starts over.
        changed.steps = 4
        try stream.update(changed, restartFrom: 2)
        #expect(stream.history.isEmpty && stream.timestepList == [999, 749, 499, 249])
    }

    @Test func unconditionalAndBatchedSamples() throws {
        let stream = try DenoiseStream(model: unet, settings: .init(steps: 3, label: nil, count: 3))
        let images = try stream.finish()
        #expect(images.count == 3 * 784)
        #expect(throws: ImageModelError.self) { try DenoiseStream(model: unet, settings: .init(label: 10)) }
    }
}
