/// What one sampler step produced: the next sample and the predictions it was made from, so
/// the UI can show all three.
public struct SchedulerStep: Sendable {
    /// x at the next timestep (the final image after the last step).
    public var sample: [Float]
    /// The clean image predicted at this step (clamped to [−1, 1] when the scheduler clips).
    public var predictedX0: [Float]
    /// The noise consistent with x and the predicted x0.
    public var predictedNoise: [Float]
}

/// A diffusion sampler over a fixed list of timesteps (as apple/ml-stable-diffusion's
/// `Scheduler`): `step` takes the network's (already guided) ε at t and moves x_t to x_{t_prev}.
/// Samples hold any number of images back to back; the arithmetic is element-wise, in double.
public protocol Scheduler: Sendable {
    var schedule: NoiseSchedule { get }
    /// t_0 > t_1 > … > t_{S−1}; after the last step the target is t = −1 (ᾱ = 1).
    var timesteps: [Int] { get }
    /// Whether x0 predictions are clamped to [−1, 1] (ε re-derived from the clamped x0).
    var clipsPrediction: Bool { get }
    /// Whether the step from t needs Gaussian noise `noise` (same size as the sample).
    func addsNoise(at t: Int) -> Bool
    mutating func step(output: [Float], t: Int, sample: [Float], noise: [Float]?) -> SchedulerStep
}

extension Scheduler {
    /// The timestep after t (−1 after the last).
    public func previousTimestep(_ t: Int) -> Int {
        guard let i = timesteps.firstIndex(of: t) else { preconditionFailure("\(t) is not one of the scheduler's timesteps") }
        return i + 1 < timesteps.count ? timesteps[i + 1] : -1
    }

    /// x0 = (x − √(1−a)·ε)/√a, optionally clamped to [−1, 1] with ε re-derived as
    /// (x − √a·x0)/√(1−a). Element by element in double (the first steps divide by √ᾱ ≈ 5e-5).
    func predictions(output eps: [Float], sample x: [Float], alphaBar a: Double) -> (x0: [Double], eps: [Double]) {
        precondition(eps.count == x.count)
        let sa = a.squareRoot(), sn = (1 - a).squareRoot()
        var x0 = [Double](repeating: 0, count: x.count), e = x0
        for i in x.indices {
            let xi = Double(x[i])
            var p = (xi - sn * Double(eps[i])) / sa
            var n = Double(eps[i])
            if clipsPrediction {
                p = min(max(p, -1), 1)
                n = (xi - sa * p) / sn
            }
            x0[i] = p
            e[i] = n
        }
        return (x0, e)
    }
}

/// The samplers genplay offers.
public enum SamplerMethod: String, Sendable, CaseIterable {
    case ddpm, ddim, dpmSolver = "dpm"

    /// A scheduler of this kind over `steps` trailing timesteps; `eta` matters to DDIM only.
    public func scheduler(_ schedule: NoiseSchedule, steps: Int, eta: Float = 0, clip: Bool = true) -> any Scheduler {
        switch self {
        case .ddpm: return DDPMScheduler(schedule, steps: steps, clip: clip)
        case .ddim: return DDIMScheduler(schedule, steps: steps, eta: eta, clip: clip)
        case .dpmSolver: return DPMSolverMultistepScheduler(schedule, steps: steps, clip: clip)
        }
    }
}

extension Array where Element == Double {
    var floats: [Float] { map { Float($0) } }
}
