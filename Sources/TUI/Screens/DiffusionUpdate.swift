import Engine

/// The Diffusion tab's keys, settings changes, backend results and playback.
extension AppModel {
    mutating func diffusionKey(_ key: Key) -> [Effect] {
        if let handled = knobPanelKey(key, \.diffusion.panel, count: DiffusionScreen.knobs.count) {
            return handled.map { adjustDiffusion(knob: $0.knob, by: $0.steps) } ?? []
        }
        guard let command: DiffusionCommand = DiffusionScreen.bindings.command(for: key) else { return imageScreenFallback(key) }
        return perform(command)
    }

    mutating func perform(_ command: DiffusionCommand) -> [Effect] {
        let last = max(0, diffusion.settings.steps - 1)
        switch command {
        case .back: moveDiffusion(by: -1)
        case .forward: moveDiffusion(by: 1)
        case .start: moveDiffusion(by: -last - 1)
        case .end: moveDiffusion(by: last + 1)
        case .playPause:
            if !diffusion.playback.isPlaying && shownStep >= last { setShownStep(0) }
            diffusion.playback.toggle(at: now)
        case .cycleMode:
            let all = DiffusionMode.allCases
            diffusion.mode = all[((all.firstIndex(of: diffusion.mode) ?? 0) + 1) % all.count]
            show(Notice("\(diffusion.mode.title)."))
            return diffusionWork()
        case .toggleGridImage:
            diffusion.gridShowsX0.toggle()
        case .randomSeed:
            var new = diffusion.settings
            new.seed = UInt64(UInt32(truncatingIfNeeded: Int(now * 1000) &* 2_654_435_761))
            return applyDiffusion(new)
        case .exportFrame:
            guard let panels = diffusion.panels(at: shownStep), !panels.isEmpty else { return nothingToExport() }
            return [.exportImages(ImageExport(name: diffusionExportName + "-step\(threeDigits(shownStep))", frames: [panels]))]
        case .exportRun:
            let count = diffusion.mode == .forward ? (diffusion.forward.source == nil ? 0 : diffusion.settings.steps) : diffusion.shownCount
            let frames = (0 ..< count).compactMap { diffusion.panels(at: $0) }
            guard !frames.isEmpty else { return nothingToExport() }
            return [.exportImages(ImageExport(name: diffusionExportName + "-run", frames: frames))]
        case .panel: diffusion.panel.isFocused = true
        case .knob(let index, let steps): return adjustDiffusion(knob: index, by: steps)
        }
        return []
    }

    /// The step the mode shows: the run's step, or the forward step.
    var shownStep: Int { diffusion.mode == .forward ? diffusion.forward.step : diffusion.position }

    private mutating func setShownStep(_ step: Int) {
        if diffusion.mode == .forward { diffusion.forward.step = step } else { diffusion.position = step }
    }

    /// Steps forward or back (pausing playback); never past the steps received.
    private mutating func moveDiffusion(by steps: Int) {
        diffusion.playback.isPlaying = false
        let limit = diffusion.mode == .forward ? diffusion.settings.steps : diffusion.shownCount
        setShownStep(min(max(0, shownStep + steps), max(0, limit - 1)))
    }

    private mutating func adjustDiffusion(knob index: Int, by steps: Int) -> [Effect] {
        var adjusted = diffusion
        DiffusionScreen.knobs[index].adjust(&adjusted, steps)
        let new = adjusted.settings
        adjusted.settings = diffusion.settings
        let imageChanged = adjusted.forward.imageIndex != diffusion.forward.imageIndex
        diffusion = adjusted
        var effects = applyDiffusion(new)
        if imageChanged {
            diffusion.forward.source = nil
            diffusion.forward.requestID = nil
            effects += diffusionWork()
        }
        return effects
    }

    /// New settings. Guidance, class and η re-run the run from the step shown (its x_t stays,
    /// its predictions change); steps, sampler and seed start it again from x_T.
    mutating func applyDiffusion(_ new: DenoiseStream.Settings) -> [Effect] {
        let old = diffusion.settings
        guard new != old else { return [] }
        let restart = new.steps != old.steps || new.method != old.method || new.seed != old.seed
        let keep = restart ? 0 : min(diffusion.position, diffusion.frames.count)
        diffusion.frames.removeSubrange(keep...)
        diffusion.grid = []
        diffusion.gridLanes = []
        diffusion.run = nil
        diffusion.settings = new
        if restart {
            diffusion.position = 0
            diffusion.forward.step = min(diffusion.forward.step, new.steps - 1)
            show(Notice("Starting the run again from x_T (\(new.method.title), \(new.steps) steps, seed \(new.seed))."))
        } else {
            show(Notice("Re-running from step \(keep + 1) with the new settings."))
        }
        return diffusionWork()
    }

