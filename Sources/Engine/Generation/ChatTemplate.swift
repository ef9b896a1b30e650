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

/// The built-in chat formats (full Jinja templates come later), chosen from the model's template
/// text or, without one, from its vocabulary:
/// - ChatML (SmolLM2, Qwen): `<|im_start|>role\ntext<|im_end|>\n` per turn, then `<|im_start|>assistant\n`.
/// - Gemma: `<start_of_turn>user\ntext<end_of_turn>\n` and `model` for the assistant, then
///   `<start_of_turn>model\n`; Gemma has no system role, so the system message opens the first
///   user turn, followed by a blank line; texts are trimmed, as Gemma's template does.
/// The markers become their special-token ids; message text is tokenized as plain text, so a
/// user who types `<|im_end|>` cannot close their own turn.
public struct ChatTemplate: Sendable {
    public enum Format: Sendable, Equatable {
        case chatML, gemma
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case missingToken(String, format: String)
        public var description: String {
            switch self {
            case let .missingToken(text, format): return "the model's vocabulary has no \(text) token, which \(format) needs"
            }
        }
    }

    public let format: Format
    let start: Int32
    let end: Int32
    /// The system message the model's own template inserts when a chat has none (SmolLM2's
    /// "You are a helpful AI assistant named SmolLM…"), read from the template's text.
    public let defaultSystemPrompt: String?

    public init(tokenizer: any Tokenizer, template: String? = nil) throws {
        func special(_ text: String) -> Int32? {
            let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: true)
            guard ids.count == 1, tokenizer.isControl(ids[0]) || tokenizer.isEndOfGeneration(ids[0]) else { return nil }
            return ids[0]
        }
        let gemma = template.map { $0.contains("<start_of_turn>") } ?? (special("<start_of_turn>") != nil && special("<|im_start|>") == nil)
        format = gemma ? .gemma : .chatML
        let (open, close, name) = gemma ? ("<start_of_turn>", "<end_of_turn>", "Gemma's chat format") : ("<|im_start|>", "<|im_end|>", "ChatML")
        guard let start = special(open) else { throw Failure.missingToken(open, format: name) }
        guard let end = special(close) else { throw Failure.missingToken(close, format: name) }
        (self.start, self.end) = (start, end)
        defaultSystemPrompt = gemma ? nil : template.flatMap(Self.literalSystemPrompt)
    }

    /// A ChatML system message written literally in a Jinja template
    /// (`'<|im_start|>system\nTEXT<|im_end|>\n'`), if there is exactly such text.
    static func literalSystemPrompt(_ template: String) -> String? {
        guard let open = template.range(of: "<|im_start|>system\n"),
              let close = template.range(of: "<|im_end|>", range: open.upperBound ..< template.endIndex) else { return nil }
        let text = String(template[open.upperBound ..< close.lowerBound])
        let isLiteral = !text.isEmpty && !["{{", "{%", "'", "\"", "\n"].contains { text.contains($0) }
        return isLiteral ? text : nil
    }

    /// The turns as the format writes them: (role line, text) pairs.
    private func layout(_ turns: [ChatTurn]) -> [(role: String, text: String)] {
        switch format {
        case .chatML:
            let system = turns.first?.role == .system ? [] : defaultSystemPrompt.map { [ChatTurn(role: .system, text: $0)] } ?? []
            return (system + turns).map { ($0.role.rawValue, $0.text) }
        case .gemma:
            var pending = "", out: [(role: String, text: String)] = []
            for turn in turns {
                let text = turn.text.trimmingCharacters(in: .whitespacesAndNewlines)
                switch turn.role {
                case .system: pending += text
                case .assistant: out.append(("model", text))
                case .user:
                    out.append(("user", pending.isEmpty ? text : pending + "\n\n" + text))
                    pending = ""
                }
            }
            return out
        }
    }

    /// Token ids of the conversation followed by the opening of the assistant's turn. Like the
    /// model's template, a ChatML chat without a system message gets the template's default one.
    public func render(_ turns: [ChatTurn], tokenizer: any Tokenizer, addGenerationPrompt: Bool = true) -> [Int32] {
        var ids: [Int32] = tokenizer.addsBOS ? tokenizer.bos.map { [$0] } ?? [] : []
        for turn in layout(turns) {
            ids.append(start)
            ids += tokenizer.encode(turn.role + "\n" + turn.text, addSpecial: false, parseSpecial: false)
            ids.append(end)
            ids += tokenizer.encode("\n", addSpecial: false, parseSpecial: false)
        }
        if addGenerationPrompt {
            ids.append(start)
            ids += tokenizer.encode((format == .gemma ? "model" : "assistant") + "\n", addSpecial: false, parseSpecial: false)
        }
        return ids
    }
}
