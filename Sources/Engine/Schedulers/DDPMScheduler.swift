/// Ancestral DDPM sampling over strided timesteps: with a = ᾱ[t], a' = ᾱ[t_prev], α = a/a',
/// β = 1 − α, x' = (√a'·β/(1−a))·x0 + (√α·(1−a')/(1−a))·x + √(β(1−a')/(1−a))·z, without the
/// noise term on the last step. With 1000 steps this is the classic DDPM sampler.
public struct DDPMScheduler: Scheduler {
    public let schedule: NoiseSchedule
    public let timesteps: [Int]
    public let clipsPrediction: Bool

    public init(_ schedule: NoiseSchedule, steps: Int, clip: Bool = true) {
        self.schedule = schedule
        timesteps = schedule.trailingTimesteps(steps)
        clipsPrediction = clip
    }

    public func addsNoise(at t: Int) -> Bool { previousTimestep(t) >= 0 }

    public mutating func step(output: [Float], t: Int, sample: [Float], noise: [Float]?) -> SchedulerStep {
        let previous = previousTimestep(t)
        let a = schedule.alphaBar(t), ap = schedule.alphaBar(previous)
        let (x0, eps) = predictions(output: output, sample: sample, alphaBar: a)
        let alpha = a / ap, beta = 1 - alpha
        let c0 = ap.squareRoot() * beta / (1 - a), c1 = alpha.squareRoot() * (1 - ap) / (1 - a)
        let sd = previous >= 0 ? (beta * (1 - ap) / (1 - a)).squareRoot() : 0
        precondition(previous < 0 || noise?.count == sample.count, "DDPM steps before the last need noise")
        let next = sample.indices.map { i in
            Float(c0 * x0[i] + c1 * Double(sample[i]) + (previous >= 0 ? sd * Double(noise![i]) : 0))
        }
        return SchedulerStep(sample: next, predictedX0: x0.floats, predictedNoise: eps.floats)
    }
}
