/// DDIM (Song et al.) with stochasticity η: with a = ᾱ[t], a' = ᾱ[t_prev],
/// σ = η·√((1−a')/(1−a))·√(1 − a/a'),  x' = √a'·x0 + √(max(1 − a' − σ², 0))·ε + σ·z.
/// η = 0 is deterministic; η = 1 matches DDPM's posterior variance.
public struct DDIMScheduler: Scheduler {
    public let schedule: NoiseSchedule
    public let timesteps: [Int]
    public let eta: Float
    public let clipsPrediction: Bool

    public init(_ schedule: NoiseSchedule, steps: Int, eta: Float = 0, clip: Bool = true) {
        self.schedule = schedule
        timesteps = schedule.trailingTimesteps(steps)
        self.eta = eta
        clipsPrediction = clip
    }

    func sigma(_ t: Int) -> Double {
        let a = schedule.alphaBar(t), ap = schedule.alphaBar(previousTimestep(t))
        return Double(eta) * ((1 - ap) / (1 - a)).squareRoot() * (1 - a / ap).squareRoot()
    }

    public func addsNoise(at t: Int) -> Bool { sigma(t) > 0 }

    public mutating func step(output: [Float], t: Int, sample: [Float], noise: [Float]?) -> SchedulerStep {
        let ap = schedule.alphaBar(previousTimestep(t))
        let (x0, eps) = predictions(output: output, sample: sample, alphaBar: schedule.alphaBar(t))
        let sigma = sigma(t)
        let c0 = ap.squareRoot(), c1 = max(1 - ap - sigma * sigma, 0).squareRoot()
        precondition(sigma == 0 || noise?.count == sample.count, "DDIM with η > 0 needs noise")
        let next = sample.indices.map { i in
            Float(c0 * x0[i] + c1 * eps[i] + (sigma > 0 ? sigma * Double(noise![i]) : 0))
        }
        return SchedulerStep(sample: next, predictedX0: x0.floats, predictedNoise: eps.floats)
    }
}
