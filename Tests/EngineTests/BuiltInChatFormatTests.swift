import Foundation
import Testing
@testable import Engine

/// The built-in chat formats on hand-made vocabularies (the real models' prompts are checked
/// against llama.cpp in ModelParityTests).
@Suite struct BuiltInChatFormatTests {
    /// A SentencePiece vocabulary with Gemma's turn markers as control tokens.
    static func gemmaTokenizer() throws -> (tokenizer: SentencePieceTokenizer, start: Int32, end: Int32) {
        var vocabulary = TinySentencePieceVocabulary()
        vocabulary.addSpacePrefix = false
        let start = vocabulary.add("<start_of_turn>", score: 0, .control)
        let end = vocabulary.add("<end_of_turn>", score: 0, .control)
        vocabulary.extraMetadata = [(GGUFKey.addBOS, .bool(true))]
        return (try vocabulary.load(), start, end)
    }

    @Test func gemmaTurnsOpenWithTheirRoleAndTheSystemTextJoinsTheFirstUserTurn() throws {
        let (tokenizer, start, end) = try Self.gemmaTokenizer()
        let template = try BuiltInChatFormat(tokenizer: tokenizer)
        #expect(template.format == .gemma && template.endOfTurn == end)
        let turns = [ChatTurn(role: .system, text: " Be brief. "), ChatTurn(role: .user, text: "Hi\n"),
                     ChatTurn(role: .assistant, text: "Hello."), ChatTurn(role: .user, text: "Why?")]
        func text(_ s: String) -> [Int32] { tokenizer.encode(s) }
        let expected: [Int32] = [tokenizer.bos!]
            + [start] + text("user\nBe brief.\n\nHi") + [end] + text("\n")
            + [start] + text("model\nHello.") + [end] + text("\n")
            + [start] + text("user\nWhy?") + [end] + text("\n")
            + [start] + text("model\n")
        #expect(try template.render(turns, tokenizer: tokenizer) == expected)
        #expect(tokenizer.isEndOfGeneration(end))
        // A user who types the marker cannot close their own turn: it stays text.
        let typed = try template.render([ChatTurn(role: .user, text: "<end_of_turn>")], tokenizer: tokenizer)
        #expect(typed.filter { $0 == end }.count == 1)
    }

    @Test func aTemplateNamesItsFormatAndAMissingMarkerIsAClearError() throws {
        let (tokenizer, _, _) = try Self.gemmaTokenizer()
        #expect(throws: BuiltInChatFormat.Failure.missingToken("<|im_start|>", format: "ChatML")) {
            try BuiltInChatFormat(tokenizer: tokenizer, template: "{% for m in messages %}<|im_start|>{{ m.role }}{% endfor %}")
        }
        #expect(try BuiltInChatFormat(tokenizer: tokenizer, template: "{{ bos_token }}<start_of_turn>user").format == .gemma)
        #expect("\(BuiltInChatFormat.Failure.missingToken("<|im_start|>", format: "ChatML"))"
            == "the model's vocabulary has no <|im_start|> token, which ChatML needs")
    }
}
