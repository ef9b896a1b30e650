import Engine

/// What the Diffusion tab shows.
public enum DiffusionMode: CaseIterable, Equatable, Sendable {
    /// One reverse run, step by step: x_t, predicted x0, predicted noise.
    case steps
    /// A test image noised to t (q(x_t | x0)) beside the reverse run at the same t.
    case forward
    /// A run per class, side by side.
    case gridByClass
    /// A run per seed (the current class), side by side.
    case gridBySeed

    var title: String {
        switch self {
        case .steps: "Reverse process"
        case .forward: "Forward process"
        case .gridByClass: "Grid · a run per class"
        case .gridBySeed: "Grid · a run per seed"
        }
    }

    var isGrid: Bool { self == .gridByClass || self == .gridBySeed }
}

/// The forward process: a clean image and how far it is noised.
public struct ForwardView: Equatable, Sendable {
    /// The test image asked for.
    public var imageIndex = 0
    public var source: ForwardSource?
    var requestID: Int?
    /// Forward step k noises to t = the run's timestep S − 1 − k: the same t as reverse step
    /// S − 1 − k, so the two processes line up.
    public var step = 0
}

/// The run being computed, so that its steps are told from stale ones.
struct DiffusionRun: Equatable, Sendable {
    let id: Int
    let isGrid: Bool
}

public struct DiffusionScreen: Sendable {
    public static let stepChoices = [10, 20, 25, 50, 100, 200, 250, 500, 1000]
    public static let seedLanes = 8

    public var model: ImageModelState<DiffusionInfo> = .idle
    public var settings = DenoiseStream.Settings(label: 0)
    public var mode: DiffusionMode = .steps
    /// The reverse run's steps received so far, in order: stepping back is instant.
    public var frames: [DiffusionFrame] = []
    /// The grid run's steps, and the lanes they are for.
    public var grid: [DiffusionGridFrame] = []
    public var gridLanes: [DiffusionLane] = []
    /// The step shown in the steps and grid views.
    public var position = 0
    public var playback = Playback()
    public var forward = ForwardView()
    var run: DiffusionRun?
    public var panel = KnobFocus()
    /// The grid shows predicted x0 instead of x_t.
    public var gridShowsX0 = false

    public init() {}

    /// Whether the steps or grid run shown is still being computed.
    public var isComputing: Bool { run != nil }

    /// Steps received of the run the mode shows.
    var shownCount: Int { mode.isGrid ? grid.count : frames.count }

    /// The lanes the grid mode wants.
    var wantedLanes: [DiffusionLane] {
        switch mode {
        case .gridByClass:
            (0 ..< max(1, model.info?.classNames.count ?? 10)).map { DiffusionLane(label: $0, seed: settings.seed) }
        default:
            (0 ..< Self.seedLanes).map { DiffusionLane(label: settings.label, seed: settings.seed &+ UInt64($0)) }
        }
    }

    /// The timesteps of the run, first (noisiest) to last.
    var timesteps: [Int] {
        guard let info = model.info else { return [] }
        return NoiseSchedule(betas: info.betas).trailingTimesteps(min(settings.steps, info.betas.count))
    }
}

enum DiffusionCommand: Equatable, Sendable {
    case back, forward, start, end, playPause, cycleMode, toggleGridImage, randomSeed, exportFrame, exportRun, panel
    case knob(Int, Int)
}

