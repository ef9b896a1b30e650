/// The GAN tab: a grid of samples with the discriminator's score under each, two of them
/// marked A and B, and the slerp walk between their latents played as an animation.
public struct GANScreen: Sendable {
    public static let truncationChoices: [Float] = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3]
    public static let stepChoices = [4, 8, 12, 16, 24, 32, 48, 64]

    public var model: ImageModelState<GANInfo> = .idle
    public var settings = GANSettings()
    public var samples: [GANSample] = []
    var samplesID: Int?
    /// The sample under the cursor.
    public var cursor = 0
    public var markA: Int?
    public var markB: Int?
    /// Images along the walk from A to B.
    public var steps = 16
    public var interpolation: GANInterpolation?
    var interpolationID: Int?
    /// Place in the back-and-forth loop over the walk's images: 0 ..< 2·(n − 1).
    public var phase = 0
    public var playback = Playback(rate: 10)
    public var panel = KnobFocus()

    public init() {}

    /// The walk's image shown.
    public var frame: Int {
        guard let count = interpolation?.images.count, count > 1 else { return 0 }
        let period = 2 * (count - 1), p = phase % period
        return p < count ? p : period - p
    }
}

enum GANCommand: Equatable, Sendable {
    case left, right, up, down, markA, markB, interpolate, playPause, close, reroll, exportFrame, exportWalk, panel
    case knob(Int, Int)
}

extension GANScreen {
    static let knobs: [Knob<GANScreen>] = [
        Knob("Truncation", keys: ("T", "t"), adjust: { screen, steps in
            let value = stepped(screen.settings.truncation ?? 0, by: steps, in: truncationChoices)
            screen.settings.truncation = value == 0 ? nil : value
        }, value: { $0.settings.truncation.map { "±" + short($0) } ?? "off" },
             fraction: { Double($0.settings.truncation ?? 0) / Double(truncationChoices.last!) }),
        Knob("Class", keys: ("C", "c"), adjust: { screen, steps in
            screen.settings.label = steppedLabel(screen.settings.label, by: steps, count: screen.model.info?.classNames.count ?? 10)
        }, value: { $0.settings.label == nil ? "every class" : className($0.settings.label, $0.model.info?.classNames ?? []) }),
        Knob("Seed", keys: ("N", "n"), adjust: { screen, steps in
            screen.settings.seed = steps < 0 ? screen.settings.seed &- UInt64(-steps) : screen.settings.seed &+ UInt64(steps)
        }, value: { "\($0.settings.seed)" }),
        Knob("Walk steps", keys: ("[", "]"), adjust: { $0.steps = stepped($0.steps, by: $1, in: stepChoices) },
             value: { "\($0.steps)" }, fraction: { Double(stepChoices.firstIndex(of: $0.steps) ?? 0) / Double(stepChoices.count - 1) }),
        Knob("Speed", keys: ("-", "+"), adjust: { $0.playback.changeRate(by: $1) }, value: { "\($0.playback.rate) frames/s" },
             fraction: { Double(Playback.rates.firstIndex(of: $0.playback.rate) ?? 0) / Double(Playback.rates.count - 1) }),
    ]

    static let bindings: [KeyBinding<GANCommand>] = [
        KeyBinding([Key(.left)], .left, "Previous sample"),
        KeyBinding([Key(.right)], .right, "Next sample"),
        KeyBinding([Key(.up)], .up, "Sample above"),
        KeyBinding([Key(.down)], .down, "Sample below"),
        KeyBinding([.char("a")], .markA, "Mark the sample as A (start of the walk)"),
        KeyBinding([.char("b")], .markB, "Mark the sample as B (end of the walk)"),
        KeyBinding([Key(.enter), .char("w")], .interpolate, "Walk from A to B: slerp between their latents, played"),
        KeyBinding([.char(" ")], .playPause, "Play / pause the walk"),
        KeyBinding([Key(.escape)], .close, "Close the walk"),
        KeyBinding([.char("r")], .reroll, "Re-roll: new samples from a new seed"),
        KeyBinding([.char("e")], .exportFrame, "Export the samples (or the walk's frame) as an image file"),
        KeyBinding([.char("E")], .exportWalk, "Export the walk: numbered images and an animated text file"),
        KeyBinding([Key(.tab)], .panel, "Settings panel (↑↓ pick, ←→ adjust, Esc back)"),
    ] + Knob.bindings(knobs) { .knob($0, $1) }

    static var helpSections: [HelpSection] {
        [HelpSection("GAN tab", bindings.filter { if case .knob = $0.command { false } else { true } }.helpRows()
                        + Knob.helpRows(knobs) + [HelpRow(keys: "click", action: "Pick a sample")] + AppModel.imageTabHelp),
         HelpSection("GAN numbers", [
            HelpRow(keys: "D score", action: "The discriminator's logit: above 0 it takes the image for a real one"),
            HelpRow(keys: "truncation", action: "Latent values beyond ±τ drawn again: typical, less varied samples"),
            HelpRow(keys: "slerp", action: "The walk follows the sphere between latents, where the generator was trained"),
         ])]
    }
}
