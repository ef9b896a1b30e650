import Foundation

public enum ChatRole: String, Codable, Equatable, Sendable {
    case system, user, assistant
}

/// One message of the prompt as the model sees it.
public struct ChatTurn: Equatable, Sendable {
    public let role: ChatRole
    public let text: String

    public init(role: ChatRole, text: String) {
        self.role = role
        self.text = text
    }
}

/// How a conversation becomes the model's prompt: the model's own chat template
/// (`JinjaChatFormat`), or for a file without one a built-in format (`BuiltInChatFormat`).
/// Special tokens come only from the format's own text; what the messages say is plain text.
public protocol ChatFormat: Sendable {
    /// What the app and `info` call it ("the model's chat template", "ChatML (built in)").
    var name: String { get }
    /// The token that closes an assistant turn: a reply ends there even where the vocabulary
    /// does not count it as an end of generation.
    var endOfTurn: Int32? { get }
    /// Token ids of the turns (BOS first where the vocabulary adds one), then with
    /// `addGenerationPrompt` the opening of the assistant's turn. Throws where the template
    /// refuses the conversation (`raise_exception`) or fails on it.
    func render(_ turns: [ChatTurn], tokenizer: any Tokenizer, addGenerationPrompt: Bool) throws -> [Int32]
}

extension ChatFormat {
    public func render(_ turns: [ChatTurn], tokenizer: any Tokenizer) throws -> [Int32] {
        try render(turns, tokenizer: tokenizer, addGenerationPrompt: true)
    }

    /// Whether `id` ends a reply: the vocabulary's end of generation or this format's end of turn.
    public func endsReply(_ id: Int32, tokenizer: any Tokenizer) -> Bool {
        tokenizer.isEndOfGeneration(id) || id == endOfTurn
    }
}

/// Picks a model's chat format.
public enum ChatFormats {
    /// The format, and why it is not the model's own template when that one could not be used.
    public struct Choice: Sendable {
        public let format: any ChatFormat
        public let warning: String?
    }

    /// `template`: the file's `tokenizer.chat_template`. A template that does not parse falls
    /// back to the built-in format its text names, with a warning.
    public static func choose(template: String?, tokenizer: any Tokenizer) throws -> Choice {
        guard let template, !template.isEmpty else {
            return Choice(format: try BuiltInChatFormat(tokenizer: tokenizer), warning: nil)
        }
        do {
            return Choice(format: try JinjaChatFormat(template, tokenizer: tokenizer), warning: nil)
        } catch let error as JinjaError {
            let fallback = try BuiltInChatFormat(tokenizer: tokenizer, template: template)
            return Choice(format: fallback, warning: "the chat template cannot be used (\(error)); chatting in \(fallback.name)")
        }
    }

    /// The model file's own template, unless `override` (template text, `--chat-template`)
    /// replaces it. An override the user chose is never swapped for a built-in format: one
    /// that does not parse throws its `JinjaError`.
    public static func choose(file: GGUFFile, tokenizer: any Tokenizer, override: String? = nil) throws -> Choice {
        if let override { return Choice(format: try JinjaChatFormat(override, tokenizer: tokenizer), warning: nil) }
        return try choose(template: file.string(GGUFKey.chatTemplate), tokenizer: tokenizer)
    }
}
