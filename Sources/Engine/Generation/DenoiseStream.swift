/// Diffusion sampling as a pull-based iterator the UI drives: each `next()` runs one guided
/// network evaluation and one scheduler step and returns what it saw and predicted. Every step
/// is kept, so stepping back is instant, and a settings change continues from any kept step.
///
/// Randomness is positional: x_T comes from stream 0 of the seed and the noise of step i from
/// stream i + 1, so rerunning from step k with the same seed repeats the same noise.
public final class DenoiseStream {
    public struct Settings: Equatable, Sendable {
        public var method: SamplerMethod = .ddim
        public var steps = 50
        /// DDIM's η (0: deterministic).
        public var eta: Float = 0
        /// Classifier-free guidance w: ε = ε(x, ∅) + w·(ε(x, y) − ε(x, ∅)).
        public var guidance: Float = 3
        /// The class to draw, or nil for unconditional samples.
        public var label: Int?
        public var seed: UInt64 = 0
        /// Images denoised side by side.
        public var count = 1
        /// Clamp predicted x0 to [−1, 1].
        public var clip = true

        public init(method: SamplerMethod = .ddim, steps: Int = 50, eta: Float = 0, guidance: Float = 3,
                    label: Int? = nil, seed: UInt64 = 0, count: Int = 1, clip: Bool = true) {
            (self.method, self.steps, self.eta, self.guidance) = (method, steps, eta, guidance)
            (self.label, self.seed, self.count, self.clip) = (label, seed, count, clip)
        }
    }

    /// One step: the sample at t, the predictions made there and the sample it led to.
    /// Arrays hold `count` images of the model's size back to back, values in [−1, 1]-ish.
    public struct Step: Equatable, Sendable {
        public let index: Int
        public let t: Int
        public let alphaBar: Double
        /// x_t, the sample the network saw.
        public let x: [Float]
        public let x0: [Float]
        /// The (guided) noise consistent with x and x0.
        public let eps: [Float]
        /// The sample after this step: x at the next timestep, the final image after the last.
        public let next: [Float]

        public init(index: Int, t: Int, alphaBar: Double, x: [Float], x0: [Float], eps: [Float], next: [Float]) {
            (self.index, self.t, self.alphaBar, self.x, self.x0, self.eps, self.next) = (index, t, alphaBar, x, x0, eps, next)
        }
    }

    public let model: UNet
    public let schedule: NoiseSchedule
    public private(set) var settings: Settings
    public private(set) var history: [Step] = []
    /// The sample the next step starts from.
    public private(set) var current: [Float]
    private var scheduler: any Scheduler
    /// The scheduler before each step, for rewinding a solver that remembers past steps.
    private var schedulerBefore: [any Scheduler] = []
    private var batchInput: [Float] = [], batchOutput: [Float] = [], timesteps: [Int] = [], classes: [Int] = []

    /// `start` replaces the seeded x_T (count images of the model's size).
    public init(model: UNet, settings: Settings, start: [Float]? = nil) throws {
        self.model = model
        schedule = NoiseSchedule(betas: model.config.betas)
        try Self.validate(settings, model.config)
        self.settings = settings
        scheduler = settings.method.scheduler(schedule, steps: settings.steps, eta: settings.eta, clip: settings.clip)
        var noise = GaussianGenerator(seed: settings.seed)
        current = start ?? noise.values(settings.count * model.config.image.pixelCount)
        precondition(current.count == settings.count * model.config.image.pixelCount, "start holds \(current.count) values")
    }

    public var timestepList: [Int] { scheduler.timesteps }
    public var isFinished: Bool { history.count == scheduler.timesteps.count }
    /// The final images once finished, else the current sample.
    public var image: [Float] { current }

