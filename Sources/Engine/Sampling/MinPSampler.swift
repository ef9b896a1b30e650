import Foundation

/// Keeps tokens whose probability is at least p times the best token's; p <= 0 keeps all,
/// and the best token always stays (p above 1 acts as 1).
public struct MinPSampler: Sendable {
    public var p: Float

    public init(p: Float) { self.p = p }

    public func apply(_ candidates: inout TokenCandidates) {
        guard p > 0, let best = candidates.items.map(\.logit).max() else { return }
        // p_i >= p·p_max  ⇔  logit_i >= logit_max + ln p
        let threshold = best + logf(min(p, 1))
        candidates.items.removeAll { $0.logit < threshold }
    }
}
