import Foundation
import Render

/// What the image tabs share: the model's loading state, a playback clock, and knobs (the
/// settings a panel shows and keys adjust).

/// An image tab's model, loaded the first time the tab opens.
public enum ImageModelState<Info: Equatable & Sendable>: Equatable, Sendable {
    case idle
    case loading
    case ready(Info)
    /// The reason, shown in place of the screen (a missing checkpoint).
    case unavailable(String)

    public var info: Info? {
        if case .ready(let info) = self { return info }
        return nil
    }
}

/// Advances an animation at `rate` frames a second, driven by the app's ticks.
public struct Playback: Equatable, Sendable {
    public static let rates = [1, 2, 5, 10, 20, 30, 60]

    public var isPlaying = false
    public var rate = 20
    /// When the last frame was taken.
    var last = 0.0

    /// How many frames are due at `now`, marking them taken. After a stall the animation goes
    /// on from where it was rather than jumping: at most a tenth of a second is made up.
    mutating func due(at now: Double) -> Int {
        guard isPlaying else { return 0 }
        let frames = min(rate, Int((now - last) * Double(rate)))
        if frames > 0 { last = max(last + Double(frames) / Double(rate), now - 0.1) }
        return frames
    }

    mutating func toggle(at now: Double) {
        isPlaying.toggle()
        last = now
    }

    /// Waiting for frames: the next one is due a frame after `now`, not at once.
    mutating func hold(at now: Double) { last = now }

    mutating func changeRate(by steps: Int) {
        let index = Self.rates.firstIndex(of: rate) ?? 4
        rate = Self.rates[min(max(index + steps, 0), Self.rates.count - 1)]
    }
}

/// One adjustable setting of an image screen: how it reads, steps and shows, and the keys
/// that lower and raise it without opening the panel.
struct Knob<Screen>: Sendable {
    let name: String
    let keys: (lower: Character, raise: Character)?
    let adjust: @Sendable (inout Screen, Int) -> Void
    let value: @Sendable (Screen) -> String
    /// The value's place in its range, for the slider bar; nil for values without one.
    let fraction: @Sendable (Screen) -> Double?

    init(_ name: String, keys: (Character, Character)? = nil, adjust: @escaping @Sendable (inout Screen, Int) -> Void,
         value: @escaping @Sendable (Screen) -> String, fraction: @escaping @Sendable (Screen) -> Double? = { _ in nil }) {
        self.name = name
        self.keys = keys.map { (lower: $0.0, raise: $0.1) }
        self.adjust = adjust
        self.value = value
        self.fraction = fraction
    }

    /// The key bindings of `knobs` (lower, raise), as `command(index, ±1)`.
    static func bindings<Command>(_ knobs: [Knob], _ command: (Int, Int) -> Command) -> [KeyBinding<Command>] {
        knobs.enumerated().flatMap { index, knob -> [KeyBinding<Command>] in
            guard let keys = knob.keys else { return [] }
            return [KeyBinding([.char(keys.lower)], command(index, -1), "\(knob.name): lower"),
                    KeyBinding([.char(keys.raise)], command(index, 1), "\(knob.name): raise")]
        }
    }

    /// One help row per knob with keys: `C / c   Class − / +`.
    static func helpRows(_ knobs: [Knob]) -> [HelpRow] {
        knobs.compactMap { knob in knob.keys.map { HelpRow(keys: "\($0.lower) / \($0.raise)", action: "\(knob.name) − / +") } }
    }
}

/// A value moved `steps` places along `choices` (clamped), counting from the first choice at or
/// above it.
func stepped<T: Comparable>(_ value: T, by steps: Int, in choices: [T]) -> T {
    let index = choices.firstIndex { $0 >= value } ?? choices.count - 1
    return choices[min(max(index + steps, 0), choices.count - 1)]
}

