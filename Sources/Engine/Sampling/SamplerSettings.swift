import Foundation

/// The sampling knobs, with llama.cpp's defaults. `temperature <= 0` means greedy.
/// Stop strings are no sampler stage, but they are read with the knobs before every token
/// (so they too change live) and saved with them.
public struct SamplerSettings: Sendable, Equatable, Codable {
    public var temperature: Float = 0.8
    public var topK: Int = 40
    public var topP: Float = 0.95
    public var minP: Float = 0.05
    public var repeatPenalty: Float = 1.0
    public var repeatLastN: Int = 64
    public var presencePenalty: Float = 0
    public var frequencyPenalty: Float = 0
    public var seed: UInt64 = 0xC0FFEE
    /// Generation ends where the text contains one of these (see `StopStrings`).
    public var stopStrings: [String] = []

    public init() {}

    public var isGreedy: Bool { temperature <= 0 }

    /// What each knob may be: what `run`'s flags accept, and what a saved chat is held to.
    public enum Limits {
        public static let temperature: ClosedRange<Float> = 0 ... 100
        public static let topK = 0 ... Int(Int32.max)
        public static let probability: ClosedRange<Float> = 0 ... 1
        public static let repeatPenalty: ClosedRange<Float> = 0.01 ... 100
        public static let repeatLastN = -1 ... Int(Int32.max)
        public static let presenceOrFrequency: ClosedRange<Float> = -100 ... 100
        public static let stopStrings = 64
        public static let stopStringLength = 1024
    }

    /// These settings with every knob brought within `Limits` (a NaN to its default), and the
    /// names of the knobs that had to change: for settings read from a file.
    public func clamped() -> (settings: SamplerSettings, changed: [String]) {
        var result = self, changed: [String] = []
        let defaults = SamplerSettings()
        func clamp<T: Comparable>(_ key: WritableKeyPath<SamplerSettings, T>, _ range: ClosedRange<T>, _ name: String) {
            let value = result[keyPath: key]
            let fixed = value != value ? defaults[keyPath: key] : min(max(value, range.lowerBound), range.upperBound)
            if fixed != value { result[keyPath: key] = fixed; changed.append(name) }
        }
        clamp(\.temperature, Limits.temperature, "temperature")
        clamp(\.topK, Limits.topK, "top-k")
        clamp(\.topP, Limits.probability, "top-p")
        clamp(\.minP, Limits.probability, "min-p")
        clamp(\.repeatPenalty, Limits.repeatPenalty, "repeat penalty")
        clamp(\.repeatLastN, Limits.repeatLastN, "repeat window")
        clamp(\.presencePenalty, Limits.presenceOrFrequency, "presence penalty")
        clamp(\.frequencyPenalty, Limits.presenceOrFrequency, "frequency penalty")
        let stops = stopStrings.filter { !$0.isEmpty }.prefix(Limits.stopStrings).map { String($0.prefix(Limits.stopStringLength)) }
        if stops != stopStrings { result.stopStrings = stops; changed.append("stop strings") }
        return (result, changed)
    }

    /// A setting missing from the saved form keeps its default, so chats saved before a
    /// setting existed still open.
    public init(from decoder: any Decoder) throws {
        let saved = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T { try saved.decodeIfPresent(T.self, forKey: key) ?? fallback }
        temperature = try value(.temperature, temperature)
        topK = try value(.topK, topK)
        topP = try value(.topP, topP)
        minP = try value(.minP, minP)
        repeatPenalty = try value(.repeatPenalty, repeatPenalty)
        repeatLastN = try value(.repeatLastN, repeatLastN)
        presencePenalty = try value(.presencePenalty, presencePenalty)
        frequencyPenalty = try value(.frequencyPenalty, frequencyPenalty)
        seed = try value(.seed, seed)
        stopStrings = try value(.stopStrings, stopStrings)
    }
}

/// Settings shared between the UI thread and a generator: the generator reads a snapshot before
/// every token, so a change made while streaming applies to the very next token.
public final class LiveSamplerSettings: @unchecked Sendable {
    private let lock = NSLock()
    private var settings: SamplerSettings

    public init(_ settings: SamplerSettings = SamplerSettings()) { self.settings = settings }

    public var value: SamplerSettings {
        get { lock.withLock { settings } }
        set { lock.withLock { settings = newValue } }
    }

    public func update(_ change: (inout SamplerSettings) -> Void) {
        lock.withLock { change(&settings) }
    }
}
