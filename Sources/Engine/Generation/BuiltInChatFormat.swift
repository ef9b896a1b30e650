import Foundation

/// The chat formats for model files without a chat template (or with one that does not
/// parse), as llama.cpp's built-in `llm_chat_apply_template` writes them, chosen from the
/// template's text if there is one, else from the vocabulary's special tokens:
/// - ChatML (SmolLM2, Qwen2/2.5/3): `<|im_start|>role\ntext<|im_end|>\n` per turn, then
///   `<|im_start|>assistant\n`.
/// - Gemma: `<start_of_turn>user\ntext<end_of_turn>\n` and `model` for the assistant, then
///   `<start_of_turn>model\n`; Gemma has no system role, so the system message opens the first
///   user turn, followed by a blank line; texts are trimmed, as Gemma's template does.
/// - Llama 3: `<|start_header_id|>role<|end_header_id|>\n\ntext<|eot_id|>` (text trimmed), then
///   `<|start_header_id|>assistant<|end_header_id|>\n\n`.
/// - Phi-3: `<|role|>\ntext<|end|>\n`, then `<|assistant|>\n`.
/// The markers become their special-token ids; message text is tokenized as plain text, so a
/// user who types `<|im_end|>` cannot close their own turn.
public struct BuiltInChatFormat: ChatFormat {
    public enum Format: String, Sendable, Equatable, CaseIterable {
        case chatML = "ChatML", gemma = "Gemma's chat format", llama3 = "Llama 3's chat format", phi3 = "Phi-3's chat format"

        /// What llama.cpp recognises the format by: the first format whose signature is all in
        /// a template (or, without one, in the vocabulary's special tokens) is the model's.
        var signature: [String] {
            switch self {
            case .chatML: return ["<|im_start|>"]
            case .gemma: return ["<start_of_turn>"]
            case .llama3: return ["<|start_header_id|>", "<|end_header_id|>"]
            case .phi3: return ["<|assistant|>", "<|end|>"]
            }
        }

        /// The special tokens the format writes.
        var markers: [String] {
            switch self {
            case .chatML: return ["<|im_start|>", "<|im_end|>"]
            case .gemma: return ["<start_of_turn>", "<end_of_turn>"]
            case .llama3: return ["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]
            case .phi3: return ["<|system|>", "<|user|>", "<|assistant|>", "<|end|>"]
            }
        }
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case missingToken(String, format: String)
        public var description: String {
            switch self {
            case let .missingToken(text, format): return "the model's vocabulary has no \(text) token, which \(format) needs"
            }
        }
    }

    /// A stretch of the prompt: a marker's id, or text tokenized on its own (as llama.cpp
    /// tokenizes the text between special tokens).
    private enum Piece {
        case marker(String), text(String)
    }

    public let format: Format
    private let ids: [String: Int32]
    public var name: String { format.rawValue + " (built in)" }
    public var endOfTurn: Int32? { ids[format.markers.last!] }

    public init(tokenizer: any Tokenizer, template: String? = nil) throws {
        func special(_ text: String) -> Int32? {
            let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: true)
            guard ids.count == 1, tokenizer.isControl(ids[0]) || tokenizer.isEndOfGeneration(ids[0]) else { return nil }
            return ids[0]
        }
        let written: (Format) -> Bool = { f in
            template.map { t in f.signature.allSatisfy(t.contains) } ?? f.signature.allSatisfy { special($0) != nil }
        }
        format = Format.allCases.first(where: written) ?? .chatML
        var ids: [String: Int32] = [:]
        for marker in format.markers {
            guard let id = special(marker) else { throw Failure.missingToken(marker, format: format.rawValue) }
            ids[marker] = id
        }
        self.ids = ids
    }

    /// The turns the format writes: Gemma folds the system message into the first user turn.
    private func layout(_ turns: [ChatTurn]) -> [(role: String, text: String)] {
        switch format {
        case .chatML, .llama3, .phi3:
            return turns.map { ($0.role.rawValue, $0.text) }
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

    /// One turn, or with `text` nil the opening of a turn the model writes.
    private func pieces(role: String, text: String?) -> [Piece] {
        switch format {
        case .chatML, .gemma:
            let (open, close) = (format.markers[0], format.markers[1])
            guard let text else { return [.marker(open), .text(role + "\n")] }
            return [.marker(open), .text(role + "\n" + text), .marker(close), .text("\n")]
        case .llama3:
            let head: [Piece] = [.marker("<|start_header_id|>"), .text(role), .marker("<|end_header_id|>")]
            guard let text else { return head + [.text("\n\n")] }
            return head + [.text("\n\n" + text.trimmingCharacters(in: .whitespacesAndNewlines)), .marker("<|eot_id|>")]
        case .phi3:
            guard let text else { return [.marker("<|\(role)|>"), .text("\n")] }
            return [.marker("<|\(role)|>"), .text("\n" + text), .marker("<|end|>"), .text("\n")]
        }
    }

    /// Token ids of the conversation followed by the opening of the assistant's turn. Text next
    /// to a marker that strips whitespace loses it, as in llama.cpp's tokenization of the
    /// written prompt.
    public func render(_ turns: [ChatTurn], tokenizer: any Tokenizer, addGenerationPrompt: Bool) -> [Int32] {
        var all = layout(turns).flatMap { pieces(role: $0.role, text: $0.text) }
        if addGenerationPrompt { all += pieces(role: format == .gemma ? "model" : "assistant", text: nil) }
        func strips(_ index: Int) -> (before: Bool, after: Bool) {
            guard all.indices.contains(index), case let .marker(text) = all[index] else { return (false, false) }
            return tokenizer.stripsWhitespace(ids[text]!)
        }
        var out: [Int32] = tokenizer.addsBOS ? tokenizer.bos.map { [$0] } ?? [] : []
        for (i, piece) in all.enumerated() {
            switch piece {
            case let .marker(text): out.append(ids[text]!)
            case var .text(text):
                var scalars = Substring(text).unicodeScalars
                if strips(i - 1).after { scalars = scalars.drop(while: Self.isSpace) }
                if strips(i + 1).before { while let last = scalars.last, Self.isSpace(last) { scalars.removeLast() } }
                text = String(scalars)
                if !text.isEmpty { out += tokenizer.encode(text, addSpecial: false, parseSpecial: false) }
            }
        }
        return out
    }

    /// The whitespace llama.cpp strips next to such markers (ASCII only).
    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || ("\t" ... "\r").contains(c) }
}
