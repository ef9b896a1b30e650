import Engine

/// What the Chat screen needs from a language model. The app calls it on the UI thread; it
/// generates on its own thread and reports through `emit`, from any thread. Events of a
/// request that was stopped or replaced are ignored, so `stop` need not wait.
public protocol ChatBackend: AnyObject, Sendable {
    /// Begins the assistant's reply to `request.turns`, starting with the tokens of
    /// `request.assistantPrefix` (already shown to the user; a backend keeps its KV cache for the
    /// longest prefix it still holds and evaluates only the rest). `settings` is read before
    /// every token, so sampler changes apply to the next one; so are its stop strings, which
    /// end a streamed reply before them (`StopStringFilter`).
    ///
    /// - `.stream`: emit `.promptProcessed`, then `.token` for each token, then `.finished`.
    /// - `.proposeNext` (step mode): emit `.promptProcessed`, then one `.proposal` — the next
    ///   token as sampled, with its alternatives, not yet part of the reply — then
    ///   `.finished(.proposed)`. The app appends the token the user accepts to the prefix of
    ///   the next request.
    func start(_ request: GenerationRequest, settings: LiveSamplerSettings, emit: @escaping @Sendable (GenerationEvent) -> Void)

    /// Stops request `requestID` as soon as possible (it may still emit `.finished(.stopped)`).
    func stop(requestID: Int)
}

public enum GenerationMode: Equatable, Sendable {
    case stream
    case proposeNext
}

public struct GenerationRequest: Equatable, Sendable {
    public let id: Int
    /// The system prompt (when set) and the conversation, ending with the user's message.
    public let turns: [ChatTurn]
    /// Token ids the reply already has: a branch point or the tokens accepted in step mode.
    public let assistantPrefix: [Int32]
    public let mode: GenerationMode

    public init(id: Int, turns: [ChatTurn], assistantPrefix: [Int32] = [], mode: GenerationMode = .stream) {
        self.id = id
        self.turns = turns
        self.assistantPrefix = assistantPrefix
        self.mode = mode
    }
}

public enum FinishReason: String, Equatable, Sendable {
    case endOfGeneration = "end of generation"
    /// The reply reached one of the stop strings (left out of it).
    case stopString = "stop string"
    case stopped
    case lengthLimit = "length limit"
    case contextFull = "context full"
    /// A step-mode request delivered its proposal.
    case proposed
}

public enum GenerationEvent: Equatable, Sendable {
    /// The prompt (and prefix) are evaluated; `contextTokens` positions of the context are used.
    case promptProcessed(contextTokens: Int)
    case token(GeneratedToken)
    case proposal(GeneratedToken)
    case finished(FinishReason)
    case failed(String)
}
