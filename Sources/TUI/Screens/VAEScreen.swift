/// What the VAE tab shows.
public enum VAEMode: CaseIterable, Equatable, Sendable {
    /// The 2-D VAE's latent plane: the test set's means by class, the decode at the cursor.
    case map
    /// A test image through the 16-D VAE: input, reconstruction, error.
    case reconstruction
    /// Decodes along the line between two test images' 16-D latents.
    case interpolation

    var title: String {
        switch self {
        case .map: "Latent map (2-D VAE)"
        case .reconstruction: "Reconstruction (16-D VAE)"
        case .interpolation: "Interpolation (16-D VAE)"
        }
    }
}

public struct VAEScreen: Sendable {
    public static let stepChoices = [4, 6, 8, 10, 12, 16]
    /// Arrow keys move the cursor by this share of the plane's extent (Shift: five times).
    public static let cursorStep: Float = 1 / 40

    public var model: ImageModelState<VAEInfo> = .idle
    public var mode: VAEMode = .map
    public var cursor = LatentPoint(x: 0, y: 0)
    public var decoded: VAEDecode?
    var decodeID: Int?
    public var scatter: VAEScatter?
    var scatterID: Int?
    /// The test image reconstructed, and where an interpolation starts.
    public var testIndex = 0
    /// Where an interpolation ends.
    public var otherIndex = 1
    public var steps = 10
    public var reconstruction: VAEReconstruction?
    var reconstructionID: Int?
    public var interpolation: VAEInterpolation?
    var interpolationID: Int?
    public var panel = KnobFocus()

    public init() {}
}

enum VAECommand: Equatable, Sendable {
    case left, right, up, down, farLeft, farRight, farUp, farDown, origin, nextClass, previousClass
    case cycleMode, exportFrame, exportWalk, panel
    case knob(Int, Int)
}

extension VAEScreen {
    static let knobs: [Knob<VAEScreen>] = [
        Knob("Test image", keys: ("I", "i"), adjust: { $0.testIndex = max(0, $0.testIndex + $1) }, value: { "#\($0.testIndex)" }),
        Knob("Other image", keys: ("O", "o"), adjust: { $0.otherIndex = max(0, $0.otherIndex + $1) }, value: { "#\($0.otherIndex)" }),
        Knob("Walk steps", keys: ("[", "]"), adjust: { $0.steps = stepped($0.steps, by: $1, in: stepChoices) }, value: { "\($0.steps)" },
             fraction: { Double(stepChoices.firstIndex(of: $0.steps) ?? 0) / Double(stepChoices.count - 1) }),
    ]

    static let bindings: [KeyBinding<VAECommand>] = [
        KeyBinding([Key(.left)], .left, "Map: cursor left; reconstruction: previous test image"),
        KeyBinding([Key(.right)], .right, "Map: cursor right; reconstruction: next test image"),
        KeyBinding([Key(.up)], .up, "Map: cursor up; interpolation: next end image"),
        KeyBinding([Key(.down)], .down, "Map: cursor down; interpolation: previous end image"),
        KeyBinding([Key(.left, .shift)], .farLeft, "Map: cursor five steps left"),
        KeyBinding([Key(.right, .shift)], .farRight, "Map: cursor five steps right"),
        KeyBinding([Key(.up, .shift)], .farUp, "Map: cursor five steps up"),
        KeyBinding([Key(.down, .shift)], .farDown, "Map: cursor five steps down"),
        KeyBinding([Key(.home)], .origin, "Map: cursor to the origin (the prior's mean)"),
        KeyBinding([.char("c")], .nextClass, "Map: cursor to the next class's mean"),
        KeyBinding([.char("C")], .previousClass, "Map: cursor to the previous class's mean"),
        KeyBinding([.char("v")], .cycleMode, "View: latent map → reconstruction → interpolation"),
        KeyBinding([.char("e")], .exportFrame, "Export what is shown as an image file"),
        KeyBinding([.char("E")], .exportWalk, "Export the interpolation: numbered images and an animated text file"),
        KeyBinding([Key(.tab)], .panel, "Settings panel (↑↓ pick, ←→ adjust, Esc back)"),
    ] + Knob.bindings(knobs) { .knob($0, $1) }

    static var helpSections: [HelpSection] {
        [HelpSection("VAE tab", bindings.filter { if case .knob = $0.command { false } else { true } }.helpRows()
                        + Knob.helpRows(knobs) + [HelpRow(keys: "click", action: "Map: move the cursor there")] + AppModel.imageTabHelp),
         HelpSection("VAE numbers", [
            HelpRow(keys: "z = (x, y)", action: "A point of the 2-D latent plane; the decoder draws the image shown"),
            HelpRow(keys: "dots", action: "Test images' posterior means μ, coloured by class"),
            HelpRow(keys: "KL", action: "Nats the posterior q(z|x) costs over the prior N(0, I): what z tells about x"),
            HelpRow(keys: "recon", action: "−log p(x|z) under the decoder, in nats: how badly it redraws x"),
            HelpRow(keys: "ELBO", action: "−(recon + KL): a lower bound on log p(x)"),
            HelpRow(keys: "error", action: "input − reconstruction: red where the decode is too dark, blue too bright"),
         ])]
    }
}
