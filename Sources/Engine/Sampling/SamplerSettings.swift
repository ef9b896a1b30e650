import Foundation

/// The sampling knobs, with llama.cpp's defaults. `temperature <= 0` means greedy.
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

    public init() {}

    public var isGreedy: Bool { temperature <= 0 }
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
