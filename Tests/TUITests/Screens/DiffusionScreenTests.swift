import Engine
import Render
import Testing
@testable import TUI

@Suite struct DiffusionScreenTests {
    let defaults = DenoiseStream.Settings(steps: 50, guidance: 3, label: 0)

    @Test func theFirstVisitLoadsTheModelThenRunsItsDefaults() {
        var model = makeModel(width: 100, height: 30)
        let opened = model.press(.alt("2"))
        #expect(model.tab == .diffusion)
        #expect(opened.imageRequests.map(\.job) == [.prepare(.diffusion)])
        #expect(model.screen.contains(text: "Loading the diffusion model…"))
        #expect(model.isAnimating)
        let run = model.deliver([.ready(.diffusion(FakeImageBackend.diffusion))], to: opened.imageRequests[0].id)
        #expect(run.imageRequests.map(\.job) == [.denoise(defaults, keep: 0)])
        #expect(model.screen.contains(text: "Computing step 1…"))
        #expect(model.screen.contains(text: "step 1/50 · ⏸ 20/s · computing 0/50"))
        #expect(model.screen.contains(text: "DDIM · 50 steps · η 0 · guidance 3 · T-shirt/top · seed 0"))
        // Coming back does not load or run again.
        model.press(.alt("1"))
        #expect(model.press(.alt("2")).isEmpty)
    }

    @Test func stepsForwardAndBackShowTheKeptSteps() {
        var model = makeModel(width: 100, height: 30)
        let opened = model.press(.alt("2"))
        let id = model.deliver([.ready(.diffusion(FakeImageBackend.diffusion))], to: opened.imageRequests[0].id).imageRequests[0].id
        model.deliver((0 ..< 3).map { .diffusionStep(FakeImageBackend.frame($0, defaults)) }, to: id)
        let alphaBar = NoiseSchedule(betas: FakeImageBackend.betas).alphaBar(999)
        #expect(model.screen.contains(text: "step 1/50 · t 999 · ᾱ_t \(fixed(alphaBar)) · ⏸ 20/s · computing 3/50"))
        #expect(model.screen.contains(text: "√ᾱ \(fixed(alphaBar.squareRoot())) · √(1−ᾱ) \(fixed((1 - alphaBar).squareRoot()))"))
        #expect(model.screen.contains(text: "x_t") && model.screen.contains(text: "predicted x0") && model.screen.contains(text: "predicted noise ε"))
        model.press(Key(.right))
        #expect(model.screen.contains(text: "step 2/50 · t 979 ·"))
        #expect(model.diffusion.panels(at: model.diffusion.position)?[0].values == FakeImageBackend.filled(-0.99))
        model.press(Key(.right))
        model.press(Key(.right))   // step 4 has not arrived: stays on step 3
        #expect(model.screen.contains(text: "step 3/50 · t 959 ·"))
        model.press(Key(.left))
        #expect(model.screen.contains(text: "step 2/50 · t 979 ·"))
        model.press(Key(.home))
        #expect(model.diffusion.position == 0)
        model.press(Key(.end))
        #expect(model.diffusion.position == 2)
        #expect(model.screen.contains(text: "computing 3/50"))
        model.deliver((3 ..< 50).map { .diffusionStep(FakeImageBackend.frame($0, defaults)) }, to: id)
        #expect(!model.diffusion.isComputing)
        model.press(Key(.end))
        #expect(model.screen.contains(text: "step 50/50 · t 19 ·"))
    }

    @Test func theMonoThemeDrawsEveryPixelModeWithoutColour() {
        var model = makeModel(width: 100, height: 30)
        let opened = model.press(.alt("2"))
        let id = model.deliver([.ready(.diffusion(FakeImageBackend.diffusion))], to: opened.imageRequests[0].id).imageRequests[0].id
        // The fake frame's ε is the seed everywhere: 2, the panel's most positive level.
        var seeded = defaults
        seeded.seed = 2
        model.deliver([.diffusionStep(FakeImageBackend.frame(0, seeded))], to: id)
        var modes: [PixelMode] = []
        for _ in 0 ..< 3 {
            modes.append(model.pixelMode)
            let grid = view(model)
            let coloured = grid.cells.filter { cell in
                if case .rgb = cell.style.foreground { return true }
                if case .rgb = cell.style.background { return true }
                return false
            }
            #expect(coloured.isEmpty, "\(model.pixelMode): \(coloured.count) coloured cells")
            #expect(grid.lines.contains { $0.contains("#####") }, "\(model.pixelMode): ε drawn with the signed ramp")
            model.press(.char("p"))
        }
        // Only the modes that need no colour take turns.
        #expect(modes == [.ascii, .braille, .ascii])
    }