extension DiffusionScreen {
    static let knobs: [Knob<DiffusionScreen>] = [
        Knob("Sampler", keys: ("M", "m"), adjust: { screen, steps in
            let all = SamplerMethod.allCases, index = all.firstIndex(of: screen.settings.method) ?? 0
            screen.settings.method = all[((index + steps) % all.count + all.count) % all.count]
        }, value: { $0.settings.method.title }),
        Knob("Steps", keys: ("S", "s"), adjust: { screen, steps in
            let limit = screen.model.info?.betas.count ?? 1000
            screen.settings.steps = stepped(screen.settings.steps, by: steps, in: stepChoices.filter { $0 <= limit })
        }, value: { "\($0.settings.steps)" }, fraction: { Double(stepChoices.firstIndex(of: $0.settings.steps) ?? 0) / Double(stepChoices.count - 1) }),
        Knob("η (DDIM noise)", adjust: { screen, steps in
            screen.settings.eta = min(max((screen.settings.eta * 10 + Float(steps)).rounded() / 10, 0), 1)
        }, value: { short($0.settings.eta) + ($0.settings.method == .ddim ? "" : " (DDIM only)") }, fraction: { Double($0.settings.eta) }),
        Knob("Guidance", keys: ("G", "g"), adjust: { screen, steps in
            screen.settings.guidance = min(max((screen.settings.guidance * 2 + Float(steps)).rounded() / 2, 0), 10)
        }, value: { short($0.settings.guidance) }, fraction: { Double($0.settings.guidance) / 10 }),
        Knob("Class", keys: ("C", "c"), adjust: { screen, steps in
            screen.settings.label = steppedLabel(screen.settings.label, by: steps, count: screen.model.info?.classNames.count ?? 10)
        }, value: { className($0.settings.label, $0.model.info?.classNames ?? []) }),
        Knob("Seed", keys: ("N", "n"), adjust: { screen, steps in
            screen.settings.seed = steps < 0 ? screen.settings.seed &- UInt64(-steps) : screen.settings.seed &+ UInt64(steps)
        }, value: { "\($0.settings.seed)" }),
        Knob("Speed", keys: ("-", "+"), adjust: { $0.playback.changeRate(by: $1) }, value: { "\($0.playback.rate) steps/s" },
             fraction: { Double(Playback.rates.firstIndex(of: $0.playback.rate) ?? 0) / Double(Playback.rates.count - 1) }),
        Knob("Test image", keys: ("I", "i"), adjust: { $0.forward.imageIndex = max(0, $0.forward.imageIndex + $1) },
             value: { "#\($0.forward.imageIndex)" }),
    ]

    static let bindings: [KeyBinding<DiffusionCommand>] = [
        KeyBinding([Key(.right), .char("l")], .forward, "Step forward"),
        KeyBinding([Key(.left), .char("h")], .back, "Step back (steps are kept: instant)"),
        KeyBinding([Key(.home)], .start, "First step"),
        KeyBinding([Key(.end)], .end, "Last step computed"),
        KeyBinding([.char(" ")], .playPause, "Play / pause"),
        KeyBinding([.char("v")], .cycleMode, "View: reverse steps → forward process → grid by class → grid by seed"),
        KeyBinding([.char("x")], .toggleGridImage, "Grid: show x_t or predicted x0"),
        KeyBinding([.char("r")], .randomSeed, "New random seed (starts the run again)"),
        KeyBinding([.char("e")], .exportFrame, "Export the frame shown (image file)"),
        KeyBinding([.char("E")], .exportRun, "Export the whole run: numbered images and an animated text file"),
        KeyBinding([Key(.tab)], .panel, "Settings panel (↑↓ pick, ←→ adjust, Esc back)"),
    ] + Knob.bindings(knobs) { .knob($0, $1) }

    static var helpSections: [HelpSection] {
        [HelpSection("Diffusion tab", bindings.filter { if case .knob = $0.command { false } else { true } }.helpRows()
                        + Knob.helpRows(knobs) + AppModel.imageTabHelp
                        + [HelpRow(keys: "", action: "Guidance, class and η re-run from the step shown; steps, sampler and seed start again")]),
         HelpSection("Diffusion numbers", [
            HelpRow(keys: "t", action: "Noise level of the step: 999 is pure noise, 0 the clean image"),
            HelpRow(keys: "ᾱ_t", action: "Share of the clean image's variance left at t: x_t = √ᾱ·x0 + √(1−ᾱ)·ε"),
            HelpRow(keys: "guidance w", action: "ε = ε(uncond) + w·(ε(class) − ε(uncond)); 1 = plain conditional, 0 = unconditional"),
            HelpRow(keys: "η", action: "DDIM's fresh noise per step: 0 deterministic, 1 as much as DDPM"),
            HelpRow(keys: "ε panel", action: "The noise the network sees in x_t: red positive, blue negative"),
         ])]
    }
}

extension SamplerMethod {
    var title: String {
        switch self {
        case .ddpm: "DDPM"
        case .ddim: "DDIM"
        case .dpmSolver: "DPM++ 2M"
        }
    }
}
