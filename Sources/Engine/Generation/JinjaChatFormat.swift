import Foundation

/// A model's own chat template (`tokenizer.chat_template`, Jinja written for Python's jinja2),
/// rendered as Hugging Face's `apply_chat_template` renders it and tokenized as llama.cpp
/// tokenizes the result, with one difference: special tokens are recognised only in the text
/// the template wrote, so a user who types `<|im_end|>` cannot close their own turn. The text
/// between two special tokens is tokenized whole, messages and template text together.
/// (Unchecked Sendable: `variables` holds data only, never a namespace or a function, and a
/// render works on its own copies.)
public struct JinjaChatFormat: ChatFormat, @unchecked Sendable {
    public let name = "the model's chat template"
    private let template: JinjaTemplate
    /// The texts of BOS and EOS, as the template's `bos_token` and `eos_token`.
    private let bos: String, eos: String
    public private(set) var endOfTurn: Int32?
    /// Variables past the standard ones: `enable_thinking`, `tools`, or anything a template reads.
    public var variables: [String: JinjaValue] = [:]
    public var limits = JinjaLimits()

    public init(_ source: String, tokenizer: any Tokenizer) throws {
        template = try JinjaTemplate(source)
        (bos, eos) = Self.tokenTexts(tokenizer)
        endOfTurn = probeEndOfTurn(tokenizer)
    }

    /// The texts of the tokenizer's BOS and EOS (empty without one), as templates see them.
    public static func tokenTexts(_ tokenizer: any Tokenizer) -> (bos: String, eos: String) {
        (tokenizer.bos.map { tokenizer.decode([$0]) } ?? "", tokenizer.eos.map { tokenizer.decode([$0]) } ?? "")
    }

    /// What Hugging Face passes a chat template: the messages, `add_generation_prompt`,
    /// `bos_token`, `eos_token`, `tools` and `documents` (None without any), and
    /// `enable_thinking` only when it is set (templates have their own default).
    public static func context(messages: JinjaValue, addGenerationPrompt: Bool, bos: String, eos: String,
                               tools: JinjaValue = .none, enableThinking: Bool? = nil) -> [String: JinjaValue] {
        var context: [String: JinjaValue] = [
            "messages": messages, "add_generation_prompt": .bool(addGenerationPrompt),
            "bos_token": .string(bos), "eos_token": .string(eos), "tools": tools, "documents": .none,
        ]
        if let enableThinking { context["enable_thinking"] = .bool(enableThinking) }
        return context
    }

    /// The template's text for the turns, marked by what came from the messages.
    public func renderText(_ turns: [ChatTurn], addGenerationPrompt: Bool, date: JinjaDate = .now) throws -> MarkedText {
        let messages = JinjaValue.list(turns.map { turn in
            var message = JinjaDict()
            message.set("role", .string(turn.role.rawValue, fromMessage: true))
            message.set("content", .string(turn.text, fromMessage: true))
            return .dict(message)
        })
        let context = Self.context(messages: messages, addGenerationPrompt: addGenerationPrompt, bos: bos, eos: eos)
        return try template.render(context.merging(variables) { $1 }, limits: limits, date: date)
    }

    public func render(_ turns: [ChatTurn], tokenizer: any Tokenizer, addGenerationPrompt: Bool) throws -> [Int32] {
        Self.encode(try renderText(turns, addGenerationPrompt: addGenerationPrompt), tokenizer: tokenizer, bos: bos, eos: eos)
    }

    /// Token ids of rendered text. As llama.cpp does, a BOS (EOS) the template wrote at the
    /// start (end) is dropped when the tokenizer adds its own.
    static func encode(_ rendered: MarkedText, tokenizer: any Tokenizer, bos: String, eos: String) -> [Int32] {
        var text = rendered
        let bosCount = bos.unicodeScalars.count, eosCount = eos.unicodeScalars.count
        if tokenizer.addsBOS, bosCount > 0, text.text.unicodeScalars.starts(with: bos.unicodeScalars) {
            text = text.slice(bosCount ..< text.count)
        }
        if tokenizer.addsEOS, eosCount > 0, text.text.unicodeScalars.reversed().starts(with: eos.unicodeScalars.reversed()) {
            text = text.slice(0 ..< text.count - eosCount)
        }
        var templateBytes: [Range<Int>] = [], offset = 0
        for piece in text.pieces {
            let count = piece.text.utf8.count
            if !piece.fromMessage { templateBytes.append(offset ..< offset + count) }
            offset += count
        }
        return tokenizer.encode(text.text, addSpecial: true, specialTokens: .within(templateBytes))
    }

    /// The first special token the template writes after an assistant's words: the end of
    /// its turn (`<|im_end|>`, `<|eot_id|>`, `<end_of_turn>`). Tried with and without a
    /// system message, since some templates insist on one.
    private func probeEndOfTurn(_ tokenizer: any Tokenizer) -> Int32? {
        let exchange = [ChatTurn(role: .user, text: "Hi"), ChatTurn(role: .assistant, text: "Hello")]
        for turns in [exchange, [ChatTurn(role: .system, text: "Be brief.")] + exchange] {
            guard let text = try? renderText(turns, addGenerationPrompt: false) else { continue }
            var offset = 0, afterMessages = 0
            for piece in text.pieces {
                offset += piece.text.unicodeScalars.count
                if piece.fromMessage { afterMessages = offset }
            }
            let tail = text.slice(afterMessages ..< text.count).text
            return tokenizer.encode(tail, addSpecial: false, parseSpecial: true)
                .first { tokenizer.isControl($0) || tokenizer.isEndOfGeneration($0) }
        }
        return nil
    }
}