    @Test func guidanceClassAndEtaRerunFromTheStepShown() {
        var model = AppModel.onImageTab(.diffusion)
        for _ in 0 ..< 5 { model.press(Key(.right)) }
        var expected = defaults
        expected.guidance = 3.5
        let first = model.press(.char("g")).imageRequests
        #expect(first.map(\.job) == [.denoise(expected, keep: 5)])
        #expect(model.diffusion.frames.count == 5 && model.diffusion.position == 5)
        #expect(model.screen.contains(text: "Re-running from step 6 with the new settings."))
        #expect(model.screen.contains(text: "Computing step 6…"))
        expected.guidance = 4
        let second = model.press(.char("g"))
        // A step of the superseded run is dropped; the new run's step 6 replaces the old one.
        model.deliver([.diffusionStep(FakeImageBackend.frame(5, first[0].job.settings!))], to: first[0].id)
        #expect(model.diffusion.frames.count == 5)
        model.answer(second)
        #expect(model.diffusion.frames.count == 50 && model.diffusion.frames[5].x0 == FakeImageBackend.filled(0.4))
        expected.label = nil
        #expect(model.press(.char("C")).imageRequests.map(\.job) == [.denoise(expected, keep: 5)])
    }

    @Test func stepsSamplerAndSeedStartAgain() {
        var model = AppModel.onImageTab(.diffusion)
        for _ in 0 ..< 5 { model.press(Key(.right)) }
        var expected = defaults
        expected.steps = 100
        #expect(model.press(.char("s")).imageRequests.map(\.job) == [.denoise(expected, keep: 0)])
        #expect(model.diffusion.frames.isEmpty && model.diffusion.position == 0)
        #expect(model.screen.contains(text: "Starting the run again from x_T (DDIM, 100 steps, seed 0)."))
        expected.method = .dpmSolver
        #expect(model.press(.char("m")).imageRequests.map(\.job) == [.denoise(expected, keep: 0)])
        expected.seed = 1
        #expect(model.press(.char("n")).imageRequests.map(\.job) == [.denoise(expected, keep: 0)])
        #expect(model.screen.contains(text: "DPM++ 2M · 100 steps"))
    }

    @Test func playbackAdvancesWithTheClockAndStopsAtTheEnd() {
        var model = AppModel.onImageTab(.diffusion)
        model.press(.char(" "))
        #expect(model.diffusion.playback.isPlaying && model.isAnimating)
        model.send(.tick, at: testNow + 0.5)
        #expect(model.diffusion.position == 10)   // 20 steps a second
        model.press(.char("+"))
        #expect(model.diffusion.playback.rate == 30)
        for second in 1 ... 3 { model.send(.tick, at: testNow + 0.5 + Double(second)) }
        #expect(model.diffusion.position == 49 && !model.diffusion.playback.isPlaying)
        model.press(.char(" "))   // at the end, play starts over
        #expect(model.diffusion.position == 0 && model.diffusion.playback.isPlaying)
        model.press(Key(.right))  // stepping pauses
        #expect(!model.diffusion.playback.isPlaying)
    }

    @Test func playbackWaitsForStepsNotYetComputed() {
        var model = makeModel(width: 100, height: 30)
        let opened = model.press(.alt("2"))
        let id = model.deliver([.ready(.diffusion(FakeImageBackend.diffusion))], to: opened.imageRequests[0].id).imageRequests[0].id
        model.deliver((0 ..< 3).map { .diffusionStep(FakeImageBackend.frame($0, defaults)) }, to: id)
        model.press(.char(" "))
        model.send(.tick, at: testNow + 1)
        #expect(model.diffusion.position == 2 && model.diffusion.playback.isPlaying)
        model.deliver((3 ..< 10).map { .diffusionStep(FakeImageBackend.frame($0, defaults)) }, to: id)
        model.send(.tick, at: testNow + 1.25)
        #expect(model.diffusion.position == 7)
    }

