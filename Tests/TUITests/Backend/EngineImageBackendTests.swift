import Engine
import Foundation
import Synchronization
import Testing
@testable import TUI

/// The engine image backend on the real checkpoints in Checkpoints/ (and the Fashion-MNIST test
/// set where it is installed).
@Suite struct EngineImageBackendTests {
    static let checkpoints = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Checkpoints").path
    static let hasTestSet = FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory + "/t10k-images-idx3-ubyte.gz")

    /// One per test: tests run in parallel, and each backend's models run one thing at a time.
    let backend = EngineImageBackend(checkpoints: EngineImageBackendTests.checkpoints)

    /// The events of request `id` once `done` says they are all there (at most a few minutes).
    func events(_ id: Int, _ job: ImageJob, until done: @escaping ([ImageEvent]) -> Bool) -> [ImageEvent] {
        let received = Mutex<[ImageEvent]>([])
        backend.perform(ImageRequest(id: id, job: job)) { event in received.withLock { $0.append(event) } }
        let deadline = Date().addingTimeInterval(300)
        while !received.withLock({ done($0) }) && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return received.withLock { $0 }
    }

    func steps(_ events: [ImageEvent]) -> [DiffusionFrame] {
        events.compactMap { if case .diffusionStep(let frame) = $0 { frame } else { nil } }
    }

    @Test func aTenStepDDIMRunStepsAsTheEngineDoesAndRewinds() throws {
        guard case .ready(.diffusion(let info)) = events(1, .prepare(.diffusion), until: { !$0.isEmpty }).first else {
            Issue.record("the diffusion model did not load")
            return
        }
        #expect(info.betas.count == 1000 && info.classNames.count == 10 && info.size == 28)
        let settings = DenoiseStream.Settings(method: .ddim, steps: 10, guidance: 3, label: 7, seed: 5)
        let run = steps(events(2, .denoise(settings, keep: 0), until: { $0.count == 10 }))
        #expect(run.map(\.index) == Array(0 ..< 10))
        #expect(run.map(\.t) == [999, 899, 799, 699, 599, 499, 399, 299, 199, 99])
        let unet = try UNet(file: GGUFFile(path: Self.checkpoints + "/" + ImageCheckpoints.diffusion))
        #expect(run.last?.next == (try DenoiseStream(model: unet, settings: settings).finish()))

        // New guidance from step 6: the first five steps are kept, the rest recomputed.
        var guided = settings
        guided.guidance = 1
        let rerun = steps(events(3, .denoise(guided, keep: 5), until: { $0.count == 5 }))
        #expect(rerun.map(\.index) == [5, 6, 7, 8, 9] && rerun.first?.x == run[5].x && rerun.first?.x0 != run[5].x0)
    }

    @Test func aNewerRequestSupersedesAnOlderOne() {
        _ = events(1, .prepare(.diffusion), until: { !$0.isEmpty })
        let first = Mutex<[ImageEvent]>([])
        backend.perform(ImageRequest(id: 2, job: .denoise(DenoiseStream.Settings(steps: 50, label: 1), keep: 0))) { event in
            first.withLock { $0.append(event) }
        }
        let second = steps(events(3, .denoise(DenoiseStream.Settings(steps: 2, label: 2), keep: 0), until: { $0.count == 2 }))
        #expect(second.map(\.index) == [0, 1])
        // The first may have run a step before the second arrived; it stops there and says
        // nothing more.
        let firstCount = first.withLock { $0.count }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(firstCount <= 1 && first.withLock { $0.count } == firstCount)
    }

    @Test func aGridRunsItsLanesInLockstep() {
        _ = events(1, .prepare(.diffusion), until: { !$0.isEmpty })
        let lanes = [DiffusionLane(label: 0, seed: 1), DiffusionLane(label: 9, seed: 1)]
        let grid = events(2, .denoiseGrid(DenoiseStream.Settings(steps: 3), lanes: lanes), until: { $0.count == 3 })
        let frames = grid.compactMap { if case .gridStep(let frame) = $0 { frame } else { nil } }
        #expect(frames.map(\.index) == [0, 1, 2] && frames.allSatisfy { $0.x.count == 2 && $0.x0.count == 2 })
        #expect(frames[0].x[0] == frames[0].x[1])   // the same seed: the same x_T
        #expect(frames[2].x0[0] != frames[2].x0[1])
    }

    @Test func theGANScoresItsSamplesAndWalksBetweenThem() throws {
        guard case .ready(.gan(let info)) = events(1, .prepare(.gan), until: { !$0.isEmpty }).first else {
            Issue.record("the GAN did not load")
            return
        }
        guard case .ganSamples(let samples) = events(2, .ganSamples(GANSettings(seed: 3)), until: { !$0.isEmpty }).first else {
            Issue.record("no samples")
            return
        }
        #expect(samples.count == 16 && samples.map(\.label) == (0 ..< 16).map { $0 % 10 })
        #expect(samples.allSatisfy { $0.score.isFinite && $0.latent.count == info.latentDimension && $0.image.count == 784 })
        #expect(samples.allSatisfy { $0.image.allSatisfy { (-1 ... 1).contains($0) } })
        guard case .ganInterpolation(let walk) = events(3, .ganInterpolation(from: samples[0], to: samples[3], steps: 8),
                                                        until: { !$0.isEmpty }).first else {
            Issue.record("no walk")
            return
        }
        #expect(walk.images.count == 8 && walk.labels == [0, 0, 0, 0, 3, 3, 3, 3])
        #expect(zip(walk.images[0], samples[0].image).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(zip(walk.images[7], samples[3].image).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func theVAEDecodesPointsAndReconstructsTestImages() throws {
        guard case .ready(.vae(let info)) = events(1, .prepare(.vae), until: { !$0.isEmpty }).first else {
            Issue.record("the VAE did not load")
            return
        }
        #expect(info.low.x < info.high.x && info.low.y < info.high.y)
        guard case .vaeDecoded(let decode) = events(2, .vaeDecode(LatentPoint(x: 0.5, y: -0.5)), until: { !$0.isEmpty }).first else {
            Issue.record("no decode")
            return
        }
        #expect(decode.point == LatentPoint(x: 0.5, y: -0.5) && decode.image.count == 784 && decode.image.allSatisfy { (0 ... 1).contains($0) })
        guard Self.hasTestSet else { return }
        #expect(info.testImages == 10_000 && info.reconstructionProblem == nil)
        guard case .vaeReconstruction(let r) = events(3, .vaeReconstruction(index: 12), until: { !$0.isEmpty }).first else {
            Issue.record("no reconstruction")
            return
        }
        // The README's test-set averages: KL 14.5, reconstruction 226 nats.
        #expect(r.index == 12 && r.kl > 1 && r.kl < 60 && r.reconstruction > 20 && r.reconstruction < 800)
        guard case .vaeScatter(let scatter) = events(4, .vaeScatter, until: { !$0.isEmpty }).first else {
            Issue.record("no scatter")
            return
        }
        #expect(scatter.fromTestSet && scatter.points.count == VAEWorker.scatterCount)
        // Most test means lie within the checkpoint's 1st–99th percentile box.
        let inside = scatter.points.filter { (info.low.x ... info.high.x).contains($0.position.x) && (info.low.y ... info.high.y).contains($0.position.y) }
        #expect(inside.count > scatter.points.count * 9 / 10)
    }

    @Test func withoutTheTestSetTheForwardProcessAndTheMapMakeDo() {
        let backend = EngineImageBackend(checkpoints: Self.checkpoints, datasetDirectory: "/nonexistent")
        let received = Mutex<[ImageEvent]>([])
        for (id, job) in [(1, ImageJob.forwardSource(index: 3)), (2, .prepare(.vae)), (3, .vaeScatter)] {
            backend.perform(ImageRequest(id: id, job: job)) { event in received.withLock { $0.append(event) } }
        }
        while received.withLock({ $0.count < 3 }) { Thread.sleep(forTimeInterval: 0.01) }
        let events = received.withLock { $0 }
        guard case .forwardSource(let source) = events[0], case .ready(.vae(let info)) = events[1],
              case .vaeScatter(let scatter) = events[2] else {
            Issue.record("unexpected events \(events.map { "\($0)".prefix(40) })")
            return
        }
        #expect(source.index == nil && source.label == 3 && source.image.count == 784)   // a generated Dress
        #expect(info.testImages == 0 && info.reconstructionProblem?.contains("apt-get install dataset-fashion-mnist") == true)
        #expect(!scatter.fromTestSet && scatter.points.map(\.label) == Array(0 ..< 10))
    }

    @Test func aMissingCheckpointMakesTheTabUnavailable() {
        let backend = EngineImageBackend(checkpoints: "/nonexistent")
        let received = Mutex<[ImageEvent]>([])
        backend.perform(ImageRequest(id: 1, job: .prepare(.gan))) { event in received.withLock { $0.append(event) } }
        while received.withLock({ $0.isEmpty }) { Thread.sleep(forTimeInterval: 0.01) }
        guard case .unavailable(.gan, let message) = received.withLock({ $0[0] }) else {
            Issue.record("expected .unavailable")
            return
        }
        #expect(message.contains("gan-fashion.gguf not found"))
    }
}
