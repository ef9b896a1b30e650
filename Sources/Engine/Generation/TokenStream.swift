import Foundation

/// Timing of a stream, for "tok/s" lines and the status bar.
public struct GenerationStats: Sendable, Equatable {
    public var promptTokens = 0
    public var promptSeconds = 0.0
    public var generatedTokens = 0
    public var generationSeconds = 0.0

    public init() {}

    public var promptTokensPerSecond: Double { promptSeconds > 0 ? Double(promptTokens) / promptSeconds : 0 }
    public var generationTokensPerSecond: Double { generationSeconds > 0 ? Double(generatedTokens) / generationSeconds : 0 }
}

/// Pull-based generation over a model's KV cache: `next()` evaluates what is pending, samples
/// one token with the settings in effect at that moment and returns it. The caller decides when
/// to pull, so it can stream, pause, step or stop between any two tokens.
///
/// The context can be replaced at any time with `reset(to:)`: the longest prefix already in the
/// KV cache is kept and only the rest is evaluated, which makes branching from an earlier token
/// or continuing a chat cheap.
public final class TokenStream {
    public let model: LanguageModel
    public let tokenizer: any Tokenizer
    /// Read before every token; replaceable between tokens.
    public var settings: LiveSamplerSettings
    /// How many of the step's most likely tokens each `GeneratedToken` carries.
    public var alternativeCount = 10
    /// Whether control tokens are part of the streamed text.
    public var renderSpecial = false {
        didSet { detokenizer.renderSpecial = renderSpecial }
    }

    /// The whole context: prompt, then generated tokens.
    public private(set) var tokens: [Int32] = []
    /// Tokens of `tokens` whose keys and values are in the cache.
    public private(set) var evaluated = 0
    public private(set) var stats = GenerationStats()
    /// True once an end-of-generation token was produced; `next()` then returns nil.
    public private(set) var finished = false

    private var promptEvaluated = false
    private var sampler = SamplerChain()
    private var detokenizer: StreamingDetokenizer
    private var logits: UnsafeBufferPointer<Float>?

    public init(model: LanguageModel, tokenizer: any Tokenizer, settings: LiveSamplerSettings) {
        self.model = model
        self.tokenizer = tokenizer
        self.settings = settings
        detokenizer = StreamingDetokenizer(tokenizer: tokenizer)
    }

    /// Makes `context` the context to continue from. Tokens from `replyStart` on are the reply
    /// so far (a branch or step-mode prefix): they prime the detokenizer so a character split
    /// across the boundary comes out whole. Returns how many tokens were already in the cache.
    @discardableResult
    public func reset(to context: [Int32], replyStart: Int? = nil) -> Int {
        var common = 0
        let limit = min(evaluated, context.count)
        while common < limit && tokens[common] == context[common] { common += 1 }
        // The logits after the last token are only valid if that token was evaluated last.
        if common < evaluated || context.count != evaluated { logits = nil }
        tokens = context
        evaluated = common
        finished = false
        promptEvaluated = false
        stats = GenerationStats()
        detokenizer = StreamingDetokenizer(tokenizer: tokenizer, renderSpecial: renderSpecial)
        for id in context[min(replyStart ?? context.count, context.count)...] { _ = detokenizer.push(id) }
        return common
    }

    /// Evaluates every pending token (the prompt, or a token appended by `append`).
    public func evaluatePending() throws {
        guard evaluated < tokens.count else {
            if logits == nil, !tokens.isEmpty {
                // Re-evaluate the last token to recover its logits (its cache entry is rewritten as is).
                evaluated -= 1
                try evaluatePending()
            }
            return
        }
        guard tokens.count <= model.contextLength else {
            throw InferenceError.contextFull(needed: tokens.count, capacity: model.contextLength)
        }
        let pending = Array(tokens[evaluated...])
        let start = DispatchTime.now().uptimeNanoseconds
        logits = try model.evaluate(pending, at: evaluated)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if promptEvaluated {
            stats.generationSeconds += seconds
        } else {
            stats.promptTokens += pending.count
            stats.promptSeconds += seconds
            promptEvaluated = true
        }
        evaluated = tokens.count
    }

    /// Samples the next token. Returns nil after an end-of-generation token; throws
    /// `InferenceError.contextFull` when no position is left.
    public func next() throws -> GeneratedToken? {
        guard !finished else { return nil }
        guard tokens.count < model.contextLength else {
            throw InferenceError.contextFull(needed: tokens.count + 1, capacity: model.contextLength)
        }
        try evaluatePending()
        guard let logits else { throw InferenceError.emptyInput }
        // Damaged weights (NaN or Inf in a tensor) show here first: sampling would pick garbage.
        if let bad = logits.firstIndex(where: { !$0.isFinite }) {
            throw InferenceError.nonFiniteLogits(position: tokens.count, token: Int32(bad))
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let sampled = sampler.sample(logits, history: tokens[...], position: tokens.count,
                                     settings: settings.value, alternatives: alternativeCount)
        stats.generationSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return emit(sampled.id, probability: sampled.probability, alternatives: sampled.alternatives)
    }

    /// Appends a token chosen by the user (a branch onto an alternative) as if it was sampled.
    public func append(_ id: Int32, probability: Float = 1, alternatives: [TokenCandidate] = []) -> GeneratedToken {
        emit(id, probability: probability, alternatives: alternatives)
    }

    /// Text of any unfinished character still waiting (at the end of a reply).
    public func flushText() -> String { detokenizer.flush() }

    private func emit(_ id: Int32, probability: Float, alternatives: [TokenCandidate]) -> GeneratedToken {
        tokens.append(id)
        logits = nil
        stats.generatedTokens += 1
        let isEnd = tokenizer.isEndOfGeneration(id)
        finished = isEnd
        let text = isEnd && !renderSpecial ? "" : detokenizer.push(id)
        return GeneratedToken(
            id: id, text: text, probability: probability,
            alternatives: alternatives.map {
                TokenAlternative(id: $0.id, text: tokenizer.piece($0.id), probability: $0.probability,
                                 isEndOfGeneration: tokenizer.isEndOfGeneration($0.id))
            },
            isEndOfGeneration: isEnd)
    }
}