/// A class label or none, moved through none, 0, 1, …, count − 1 (wrapping).
func steppedLabel(_ label: Int?, by steps: Int, count: Int, allowsNone: Bool = true) -> Int? {
    guard count > 0 else { return label }
    let options = (allowsNone ? [nil] : []) + (0 ..< count).map(Optional.some)
    let index = options.firstIndex(of: label) ?? 0
    return options[((index + steps) % options.count + options.count) % options.count]
}

/// "T-shirt/top" for label 0, "any" for nil.
func className(_ label: Int?, _ names: [String]) -> String {
    guard let label else { return "any" }
    return names.indices.contains(label) ? names[label] : "class \(label)"
}

/// 0.8 as "0.8", 3 as "3", −1.234 as "-1.23".
func short(_ value: Float, digits: Int = 2) -> String {
    var text = String(format: "%.\(digits)f", Double(value))
    while text.contains("."), text.last == "0" { text.removeLast() }
    if text.last == "." { text.removeLast() }
    return text == "-0" ? "0" : text
}

/// Whether an image screen's settings panel has the keys, and its selected row.
public struct KnobFocus: Equatable, Sendable {
    public var isFocused = false
    public var row = 0
}

extension AppModel {
    /// Keys while a settings panel has the focus: ↑↓ pick a knob, ←→ adjust it, Esc or Tab
    /// leave. Returns nil for keys the panel does not use (they go to the screen), else the
    /// adjustment to make, if any.
    mutating func knobPanelKey(_ key: Key, _ focus: WritableKeyPath<AppModel, KnobFocus>, count: Int) -> (knob: Int, steps: Int)?? {
        guard self[keyPath: focus].isFocused else { return nil }
        let row = self[keyPath: focus].row
        switch key {
        case Key(.up), .char("k"): self[keyPath: focus].row = max(0, row - 1)
        case Key(.down), .char("j"): self[keyPath: focus].row = min(count - 1, row + 1)
        case Key(.left): return .some((row, -1))
        case Key(.right): return .some((row, 1))
        case Key(.escape), Key(.tab): self[keyPath: focus].isFocused = false
        default: return nil
        }
        return .some(nil)
    }

    /// Keys every image screen shares: `p` pixel mode, `?` help, `q` quit.
    mutating func imageScreenFallback(_ key: Key) -> [Effect] {
        switch key {
        case .char("p"):
            let all = theme.isMonochrome ? PixelMode.monochrome : PixelMode.allCases
            pixelMode = all[((all.firstIndex(of: pixelMode) ?? 0) + 1) % all.count]
            show(Notice("Pixels drawn as \(pixelMode.title)."))
        case .char("?"): overlay = .help(scroll: 0)
        case .char("q"): return requestQuit()
        default: break
        }
        return []
    }

    static let imageTabHelp = [HelpRow(keys: "p", action: "Pixels as half-blocks, braille, ASCII or 16 colours"),
                               HelpRow(keys: "? / q", action: "This help / quit")]
}

extension AppModel {
    /// The first time an image tab opens: asks the backend to load its models.
    mutating func prepare<Info>(_ kind: ImageModelKind, _ state: WritableKeyPath<AppModel, ImageModelState<Info>>) -> [Effect] {
        guard self[keyPath: state] == .idle else { return [] }
        self[keyPath: state] = .loading
        return [.image(ImageRequest(id: makeRequestID(), job: .prepare(kind)))]
    }

    /// A backend event goes to the screen that asked; the others ignore it.
    mutating func receiveImage(_ update: ImageUpdate) -> [Effect] {
        if case .failed(let message) = update.event { show(Notice("Image model failed: \(message)", kind: .error)) }
        return receiveDiffusion(update) + receiveGAN(update) + receiveVAE(update)
    }
}

extension PixelMode {
    var title: String {
        switch self {
        case .halfBlocks: "half-blocks"
        case .braille: "braille dots"
        case .ascii: "ASCII"
        case .color16: "16 colours"
        }
    }
}