    /// Requests what the mode needs and does not have: the rest of the reverse run (also shown
    /// beside the forward process), a grid run, the forward process's clean image.
    mutating func diffusionWork() -> [Effect] {
        guard diffusion.model.info != nil else { return [] }
        var effects: [Effect] = []
        if diffusion.mode.isGrid {
            let lanes = diffusion.wantedLanes
            if lanes != diffusion.gridLanes || (diffusion.grid.count < diffusion.settings.steps && diffusion.run?.isGrid != true) {
                diffusion.grid = []
                diffusion.gridLanes = lanes
                diffusion.position = min(diffusion.position, diffusion.settings.steps - 1)
                let id = makeRequestID()
                diffusion.run = DiffusionRun(id: id, isGrid: true)
                effects.append(.image(ImageRequest(id: id, job: .denoiseGrid(diffusion.settings, lanes: lanes))))
            }
            return effects
        }
        if diffusion.frames.count < diffusion.settings.steps && (diffusion.run == nil || diffusion.run!.isGrid) {
            let id = makeRequestID()
            diffusion.run = DiffusionRun(id: id, isGrid: false)
            effects.append(.image(ImageRequest(id: id, job: .denoise(diffusion.settings, keep: diffusion.frames.count))))
        }
        if diffusion.mode == .forward && diffusion.forward.source == nil && diffusion.forward.requestID == nil {
            let id = makeRequestID()
            diffusion.forward.requestID = id
            effects.append(.image(ImageRequest(id: id, job: .forwardSource(index: diffusion.forward.imageIndex))))
        }
        return effects
    }

    mutating func receiveDiffusion(_ update: ImageUpdate) -> [Effect] {
        switch update.event {
        case .ready(.diffusion(let info)):
            diffusion.model = .ready(info)
            diffusion.settings.steps = info.defaultSteps
            diffusion.settings.guidance = info.defaultGuidance
            return diffusionWork()
        case .unavailable(.diffusion, let message):
            diffusion.model = .unavailable(message)
        case .diffusionStep(let frame):
            guard diffusion.run?.id == update.requestID, frame.index <= diffusion.frames.count else { return [] }
            diffusion.frames.removeSubrange(frame.index...)
            diffusion.frames.append(frame)
            if diffusion.frames.count >= diffusion.settings.steps { diffusion.run = nil }
        case .gridStep(let frame):
            guard diffusion.run?.id == update.requestID, frame.index == diffusion.grid.count else { return [] }
            diffusion.grid.append(frame)
            if diffusion.grid.count >= diffusion.settings.steps { diffusion.run = nil }
        case .forwardSource(let source):
            guard diffusion.forward.requestID == update.requestID else { return [] }
            diffusion.forward.source = source
            diffusion.forward.requestID = nil
        case .failed:
            if diffusion.run?.id == update.requestID { diffusion.run = nil }
            if diffusion.forward.requestID == update.requestID { diffusion.forward.requestID = nil }
        default: break
        }
        return []
    }

    /// Playback: the steps due since the last tick, never past those received; stops at the end.
    mutating func tickDiffusion() {
        let due = diffusion.playback.due(at: now)
        guard due > 0 else { return }
        let last = diffusion.settings.steps - 1
        let available = diffusion.mode == .forward ? diffusion.settings.steps : diffusion.shownCount
        let target = min(shownStep + due, available - 1)
        if target <= shownStep { diffusion.playback.hold(at: now) }
        setShownStep(max(0, target))
        if shownStep >= last { diffusion.playback.isPlaying = false }
    }

    private var diffusionExportName: String {
        let s = diffusion.settings
        let label = s.label.map { "-class\($0)" } ?? ""
        let mode = switch diffusion.mode {
        case .steps: "diffusion"
        case .forward: "forward-test\(diffusion.forward.source?.index ?? diffusion.forward.imageIndex)"
        case .gridByClass: "grid-classes"
        case .gridBySeed: "grid-seeds"
        }
        return "\(mode)-\(s.method.rawValue)\(s.steps)-w\(short(s.guidance))\(label)-seed\(s.seed)"
    }

    mutating func nothingToExport() -> [Effect] {
        show(Notice("Nothing to export yet.", kind: .error))
        return []
    }
}

func threeDigits(_ value: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, 3 - text.count)) + text
}
