import Engine

/// The sampler knobs the panel adjusts: how each reads, steps and shows its value.
struct SamplerParameter: Sendable {
    let name: String
    let range: ClosedRange<Double>
    let step: Double
    let showsBar: Bool
    let read: @Sendable (SamplerSettings) -> Double
    let write: @Sendable (inout SamplerSettings, Double) -> Void
    let format: @Sendable (SamplerSettings) -> String

    /// `settings` with this parameter moved by `steps` steps, clamped to its range.
    func adjusted(_ settings: SamplerSettings, by steps: Int) -> SamplerSettings {
        var result = settings
        let value = min(max(read(settings) + Double(steps) * step, range.lowerBound), range.upperBound)
        write(&result, (value / step).rounded() * step)
        return result
    }

    func fraction(_ settings: SamplerSettings) -> Double? {
        showsBar ? (read(settings) - range.lowerBound) / (range.upperBound - range.lowerBound) : nil
    }

    static let all: [SamplerParameter] = [
        SamplerParameter(name: "Temperature", range: 0...2, step: 0.05, showsBar: true,
                         read: { Double($0.temperature) }, write: { $0.temperature = Float($1) },
                         format: { $0.isGreedy ? "greedy" : decimal($0.temperature) }),
        SamplerParameter(name: "Top-k", range: 0...200, step: 1, showsBar: true,
                         read: { Double($0.topK) }, write: { $0.topK = Int($1) },
                         format: { $0.topK <= 0 ? "off" : "\($0.topK)" }),
        SamplerParameter(name: "Top-p", range: 0...1, step: 0.01, showsBar: true,
                         read: { Double($0.topP) }, write: { $0.topP = Float($1) },
                         format: { $0.topP >= 1 ? "off" : decimal($0.topP) }),
        SamplerParameter(name: "Min-p", range: 0...1, step: 0.01, showsBar: true,
                         read: { Double($0.minP) }, write: { $0.minP = Float($1) },
                         format: { $0.minP <= 0 ? "off" : decimal($0.minP) }),
        SamplerParameter(name: "Repeat penalty", range: 1...2, step: 0.05, showsBar: true,
                         read: { Double($0.repeatPenalty) }, write: { $0.repeatPenalty = Float($1) },
                         format: { $0.repeatPenalty <= 1 ? "off" : decimal($0.repeatPenalty) }),
        SamplerParameter(name: "Seed", range: 0...Double(UInt32.max), step: 1, showsBar: false,
                         read: { Double($0.seed) }, write: { $0.seed = UInt64($1) },
                         format: { "\($0.seed)" }),
    ]

    static let seedRow = all.count - 1

    /// The one-line summary in the status bar: `T0.80 k40 p0.95 m0.05 r1.00 s12648430`.
    static func summary(_ settings: SamplerSettings) -> String {
        let temperature = settings.isGreedy ? "greedy" : "T" + decimal(settings.temperature)
        return "\(temperature) k\(settings.topK) p\(decimal(settings.topP)) m\(decimal(settings.minP)) r\(decimal(settings.repeatPenalty)) s\(settings.seed)"
    }
}

/// 0.8 as "0.80".
func decimal(_ value: Float) -> String {
    let hundredths = Int((Double(value) * 100).rounded())
    let fraction = abs(hundredths % 100)
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