    @Test func theForwardProcessNoisesATestImageBesideTheReverseRun() {
        var model = AppModel.onImageTab(.diffusion, width: 120, height: 34)
        let effects = model.answer(model.press(.char("v")))
        #expect(effects.imageRequests.map(\.job) == [.forwardSource(index: 0)])
        #expect(model.screen.contains(text: "Diffusion · Forward process"))
        #expect(model.screen.contains(text: "forward step 1/50 · t 19 ·"))
        #expect(model.screen.contains(text: "x0 (test #0, T-shirt/top)") && model.screen.contains(text: "forward x_t"))
        #expect(model.screen.contains(text: "reverse x_t, step 50"))
        model.press(Key(.right))
        #expect(model.screen.contains(text: "forward step 2/50 · t 39 ·"))
        let panels = model.diffusion.panels(at: 1)!
        let schedule = NoiseSchedule(betas: FakeImageBackend.betas)
        #expect(panels[2].values == schedule.noised(FakeImageBackend.filled(0.5), t: 39, noise: panels[1].values))
        #expect(model.press(.char("i")).imageRequests.map(\.job) == [.forwardSource(index: 1)])
    }

    @Test func gridsRunAClassPerImageOrASeedPerImage() {
        var model = AppModel.onImageTab(.diffusion, width: 140, height: 40)
        model.press(.char("v"))
        let byClass = model.answer(model.press(.char("v"))).imageRequests.map(\.job)
        #expect(byClass == [.denoiseGrid(defaults, lanes: (0 ..< 10).map { DiffusionLane(label: $0, seed: 0) })])
        #expect(model.screen.contains(text: "Grid · a run per class"))
        #expect(model.screen.contains(text: "Sneaker"))
        let bySeed = model.answer(model.press(.char("v"))).imageRequests.map(\.job)
        #expect(bySeed == [.denoiseGrid(defaults, lanes: (0 ..< 8).map { DiffusionLane(label: 0, seed: UInt64($0)) })])
        #expect(model.screen.contains(text: "seed 7"))
        model.press(.char("x"))
        #expect(model.diffusion.panels(at: 0)?[0].values == FakeImageBackend.filled(0.3))
        // Back to the steps: the reverse run is still all there.
        #expect(model.press(.char("v")).imageRequests.isEmpty)
        #expect(model.diffusion.frames.count == 50)
    }

    @Test func theSettingsPanelAdjustsWithArrows() {
        var model = AppModel.onImageTab(.diffusion)
        model.press(Key(.tab))
        #expect(model.diffusion.panel.isFocused && model.screen.contains(text: "↑↓ pick  ←→ adjust  Esc back"))
        for _ in 0 ..< 3 { model.press(Key(.down)) }
        #expect(model.screen.contains(text: "▸ Guidance"))
        var expected = defaults
        expected.guidance = 2.5
        #expect(model.press(Key(.left)).imageRequests.map(\.job) == [.denoise(expected, keep: 0)])
        model.press(Key(.escape))
        #expect(!model.diffusion.panel.isFocused)
        model.press(Key(.right))
        #expect(model.diffusion.position == 0)   // still computing: only step 1 exists
    }

    @Test func exportsTheFrameOrTheWholeRun() {
        var model = AppModel.onImageTab(.diffusion)
        model.press(Key(.right))
        let frame = model.press(.char("e")).exports
        #expect(frame.map(\.name) == ["diffusion-ddim50-w3-class0-seed0-step001"])
        #expect(frame.first?.frames.first?.map(\.caption) == ["x_t", "predicted x0", "predicted noise ε"])
        let run = model.press(.char("E")).exports
        #expect(run.first?.name == "diffusion-ddim50-w3-class0-seed0-run" && run.first?.frames.count == 50)
    }

    @Test func aMissingCheckpointIsSaidAndTheRestKeepsWorking() {
        var model = makeModel(width: 80, height: 20)
        let opened = model.press(.alt("2"))
        model.deliver([.unavailable(.diffusion, "checkpoint ddpm-fashion.gguf not found")], to: opened.imageRequests[0].id)
        #expect(model.screen.contains(text: "The diffusion model is not available: checkpoint ddpm-fashion.gguf"))
        #expect(model.screen.contains(text: "The other tabs still work."))
        #expect(model.press(Key(.right)).isEmpty && model.press(.char("e")).isEmpty)
        model.press(.alt("1"))
        model.type("hi")
        #expect(model.chat.input.text == "hi")
    }
}