    /// Runs the next step; nil when the run is finished.
    public func next() throws -> Step? {
        guard !isFinished else { return nil }
        let index = history.count, t = scheduler.timesteps[index]
        let eps = try guidedNoise(current, t: t)
        var noise: [Float]?
        if scheduler.addsNoise(at: t) {
            var g = GaussianGenerator(seed: settings.seed, stream: UInt64(index + 1))
            noise = g.values(current.count)
        }
        schedulerBefore.append(scheduler)
        let result = scheduler.step(output: eps, t: t, sample: current, noise: noise)
        let step = Step(index: index, t: t, alphaBar: schedule.alphaBar(t), x: current, x0: result.predictedX0,
                        eps: result.predictedNoise, next: result.sample)
        history.append(step)
        current = result.sample
        return step
    }

    /// Runs every remaining step and returns the final images.
    public func finish() throws -> [Float] {
        while try next() != nil {}
        return current
    }

    /// Goes back to just before step `index` (0 = pure noise), forgetting the steps from there.
    public func rewind(to index: Int) {
        precondition(index >= 0 && index <= history.count)
        guard index < history.count else { return }
        current = history[index].x
        scheduler = schedulerBefore[index]
        history.removeSubrange(index...)
        schedulerBefore.removeSubrange(index...)
    }

    /// New settings, continuing from just before step `index` of the steps kept so far: a new
    /// guidance, class, η, seed (for the noise of later steps) or sampler changes only what
    /// comes after. A new step count or image count changes the timesteps or the sample, so the
    /// run starts again from x_T (of the new seed) whatever `index` says.
    public func update(_ new: Settings, restartFrom index: Int) throws {
        try Self.validate(new, model.config)
        let keep = new.steps == settings.steps && new.count == settings.count ? min(index, history.count) : 0
        rewind(to: keep)
        if keep == 0 {
            var noise = GaussianGenerator(seed: new.seed)
            current = noise.values(new.count * model.config.image.pixelCount)
        }
        if new.method != settings.method || new.eta != settings.eta || new.clip != settings.clip || keep == 0 {
            scheduler = new.method.scheduler(schedule, steps: new.steps, eta: new.eta, clip: new.clip)
            // A multistep solver needs the steps already taken: replay their predictions.
            schedulerBefore = []
            for step in history {
                schedulerBefore.append(scheduler)
                _ = scheduler.step(output: step.eps, t: step.t, sample: step.x, noise: step.x.map { _ in 0 })
            }
        }
        settings = new
    }

    /// ε for the current settings: one batch with the conditional rows first, then the
    /// unconditional ones, combined with the guidance scale.
    private func guidedNoise(_ x: [Float], t: Int) throws -> [Float] {
        let c = model.config, n = settings.count, pixels = c.image.pixelCount, w = settings.guidance
        let guided = settings.label != nil && w != 1
        let rows = guided ? 2 * n : n
        timesteps = [Int](repeating: t, count: rows)
        classes = (0 ..< rows).map { $0 < n ? settings.label ?? c.nullClass : c.nullClass }
        if batchInput.count != rows * pixels {
            batchInput = [Float](repeating: 0, count: rows * pixels)
            batchOutput = batchInput
        }
        batchInput.replaceSubrange(0 ..< n * pixels, with: x)
        if guided { batchInput.replaceSubrange(n * pixels ..< 2 * n * pixels, with: x) }
        try batchInput.withUnsafeBufferPointer { input in
            try batchOutput.withUnsafeMutableBufferPointer { out in
                try model.predictNoise(input.baseAddress!, timesteps: timesteps, classes: classes, into: out.baseAddress!)
            }
        }
        guard guided else { return Array(batchOutput[0 ..< n * pixels]) }
        return (0 ..< n * pixels).map { i in
            let u = batchOutput[n * pixels + i]
            return u + w * (batchOutput[i] - u)
        }
    }

    private static func validate(_ s: Settings, _ c: UNetConfig) throws {
        if let label = s.label, !(0 ..< c.classCount).contains(label) {
            throw ImageModelError.classOutOfRange(label, classCount: c.classCount)
        }
        guard s.steps >= 1, s.steps <= c.trainTimesteps, s.count >= 1 else {
            throw ModelError.badHyperparameter(key: "steps", value: "\(s.steps) steps, \(s.count) images")
        }
    }
}
