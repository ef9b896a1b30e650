import Engine

/// The pictures of one step of the Diffusion tab, as the screen shows them and exports write them.
extension DiffusionScreen {
    /// Noise is drawn within ±this (about 95 % of a standard normal's values).
    static let noiseScale: Float = 2

    /// The panels of `step` in the current mode; nil when that step has not arrived.
    func panels(at step: Int) -> [ImagePanel]? {
        guard let info = model.info else { return nil }
        let size = info.size
        switch mode {
        case .steps:
            guard frames.indices.contains(step) else { return nil }
            let frame = frames[step]
            return [ImagePanel("x_t", frame.x, size: size, scale: .signed),
                    ImagePanel("predicted x0", frame.x0, size: size, scale: .signed),
                    ImagePanel("predicted noise ε", frame.eps, size: size, scale: .diverging(Self.noiseScale))]
        case .forward:
            guard let source = forward.source, let t = forwardTimestep(step) else { return nil }
            let schedule = NoiseSchedule(betas: info.betas), noise = forwardNoise(count: source.image.count)
            let what = source.index.map { "test #\($0)" } ?? "generated"
            var panels = [ImagePanel("x0 (\(what), \(className(source.label, info.classNames)))", source.image, size: size, scale: .signed),
                          ImagePanel("noise ε", noise, size: size, scale: .diverging(Self.noiseScale)),
                          ImagePanel("forward x_t", schedule.noised(source.image, t: t, noise: noise), size: size, scale: .signed)]
            let reverse = settings.steps - 1 - step
            if frames.indices.contains(reverse) {
                panels.append(ImagePanel("reverse x_t, step \(reverse + 1)", frames[reverse].x, size: size, scale: .signed))
            }
            return panels
        case .gridByClass, .gridBySeed:
            guard grid.indices.contains(step) else { return nil }
            let images = gridShowsX0 ? grid[step].x0 : grid[step].x
            return zip(images, gridLanes).map { image, lane in
                let caption = mode == .gridByClass ? className(lane.label, info.classNames) : "seed \(lane.seed)"
                return ImagePanel(caption, image, size: size, scale: .signed)
            }
        }
    }

    /// t of forward step `step`: the run's timesteps from the clean end.
    func forwardTimestep(_ step: Int) -> Int? {
        let all = timesteps
        guard all.indices.contains(step) else { return nil }
        return all[all.count - 1 - step]
    }

    /// The forward process's ε: fixed by the seed, apart from the reverse run's noise.
    func forwardNoise(count: Int) -> [Float] {
        var generator = GaussianGenerator(seed: settings.seed, stream: .max)
        return generator.values(count)
    }

    /// t and ᾱ_t of the step shown, when known.
    func shownTimestep(step: Int) -> (t: Int, alphaBar: Double)? {
        guard let info = model.info else { return nil }
        switch mode {
        case .forward:
            return forwardTimestep(step).map { ($0, NoiseSchedule(betas: info.betas).alphaBar($0)) }
        case .steps:
            return frames.indices.contains(step) ? (frames[step].t, frames[step].alphaBar) : nil
        case .gridByClass, .gridBySeed:
            return grid.indices.contains(step) ? (grid[step].t, grid[step].alphaBar) : nil
        }
    }
}
