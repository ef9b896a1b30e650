/// Keeps the k most likely tokens; k <= 0 keeps all.
public struct TopKSampler: Sendable {
    public var k: Int

    public init(k: Int) { self.k = k }

    public func apply(_ candidates: inout TokenCandidates) {
        guard k > 0, k < candidates.items.count else { return }
        candidates.keepTop(k)
    }
}
