import Foundation

/// DPM-Solver++(2M) (Lu et al.), data prediction, λ(a) = ½·ln(a/(1−a)), h = λ(a') − λ(a):
/// x' = √((1−a')/(1−a))·x − √a'·(e^(−h) − 1)·D with D = x0 on the first step and
/// D = (1 + 1/(2r))·x0 − (1/(2r))·x0_prev, r = h_prev/h, after it. The last step (to
/// t = −1) returns x0. Deterministic; keeps the previous x0 and h between steps.
public struct DPMSolverMultistepScheduler: Scheduler {
    public let schedule: NoiseSchedule
    public let timesteps: [Int]
    public let clipsPrediction: Bool
    private var previousX0: [Double]?
    private var previousH = 0.0

    public init(_ schedule: NoiseSchedule, steps: Int, clip: Bool = true) {
        self.schedule = schedule
        timesteps = schedule.trailingTimesteps(steps)
        clipsPrediction = clip
    }

    public func addsNoise(at t: Int) -> Bool { false }

    public mutating func step(output: [Float], t: Int, sample: [Float], noise: [Float]?) -> SchedulerStep {
        let previous = previousTimestep(t)
        let a = schedule.alphaBar(t)
        let (x0, eps) = predictions(output: output, sample: sample, alphaBar: a)
        guard previous >= 0 else {
            return SchedulerStep(sample: x0.floats, predictedX0: x0.floats, predictedNoise: eps.floats)
        }
        let ap = schedule.alphaBar(previous)
        func lambda(_ a: Double) -> Double { 0.5 * log(a / (1 - a)) }
        let h = lambda(ap) - lambda(a)
        var d = x0
        if let x0Previous = previousX0, t != timesteps[0] {
            let r = previousH / h, k = 1 / (2 * r)
            d = x0.indices.map { (1 + k) * x0[$0] - k * x0Previous[$0] }
        }
        let cx = ((1 - ap) / (1 - a)).squareRoot(), cd = ap.squareRoot() * expm1(-h)
        let next = sample.indices.map { Float(cx * Double(sample[$0]) - cd * d[$0]) }
        previousX0 = x0
        previousH = h
        return SchedulerStep(sample: next, predictedX0: x0.floats, predictedNoise: eps.floats)
    }
}
