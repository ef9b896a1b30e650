import Engine
import Foundation

public struct ChatMessage: Equatable, Sendable, Identifiable {
    /// Unique within its conversation; layout caches key on it.
    public let id: Int
    public var role: ChatRole
    /// What the message says. For a generated reply: the tokens' text, end-of-generation
    /// tokens left out.
    public var text: String
    /// A generated reply's tokens, with their probabilities and alternatives.
    public var tokens: [GeneratedToken]
    /// Why generating this reply failed, shown under it.
    public var error: String?

    public init(id: Int, role: ChatRole, text: String, tokens: [GeneratedToken] = [], error: String? = nil) {
        self.id = id
        self.role = role
        self.text = text
        self.tokens = tokens
        self.error = error
    }

    mutating func append(_ token: GeneratedToken) {
        tokens.append(token)
        if !token.isEndOfGeneration { text += token.text }
    }

    /// Keeps the first `count` tokens and rebuilds the text from them.
    mutating func truncateTokens(to count: Int) {
        tokens.removeSubrange(min(count, tokens.count)...)
        text = tokens.lazy.filter { !$0.isEndOfGeneration }.map(\.text).joined()
        error = nil
    }
}

/// A chat: what is saved to disk and reopened.
public struct Conversation: Equatable, Sendable {
    public var id: String
    /// Seconds since 1970.
    public var createdAt: Double
    public var updatedAt: Double
    public var systemPrompt: String
    public var messages: [ChatMessage]
    public var modelName: String?
    public var sampler: SamplerSettings
    /// The title the user gave it (`rename`); nil: titled by its first message.
    public private(set) var customTitle: String?
    private(set) var nextMessageID: Int

    public init(id: String, createdAt: Double, systemPrompt: String = "", messages: [ChatMessage] = [],
                modelName: String? = nil, sampler: SamplerSettings = SamplerSettings()) {
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.systemPrompt = systemPrompt
        self.messages = messages
        self.modelName = modelName
        self.sampler = sampler
        nextMessageID = (messages.map(\.id).max() ?? 0) + 1
    }

    /// How the picker lists the chat: the title the user gave it, else the first line of the
    /// first user message, shortened.
    public var title: String {
        if let customTitle { return customTitle }
        guard let first = messages.first(where: { $0.role == .user }) else { return "New chat" }
        // Only the first line's start is looked at: a message can be megabytes.
        let line = first.text.lazy.prefix { !$0.isNewline }.prefix(200)
        let trimmed = String(line).trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "New chat" }
        return trimmed.count > 60 ? String(trimmed.prefix(59)) + "…" : trimmed
    }

    /// Gives the chat `title`, on one line; an empty one titles it by its first message again.
    public mutating func rename(_ title: String) {
        let line = title.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        customTitle = line.isEmpty ? nil : String(line.prefix(Self.longestTitle))
    }

    public static let longestTitle = 120

    @discardableResult
    mutating func append(_ role: ChatRole, _ text: String) -> Int {
        messages.append(ChatMessage(id: nextMessageID, role: role, text: text))
        nextMessageID += 1
        return messages.count - 1
    }

    /// The prompt for a reply that follows message `index - 1`: the system prompt and the
    /// messages before `index`.
    func turns(before index: Int) -> [ChatTurn] {
        var turns: [ChatTurn] = []
        if !systemPrompt.isEmpty { turns.append(ChatTurn(role: .system, text: systemPrompt)) }
        for message in messages[..<min(index, messages.count)] where message.error == nil || !message.text.isEmpty {
            turns.append(ChatTurn(role: message.role, text: message.text))
        }
        return turns
    }
}

/// A saved chat as the picker lists it.
public struct ChatSummary: Equatable, Sendable, Identifiable {
    public let id: String
    public var title: String
    public let updatedAt: Double
    public let messageCount: Int
    /// The system prompt and the messages' text, for the picker's search.
    public let text: String

    public init(id: String, title: String, updatedAt: Double, messageCount: Int, text: String = "") {
        self.id = id
        self.title = title
        self.updatedAt = updatedAt
        self.messageCount = messageCount
        self.text = text
    }

    /// Whether the title or the text contains `search`, ignoring case.
    public func matches(_ search: String) -> Bool {
        search.isEmpty || title.localizedCaseInsensitiveContains(search) || text.localizedCaseInsensitiveContains(search)
    }
}
