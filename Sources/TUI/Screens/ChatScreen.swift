import Engine

/// Where keys go on the Chat screen.
public enum ChatFocus: Equatable, Sendable {
    case input
    case sampler
    /// The token cursor: moving over a reply's tokens, choosing an alternative to branch.
    case tokens
    /// Step mode: a proposed next token waits to be accepted.
    case proposal
}

/// The request being generated, and what arrives for it.
public struct ActiveGeneration: Equatable, Sendable {
    public let requestID: Int
    /// The assistant message the tokens go to.
    public let messageIndex: Int
    public let mode: GenerationMode
    public let startedAt: Double
    public var firstTokenAt: Double?
    public var tokenCount = 0
    /// When the reply so far was last saved (see `ChatScreen.autosaveInterval`).
    public var savedAt: Double?
}

/// A position over generated tokens: message, token, and the alternative picked for a branch.
public struct TokenCursor: Equatable, Sendable {
    public var message: Int
    public var token: Int
    public var alternative: Int
}

/// Step mode's pending token: the sampled token, its candidates, and the one picked.
public struct Proposal: Equatable, Sendable {
    public let token: GeneratedToken
    public var selected: Int

}

extension GeneratedToken {
    /// The step's candidates to choose from: its alternatives, with the chosen token first
    /// when the list does not include it.
    public var candidates: [TokenAlternative] {
        let chosen = TokenAlternative(id: id, text: text, probability: probability)
        return alternatives.contains { $0.id == id } ? alternatives : [chosen] + alternatives
    }
}

/// Rows scrolled in the message list: stuck to the bottom (following a stream), or a fixed
/// first row that stays put while text is added below.
public enum ScrollPosition: Equatable, Sendable {
    case bottom
    case top(row: Int)
}

public struct ChatScreen {
    public var conversation: Conversation
    public var input = TextEditor()
    public var history = InputHistory()
    public var focus: ChatFocus = .input
    public var scroll: ScrollPosition = .bottom
    public var generation: ActiveGeneration?
    /// Speed of the current or last reply.
    public var tokensPerSecond: Double?
    /// Context positions in use after the last event.
    public var contextUsed = 0
    /// The settings in effect: what the generator reads before its next token.
    public var sampler: SamplerSettings
    public var samplerVisible = false
    public var samplerRow = 0
    public var heatmap = false
    /// Whether replies show their reasoning (`<think>…</think>`) or fold it into one line.
    public var showsReasoning = false
    public var stepMode = false
    public var tokenCursor: TokenCursor?
    public var proposal: Proposal?
    /// The user message being edited for resending, by index.
    public var editingMessage: Int?
    let layoutCache = MessageLayoutCache()

    public init(conversation: Conversation, sampler: SamplerSettings) {
        self.conversation = conversation
        self.sampler = sampler
    }

    public var isGenerating: Bool { generation != nil }

    /// The conversation as it should be saved: with the settings in effect.
    var conversationToSave: Conversation {
        var saved = conversation
        saved.sampler = sampler
        return saved
    }

    /// A streaming reply is saved this often, marked as interrupted until it ends, so a
    /// process killed outright (kill -9, a power cut) loses at most this much of it.
    static let autosaveInterval = 3.0

    /// The note an unfinished reply carries in the file.
    static func interrupted(_ why: String) -> String { "interrupted (\(why)): the reply stops here" }

    /// The chat to save with the reply being generated marked as interrupted.
    func savingUnfinishedReply(_ why: String) -> Conversation {
        var saved = conversationToSave
        if let index = generation?.messageIndex { saved.messages[index].error = Self.interrupted(why) }
        return saved
    }
}
