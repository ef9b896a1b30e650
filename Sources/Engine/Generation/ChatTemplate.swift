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

/// ChatML, the format of SmolLM2 and Qwen (full Jinja templates come later):
/// `<|im_start|>role\ntext<|im_end|>\n` per turn, then `<|im_start|>assistant\n`.
/// The markers become their special-token ids; message text is tokenized as plain text, so a
/// user who types `<|im_end|>` cannot close their own turn.
public struct ChatTemplate: Sendable {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case missingToken(String)
        public var description: String {
            switch self {
            case let .missingToken(text): return "the model's vocabulary has no \(text) token, which ChatML needs"
            }
        }
    }

    let start: Int32
    let end: Int32
    /// The system message the model's own template inserts when a chat has none (SmolLM2's
    /// "You are a helpful AI assistant named SmolLM…"), read from the template's text.
    public let defaultSystemPrompt: String?

    public init(tokenizer: any Tokenizer, template: String? = nil) throws {
        defaultSystemPrompt = template.flatMap(Self.literalSystemPrompt)
        func special(_ text: String) throws -> Int32 {
            let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: true)
            guard ids.count == 1, tokenizer.isControl(ids[0]) || tokenizer.isEndOfGeneration(ids[0]) else { throw Failure.missingToken(text) }
            return ids[0]
        }
        start = try special("<|im_start|>")
        end = try special("<|im_end|>")
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

    /// Token ids of the conversation followed by the opening of the assistant's turn. Like the
    /// model's template, a chat without a system message gets the template's default one.
    public func render(_ turns: [ChatTurn], tokenizer: any Tokenizer, addGenerationPrompt: Bool = true) -> [Int32] {
        var ids: [Int32] = tokenizer.addsBOS ? tokenizer.bos.map { [$0] } ?? [] : []
        let system = turns.first?.role == .system ? [] : defaultSystemPrompt.map { [ChatTurn(role: .system, text: $0)] } ?? []
        for turn in system + turns {
            ids.append(start)
            ids += tokenizer.encode(turn.role.rawValue + "\n" + turn.text, addSpecial: false, parseSpecial: false)
            ids.append(end)
            ids += tokenizer.encode("\n", addSpecial: false, parseSpecial: false)
        }
        if addGenerationPrompt {
            ids.append(start)
            ids += tokenizer.encode("assistant\n", addSpecial: false, parseSpecial: false)
        }
        return ids
    }
}
