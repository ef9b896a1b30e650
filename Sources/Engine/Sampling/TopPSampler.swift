/// Nucleus sampling: keeps the smallest set of most likely tokens whose probabilities add up
/// to at least p (always at least one); p >= 1 keeps all.
public struct TopPSampler: Sendable {
    public var p: Float

    public init(p: Float) { self.p = p }

    public func apply(_ candidates: inout TokenCandidates) {
        guard p < 1, !candidates.items.isEmpty else { return }
        candidates.sort()
        candidates.normalize()
        var cumulative: Float = 0
        var keep = candidates.items.count
        for (i, c) in candidates.items.enumerated() {
            cumulative += c.probability
            if cumulative >= p { keep = i + 1; break }
        }
        candidates.items.removeSubrange(keep...)
    }
}
