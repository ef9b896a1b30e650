/// Repetition, frequency and presence penalties over the last N tokens (llama.cpp's
/// "penalties"): a repeated token's logit is divided by `repeat` when positive, multiplied when
/// not, then lowered by count·frequency + presence.
public struct PenaltySampler: Sendable {
    public var lastN: Int
    public var repeatPenalty: Float
    public var frequencyPenalty: Float
    public var presencePenalty: Float

    public init(lastN: Int, repeatPenalty: Float, frequencyPenalty: Float, presencePenalty: Float) {
        self.lastN = lastN
        self.repeatPenalty = repeatPenalty
        self.frequencyPenalty = frequencyPenalty
        self.presencePenalty = presencePenalty
    }

    public var isDisabled: Bool {
        lastN == 0 || (repeatPenalty == 1 && frequencyPenalty == 0 && presencePenalty == 0)
    }

    /// `history` is every token so far; `lastN` < 0 means all of it.
    public func apply(_ candidates: inout TokenCandidates, history: ArraySlice<Int32>) {
        guard !isDisabled, !history.isEmpty else { return }
        let window = lastN < 0 ? history : history.suffix(lastN)
        var counts: [Int32: Int] = [:]
        for token in window { counts[token, default: 0] += 1 }
        for i in candidates.items.indices {
            guard let count = counts[candidates.items[i].id] else { continue }
            var logit = candidates.items[i].logit
            logit = logit <= 0 ? logit * repeatPenalty : logit / repeatPenalty
            logit -= Float(count) * frequencyPenalty + presencePenalty
            candidates.items[i].logit = logit
        }
        candidates.isSorted = false
    }
}
