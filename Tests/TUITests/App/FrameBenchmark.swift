import Engine
import Foundation
import Render
import Testing
@testable import TUI

/// Not a test: times building a 200×60 frame and diffing it against the previous one while a
/// reply streams into a long chat. Runs only with GENPLAY_BENCH=1 and prints the figures:
///
///     GENPLAY_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter frameBenchmark
@Test(.enabled(if: ProcessInfo.processInfo.environment["GENPLAY_BENCH"] != nil))
func frameBenchmark() {
    var model = makeModel(width: 200, height: 60)
    model.theme = ThemeLibrary.builtin("default-dark")
    let words = "the quick brown fox jumps over the lazy dog and keeps running through the field".split(separator: " ")
    for turn in 0..<40 {
        model.exchange("question \(turn) " + words.shuffled().joined(separator: " "),
                       reply: (0..<120).map { " " + words[$0 % words.count] })
    }
    model.type("next")
    model.press(Key(.enter))
    model.press(.alt("h"))   // heatmap: a style per token

    var previous = view(model)
    let frames = 300
    var changed = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for index in 0..<frames {
        model.receive(.token(token(" " + words[index % words.count], id: Int32(index))), at: testNow + Double(index) / 50)
        let grid = view(model)
        grid.forEachChange(since: previous) { _, _, _ in changed += 1 }
        previous = grid
    }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(frames)
    print("frame build + diff at 200×60: \(String(format: "%.2f", milliseconds)) ms per frame (target ≤ 5 ms), \(changed / frames) cells changed per frame")
}

/// Not a test: a chat holding one 50 MB pasted message (issue 27): the time to open it and
/// draw the first frame, and to redraw after a resize. GENPLAY_BENCH=1 only:
///
///     GENPLAY_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter hugeMessageBenchmark
@Test(.enabled(if: ProcessInfo.processInfo.environment["GENPLAY_BENCH"] != nil))
func hugeMessageBenchmark() {
    var conversation = Conversation(id: "huge", createdAt: 0, systemPrompt: "", modelName: "tiny", sampler: SamplerSettings())
    conversation.append(.user, String(repeating: String(repeating: "word ", count: 19) + "end.\n", count: 500_000))
    conversation.append(.assistant, "Too long.")
    var model = makeModel(width: 120, height: 40)
    func milliseconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
    let open = milliseconds {
        model.send(.chatOpened(conversation))
        _ = view(model)
    }
    let resize = milliseconds {
        model.send(.resize(Size(width: 100, height: 30)))
        _ = view(model)
    }
    print(String(format: "50 MB message: open + first frame %.0f ms (target ≤ 1000), resize + frame %.1f ms (target ≤ 50)", open, resize))
}

/// Not a test: times a frame of each image tab at 200×60 and 100×30 in half-blocks while it
/// animates (the diffusion run playing at 30 steps a second, the GAN walk, the VAE cursor
/// moving over 2000 points), with 28 × 28 pictures of noise. The UI must build a frame well
/// within the 33 ms of a 30 Hz tick (≥ 20 frames a second). GENPLAY_BENCH=1 only:
///
///     GENPLAY_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter imageFrameBenchmark
@Test(.enabled(if: ProcessInfo.processInfo.environment["GENPLAY_BENCH"] != nil))
func imageFrameBenchmark() {
    var noise = GaussianGenerator(seed: 1)
    func picture() -> [Float] { noise.values(784) }
    let names = FakeImageBackend.classNames
    let diffusion = DiffusionInfo(name: "ddpm", size: 28, classNames: names, betas: FakeImageBackend.betas, defaultSteps: 50, defaultGuidance: 3)
    let settings = DenoiseStream.Settings(steps: 50, guidance: 3, label: 0)
    let frames: [ImageEvent] = (0 ..< 50).map { i in
        let f = FakeImageBackend.frame(i, settings)
        return .diffusionStep(DiffusionFrame(index: i, t: f.t, alphaBar: f.alphaBar, x: picture(), x0: picture(), eps: picture(), next: picture()))
    }
    let samples = (0 ..< 16).map { GANSample(latent: [0, 1], label: $0 % 10, image: picture(), score: 0.5) }
    let walk = GANInterpolation(labels: Array(repeating: 1, count: 16), images: (0 ..< 16).map { _ in picture() }, scores: Array(repeating: 0, count: 16))
    let vae = VAEInfo(name: "vae", size: 28, classNames: names, low: LatentPoint(x: -3, y: -3), high: LatentPoint(x: 3, y: 3),
                      testImages: 10_000, reconstructionProblem: nil)
    let points = (0 ..< 2000).map { i in VAEScatter.Point(LatentPoint(x: noise.next(), y: noise.next()), label: i % 10) }

    for (width, height) in [(200, 60), (100, 30)] {
        for tab in [Tab.diffusion, .gan, .vae] {
            var model = makeModel(width: width, height: height)
            model.theme = ThemeLibrary.builtin("default-dark")
            model.pixelMode = .halfBlocks
            model.press(.alt(tab == .diffusion ? "2" : tab == .gan ? "3" : "4"))
            switch tab {
            case .diffusion:
                model.deliver([.ready(.diffusion(diffusion))], to: 1)
                model.deliver(frames, to: model.diffusion.run!.id)
                model.diffusion.playback.rate = 30
                model.press(.char(" "))
            case .gan:
                model.deliver([.ready(.gan(GANInfo(name: "gan", size: 28, classNames: names, latentDimension: 2)))], to: 1)
                model.deliver([.ganSamples(samples)], to: model.gan.samplesID!)
                model.gan.interpolation = walk
                model.gan.playback.toggle(at: model.now)
            default:
                model.deliver([.ready(.vae(vae))], to: 1)
                model.deliver([.vaeScatter(VAEScatter(points: points, fromTestSet: true))], to: model.vae.scatterID!)
            }
            var previous = view(model)
            let count = 120
            var changed = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for index in 0 ..< count {
                if tab == .vae {
                    let moved = model.press(Key(index % 40 < 20 ? .right : .left))
                    model.deliver([.vaeDecoded(VAEDecode(point: model.vae.cursor, image: picture()))], to: moved.imageRequests[0].id)
                } else {
                    model.send(.tick, at: testNow + Double(index + 1) / 30)
                    if tab == .diffusion && !model.diffusion.playback.isPlaying { model.press(.char(" ")) }
                }
                let grid = view(model)
                grid.forEachChange(since: previous) { _, _, _ in changed += 1 }
                previous = grid
            }
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(count)
            print("\(tab) frame at \(width)×\(height), half-blocks: \(String(format: "%.2f", milliseconds)) ms (budget 33 ms at 30 Hz), \(changed / count) cells changed")
        }
    }
}
