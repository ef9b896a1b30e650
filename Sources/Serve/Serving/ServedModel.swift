import Engine
import Foundation

/// A token's log probability as OpenAI reports it, with the step's most likely tokens.
struct TokenLogprob: Encodable, Equatable {
    struct Candidate: Encodable, Equatable {
        let token: String
        let logprob: Double
        let bytes: [UInt8]
    }

    let token: String
    let logprob: Double
    let bytes: [UInt8]
    let topLogprobs: [Candidate]
}

/// The one model a server answers with, behind a turnstile: requests take it in the order
/// they arrived, one at a time. Its token stream stays between requests, so a request that
/// starts like the last one (a chat client resending its history) evaluates only the rest.
public final class ServedModel: @unchecked Sendable {
    /// What `/v1/models` lists and responses name.
    public let name: String
    public let contextLength: Int
    let tokenizer: any Tokenizer
    let format: any ChatFormat
    /// The sampling settings a request's fields are laid over.
    let defaults: SamplerSettings
    /// The seed of a request that names none: `--seed`, or a fresh random one each time.
    private let fixedSeed: UInt64?
    private let stream: TokenStream
    private let turnstile = Turnstile()

    public init(name: String, model: LanguageModel, tokenizer: any Tokenizer, format: any ChatFormat,
                defaults: SamplerSettings, fixedSeed: UInt64?) {
        self.name = name
        contextLength = model.contextLength
        self.tokenizer = tokenizer
        self.format = format
        self.defaults = defaults
        self.fixedSeed = fixedSeed
        stream = TokenStream(model: model, tokenizer: tokenizer, settings: LiveSamplerSettings(defaults))
    }

    func settings(for fields: GenerationFields) throws -> SamplerSettings {
        try fields.settings(defaults: defaults, randomSeed: { fixedSeed ?? UInt64.random(in: 0 ... UInt64.max) })
    }

    /// What one request asks the model for.
    struct Job {
        let prompt: [Int32]
        let settings: SamplerSettings
        /// nil: until the reply ends or the context is full.
        let maxTokens: Int?
        /// How many alternatives each token's logprob carries; nil: no logprobs.
        let logprobs: Int?
    }

    /// A piece of the reply: text released by this token (held-back text that might start a
    /// stop string comes later) and the token's logprob when asked for.
    struct Piece {
        let text: String
        let logprob: TokenLogprob?
    }

    struct Outcome {
        /// "stop" (end of turn or a stop string) or "length" (max_tokens or the context full).
        var finishReason = "length"
        var promptTokens = 0
        var completionTokens = 0
        /// Prompt tokens found in the KV cache from the last request.
        var reusedTokens = 0
        var clientGone = false
        var stats = GenerationStats()
    }

    /// Checks a prompt and its token budget before the request waits for the model; `field` is
    /// the request field the prompt came from ("messages" or "prompt").
    func validate(prompt: [Int32], field: String, maxTokens: Int?) throws {
        guard !prompt.isEmpty else { throw OpenAIError.invalid("the prompt is empty", param: field) }
        if let bad = prompt.first(where: { $0 < 0 || Int($0) >= tokenizer.vocabularySize }) {
            throw OpenAIError.invalid("token id \(bad) is not in the vocabulary (0 ..< \(tokenizer.vocabularySize))", param: "prompt")
        }
        guard prompt.count < contextLength else {
            throw OpenAIError.invalid("the prompt is \(prompt.count) tokens but the context holds \(contextLength) (start genplay serve with a larger -c)",
                                      param: field, code: "context_length_exceeded")
        }
        if let maxTokens, !(0 ... contextLength).contains(maxTokens) {
            throw OpenAIError.invalid("max_tokens must be between 0 and the context length, \(contextLength)", param: "max_tokens")
        }
    }

    /// Generates for `job` once the model is free. `emit` gets each piece and returns false
    /// when the client is gone; `isCancelled` is asked before every token.
    func generate(_ job: Job, isCancelled: () -> Bool, emit: (Piece) -> Bool) throws -> Outcome {
        turnstile.enter()
        defer { turnstile.leave() }
        var outcome = Outcome(promptTokens: job.prompt.count)
        guard !isCancelled() else { outcome.clientGone = true; return outcome }
        stream.settings = LiveSamplerSettings(job.settings)
        stream.alternativeCount = job.logprobs ?? 0
        outcome.reusedTokens = stream.reset(to: job.prompt)
        var stops = StopStrings(job.settings.stopStrings)
        let limit = job.maxTokens ?? contextLength
        while outcome.completionTokens < limit {
            if isCancelled() { outcome.clientGone = true; break }
            let token: GeneratedToken
            do {
                guard let next = try stream.next() else { outcome.finishReason = "stop"; break }
                token = next
            } catch InferenceError.contextFull { break }
            outcome.completionTokens += 1
            if format.endsReply(token.id, tokenizer: tokenizer) { outcome.finishReason = "stop"; break }
            let piece = Piece(text: stops.append(token.text), logprob: job.logprobs.map { logprob(token, top: $0) })
            guard emit(piece) else { outcome.clientGone = true; break }
            if stops.isStopped { outcome.finishReason = "stop"; break }
        }
        let rest = stops.append(stream.flushText()) + stops.flush()
        if !rest.isEmpty, !outcome.clientGone { _ = emit(Piece(text: rest, logprob: nil)) }
        outcome.stats = stream.stats
        return outcome
    }

    private func logprob(_ token: GeneratedToken, top: Int) -> TokenLogprob {
        func candidate(_ id: Int32, _ probability: Float) -> TokenLogprob.Candidate {
            let bytes = tokenizer.tokenBytes(id, renderSpecial: true)
            // JSON has no -infinity; OpenAI reports -9999 for what is all but impossible.
            let logprob = probability > 0 ? max(-9999, Double(log(probability))) : -9999
            return TokenLogprob.Candidate(token: String(decoding: bytes, as: UTF8.self), logprob: logprob, bytes: bytes)
        }
        let chosen = candidate(token.id, token.probability)
        return TokenLogprob(token: chosen.token, logprob: chosen.logprob, bytes: chosen.bytes,
                            topLogprobs: token.alternatives.prefix(top).map { candidate($0.id, $0.probability) })
    }
}

/// A first-come, first-served lock: threads get it in the order they asked.
private final class Turnstile: @unchecked Sendable {
    private let condition = NSCondition()
    private var nextTicket = 0
    private var serving = 0

    func enter() {
        condition.lock()
        let ticket = nextTicket
        nextTicket += 1
        while serving != ticket { condition.wait() }
        condition.unlock()
    }

    func leave() {
        condition.lock()
        serving += 1
        condition.broadcast()
        condition.unlock()
    }
}
