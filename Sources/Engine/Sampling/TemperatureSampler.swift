/// Divides logits by the temperature; at temperature <= 0 only the best token survives (greedy).
public struct TemperatureSampler: Sendable {
    public var temperature: Float

    public init(temperature: Float) { self.temperature = temperature }

    public func apply(_ candidates: inout TokenCandidates) {
        if temperature <= 0 {
            candidates.keepTop(1)
            return
        }
        for i in candidates.items.indices { candidates.items[i].logit /= temperature }
    }
}
