import Engine

/// The JSON layout of a saved chat. Kept apart from the in-memory types so the file format
/// changes only on purpose; `version` says which layout a file has.
struct ChatFile: Codable {
    static let currentVersion = 1

    var version: Int
    var id: String
    var title: String
    /// Set when the user renamed the chat; `title` is then the same text. Older files lack it.
    var customTitle: String?
    var createdAt: Double
    var updatedAt: Double
    var model: String?
    var systemPrompt: String
    var sampler: SamplerSettings
    var messages: [Message]

    struct Message: Codable {
        var role: ChatRole
        var text: String
        var error: String?
        var tokens: [Token]?
    }

    struct Token: Codable {
        var id: Int32
        var text: String
        var p: Float
        var end: Bool?
        var alternatives: [Alternative]
    }

    struct Alternative: Codable {
        var id: Int32
        var text: String
        var p: Float
    }

    init(_ conversation: Conversation) {
        version = Self.currentVersion
        id = conversation.id
        title = conversation.title
        customTitle = conversation.customTitle
        createdAt = conversation.createdAt
        updatedAt = conversation.updatedAt
        model = conversation.modelName
        systemPrompt = conversation.systemPrompt
        sampler = conversation.sampler
        messages = conversation.messages.map { message in
            Message(role: message.role, text: message.text, error: message.error,
                    tokens: message.tokens.isEmpty ? nil : message.tokens.map { token in
                        Token(id: token.id, text: token.text, p: token.probability,
                              end: token.isEndOfGeneration ? true : nil,
                              alternatives: token.alternatives.map { Alternative(id: $0.id, text: $0.text, p: $0.probability) })
                    })
        }
    }

    /// The chat in memory, as the file named `id` (the id inside the file is not trusted: a
    /// copied file would save over its original).
    func conversation(savedAs id: String) -> Conversation {
        var conversation = Conversation(
            id: id, createdAt: createdAt, systemPrompt: systemPrompt,
            messages: messages.enumerated().map { index, message in
                ChatMessage(id: index + 1, role: message.role, text: message.text,
                            tokens: (message.tokens ?? []).map { token in
                                GeneratedToken(id: token.id, text: token.text, probability: token.p,
                                               alternatives: token.alternatives.map { TokenAlternative(id: $0.id, text: $0.text, probability: $0.p) },
                                               isEndOfGeneration: token.end ?? false)
                            },
                            error: message.error)
            },
            modelName: model, sampler: sampler)
        conversation.updatedAt = updatedAt
        if let customTitle { conversation.rename(customTitle) }
        return conversation
    }
}
