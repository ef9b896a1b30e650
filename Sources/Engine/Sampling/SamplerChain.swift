import Foundation

/// The outcome of one sampling step.
public struct SampledToken: Sendable, Equatable {
    public let id: Int32
    /// Probability of `id` in the distribution it was drawn from.
    public let probability: Float
    /// The most likely tokens of that distribution, best first, with their probabilities.
    public let alternatives: [TokenCandidate]
}

/// llama.cpp's default chain: penalties → top-k → top-p → min-p → temperature → random draw.
/// Settings are passed on every call, so a change between two tokens applies to the next one.
/// The random draw for a position depends only on the seed and that position: streaming,
/// stepping one token at a time and regenerating a branch give the same tokens for one seed.
public struct SamplerChain: Sendable {
    private var candidates = TokenCandidates([])

    public init() {}

    /// Draws the token for context position `position` from `logits`. With temperature <= 0
    /// this is the arg-max (ties go to the lower id) and the reported distribution is the
    /// softmax of the penalised logits.
    public mutating func sample(_ logits: UnsafeBufferPointer<Float>, history: ArraySlice<Int32>, position: Int,
                                settings: SamplerSettings, alternatives: Int = 10) -> SampledToken {
        candidates.reset(logits: logits)
        PenaltySampler(lastN: settings.repeatLastN, repeatPenalty: settings.repeatPenalty,
                       frequencyPenalty: settings.frequencyPenalty, presencePenalty: settings.presencePenalty)
            .apply(&candidates, history: history)

        if settings.isGreedy {
            let denominator = alternatives > 0 ? Self.partition(candidates.items) : nil
            candidates.keepTop(max(1, alternatives))
            let top = candidates.items.map { c -> TokenCandidate in
                var c = c
                if let (maxLogit, sum) = denominator { c.probability = Float(Double(expf(c.logit - maxLogit)) / sum) }
                return c
            }
            return SampledToken(id: top[0].id, probability: top[0].probability,
                                alternatives: alternatives > 0 ? top : [])
        }

        TopKSampler(k: settings.topK).apply(&candidates)
        TopPSampler(p: settings.topP).apply(&candidates)
        MinPSampler(p: settings.minP).apply(&candidates)
        TemperatureSampler(temperature: settings.temperature).apply(&candidates)
        candidates.sort()
        candidates.normalize()
        var generator = SeededGenerator(seed: settings.seed ^ (UInt64(position) &* 0x9E37_79B9_7F4A_7C15))
        let u = generator.nextUnit()
        var cumulative: Float = 0
        var chosen = candidates.items[candidates.items.count - 1]
        for c in candidates.items {
            cumulative += c.probability
            if u < cumulative { chosen = c; break }
        }
        return SampledToken(id: chosen.id, probability: chosen.probability,
                            alternatives: Array(candidates.items.prefix(alternatives)))
    }

    /// Maximum logit and Σ exp(logit − max) over all candidates (softmax denominator).
    private static func partition(_ items: [TokenCandidate]) -> (Float, Double)? {
        guard let maxLogit = items.map(\.logit).max() else { return nil }
        var sum = 0.0
        for c in items { sum += Double(expf(c.logit - maxLogit)) }
        return (maxLogit, sum)
    }
}
