import Foundation
import Testing
@testable import Engine

/// The schedulers against Checkpoints/recipes/schedulers.py, number by number (schedulers.json).
@Suite struct SchedulerTests {
    struct Fixture: Decodable {
        let betas: [Float]
        let alphas_cumprod: [Double]
        let cases: [Case]
    }

    struct Case: Decodable, CustomTestStringConvertible {
        let name, method: String
        let steps: Int
        let eta: Float?
        let clip_x0: Bool
        let timesteps: [Int]
        let x_T: [Float]
        let eps: [[Float]]
        let noise: [[Float]?]
        let x, x0: [[Float]]
        var testDescription: String { name }
    }

    static let fixture: Fixture = {
        let data = try! Data(contentsOf: TestModels.fixture("images/schedulers.json"))
        return try! JSONDecoder().decode(Fixture.self, from: data)
    }()

    @Test func alphaBarsAccumulateInDouble() {
        let schedule = NoiseSchedule(betas: Self.fixture.betas)
        let error = zip(schedule.alphasCumprod, Self.fixture.alphas_cumprod).map { abs($0 - $1) }.max()!
        #expect(error < 1e-10)
    }

    @Test func trailingTimesteps() {
        let schedule = NoiseSchedule(betas: Self.fixture.betas)
        #expect(schedule.trailingTimesteps(10) == Array(stride(from: 999, through: 99, by: -100)))
        #expect(schedule.trailingTimesteps(50).prefix(3) == [999, 979, 959])
        #expect(schedule.trailingTimesteps(50).last == 19)
        #expect(schedule.trailingTimesteps(1000) == Array((0 ..< 1000).reversed()))
        for c in Self.fixture.cases { #expect(schedule.trailingTimesteps(c.steps) == c.timesteps, "\(c.name)") }
    }

    static func scheduler(_ c: Case) -> any Scheduler {
        let method: SamplerMethod = switch c.method {
        case "ddim": .ddim
        case "ddpm": .ddpm
        default: .dpmSolver
        }
        return method.scheduler(NoiseSchedule(betas: fixture.betas), steps: c.steps, eta: c.eta ?? 0, clip: c.clip_x0)
    }

    /// Largest |a − b| / max(1, |b|).
    static func maxRelative(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max()! }

    /// Each step from the reference's own previous state: only this step's arithmetic counts.
    /// The first x0 divides by √ᾱ[999] ≈ 5e-5 and so magnifies the float rounding of x_T and ε
    /// ~2e4-fold (see `wholeRunFollowsTheReference`); it gets the loose bound.
    @Test(arguments: fixture.cases)
    func everyStepFollowsTheReference(_ c: Case) throws {
        var scheduler = Self.scheduler(c)
        #expect(scheduler.timesteps == c.timesteps)
        var worstX: Float = 0, worstX0: Float = 0, firstX0: Float = 0
        for (i, t) in c.timesteps.enumerated() {
            if scheduler.addsNoise(at: t) { #expect(c.noise[i] != nil, "step \(i) needs noise the reference did not draw") }
            let step = scheduler.step(output: c.eps[i], t: t, sample: i == 0 ? c.x_T : c.x[i - 1], noise: c.noise[i])
            worstX = max(worstX, ImageFixtures.maxAbs(step.sample, c.x[i]))
            let x0Error = Self.maxRelative(step.predictedX0, c.x0[i])
            if i == 0 { firstX0 = x0Error } else { worstX0 = max(worstX0, x0Error) }
        }
        print("scheduler \(c.name) per step: max abs x \(worstX), max rel x0 \(worstX0) (first step \(firstX0))")
        #expect(worstX < 2e-4)
        #expect(worstX0 < 1e-4)
        #expect(firstX0 < 5e-3)
    }

    /// The whole run from x_T. Float32 samples cost accuracy here: at t = 999 x0 divides by
    /// √ᾱ ≈ 5e-5, so rounding x_T and ε to float (6e-8) moves x0 by ~1e-3, and the run carries
    /// that along (PyTorch in float32 drifts from the float64 reference by the same 2e-3).
    @Test(arguments: fixture.cases)
    func wholeRunFollowsTheReference(_ c: Case) throws {
        var scheduler = Self.scheduler(c)
        var x = c.x_T
        var worstX: Float = 0, worstX0: Float = 0
        for (i, t) in c.timesteps.enumerated() {
            let step = scheduler.step(output: c.eps[i], t: t, sample: x, noise: c.noise[i])
            x = step.sample
            worstX = max(worstX, ImageFixtures.maxAbs(x, c.x[i]))
            worstX0 = max(worstX0, Self.maxRelative(step.predictedX0, c.x0[i]))
        }
        print("scheduler \(c.name) whole run: max abs x \(worstX), max rel x0 \(worstX0)")
        #expect(worstX < 5e-3)
        #expect(worstX0 < 5e-3)
    }

    @Test func forwardProcessNoisesToAnyTimestep() {
        let schedule = NoiseSchedule(betas: Self.fixture.betas)
        let x0: [Float] = [-1, -0.5, 0, 0.5, 1], noise: [Float] = [0.3, -1.2, 2, 0.1, -0.7]
        #expect(schedule.noised(x0, t: -1, noise: noise) == x0)
        let t = 500, a = Self.fixture.alphas_cumprod[t]
        let xt = schedule.noised(x0, t: t, noise: noise)
        for i in x0.indices {
            #expect(abs(Double(xt[i]) - (a.squareRoot() * Double(x0[i]) + (1 - a).squareRoot() * Double(noise[i]))) < 1e-6)
        }
        // Nearly pure noise at the last timestep, and an x0 prediction from the true noise recovers x0.
        let last = schedule.noised(x0, t: 999, noise: noise)
        #expect(ImageFixtures.maxAbs(last, noise) < 1e-3)
        var ddim = DDIMScheduler(schedule, steps: 10, clip: false)
        let step = ddim.step(output: noise, t: 599, sample: schedule.noised(x0, t: 599, noise: noise), noise: nil)
        #expect(ImageFixtures.maxAbs(step.predictedX0, x0) < 1e-5)
        #expect(ImageFixtures.maxAbs(step.predictedNoise, noise) < 1e-5)
    }
}
