import Dispatch
import Engine
import Foundation

/// The Chat screen's backend on a real model: one generation thread, one KV cache kept between
/// requests, so a follow-up message, a branch or a step-mode token evaluates only what is new.
/// A conversation longer than the context keeps going: the oldest turns are dropped
/// (`ContextWindow`).
public final class EngineChatBackend: ChatBackend, @unchecked Sendable {
    private let stream: TokenStream
    private let format: any ChatFormat
    private let queue = DispatchQueue(label: "genplay.generation", qos: .userInitiated)
    private let lock = NSLock()
    private var current: Int?
    /// The reply stops after this many tokens (nil: when the model ends it or the context is full).
    public let replyLimit: Int?

    public init(model: LanguageModel, tokenizer: any Tokenizer, format: any ChatFormat, replyLimit: Int? = nil) {
        self.format = format
        stream = TokenStream(model: model, tokenizer: tokenizer, settings: LiveSamplerSettings())
        self.replyLimit = replyLimit
    }

    public func start(_ request: GenerationRequest, settings: LiveSamplerSettings,
                      emit: @escaping @Sendable (GenerationEvent) -> Void) {
        lock.withLock { current = request.id }
        queue.async { [self] in
            guard isCurrent(request.id) else { return emit(.finished(.stopped)) }
            do { try generate(request, settings: settings, emit: emit) } catch {
                emit(.failed("\(error)"))
            }
        }
    }

    public func stop(requestID: Int) {
        lock.withLock { if current == requestID { current = nil } }
    }

    private func isCurrent(_ id: Int) -> Bool { lock.withLock { current == id } }

    private func generate(_ request: GenerationRequest, settings: LiveSamplerSettings,
                          emit: @Sendable (GenerationEvent) -> Void) throws {
        let tokenizer = stream.tokenizer
        let window = ContextWindow(format: format, tokenizer: tokenizer, capacity: stream.model.contextLength)
        guard let prompt = try window.prompt(for: request.turns, reply: request.assistantPrefix.count)?.tokens else {
            return emit(.finished(.contextFull))
        }
        stream.settings = settings
        stream.reset(to: prompt + request.assistantPrefix, replyStart: prompt.count)
        if let last = request.assistantPrefix.last, format.endsReply(last, tokenizer: tokenizer) {
            return emit(.finished(.endOfGeneration)) // a branch onto an end-of-turn token
        }
        var replyStart = prompt.count
        do { try stream.evaluatePending() } catch InferenceError.contextFull {
            return emit(.finished(.contextFull))
        }
        emit(.promptProcessed(contextTokens: stream.tokens.count))
        var produced = request.assistantPrefix.count
        // Stop strings are looked for in what this request streams: in step mode the user
        // picks every token.
        var stops = StopStringFilter(settings.value.stopStrings)
        func finish(_ reason: FinishReason) {
            for token in stops.flush() { emit(.token(token)) }
            emit(.finished(reason))
        }
        while true {
            guard isCurrent(request.id) else { return emit(.finished(.stopped)) }
            if let replyLimit, produced >= replyLimit { return finish(.lengthLimit) }
            let token: GeneratedToken
            do {
                guard let next = try stream.next() else { return finish(.endOfGeneration) }
                token = next
            } catch InferenceError.contextFull {
                // Context shift: fewer earlier turns, the reply so far kept whole.
                let reply = Array(stream.tokens[replyStart...])
                guard let shifted = try window.prompt(for: request.turns, reply: reply.count)?.tokens else {
                    return finish(.contextFull)
                }
                stream.reset(to: shifted + reply, replyStart: shifted.count)
                replyStart = shifted.count
                try stream.evaluatePending()
                emit(.promptProcessed(contextTokens: stream.tokens.count))
                continue
            }
            produced += 1
            if request.mode == .proposeNext {
                emit(.proposal(token))
                return emit(.finished(.proposed))
            }
            stops.stops = settings.value.stopStrings
            for shown in stops.append(token) { emit(.token(shown)) }
            if stops.isStopped { return emit(.finished(.stopString)) }
            if format.endsReply(token.id, tokenizer: tokenizer) { return finish(.endOfGeneration) }
        }
    }
}
