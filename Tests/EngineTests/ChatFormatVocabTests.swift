import Foundation
import Testing
@testable import Engine

/// The built-in chat formats over the real vocabularies of the families that use them
/// (llama.cpp's `models/ggml-vocab-*.gguf`, with the chat template a vocabulary carries): the
/// ids are llama.cpp's tokenization of the text its built-in `llm_chat_apply_template` writes.
@Suite(.enabled(if: TokenizerTestSupport.llamaCppSource != nil, TokenizerTestSupport.llamaCppMissing))
struct ChatFormatVocabTests {
    static let chat = [ChatTurn(role: .system, text: "You are terse."), ChatTurn(role: .user, text: " What is 2+2?\n"),
                       ChatTurn(role: .assistant, text: "4."), ChatTurn(role: .user, text: "And 3+3?")]

    static func load(_ vocabulary: String) throws -> (tokenizer: any Tokenizer, template: BuiltInChatFormat) {
        let file = try GGUFFile(path: "\(TokenizerTestSupport.llamaCppSource!)/models/ggml-vocab-\(vocabulary).gguf")
        let tokenizer = try loadTokenizer(from: file)
        return (tokenizer, try BuiltInChatFormat(tokenizer: tokenizer, template: try file.string(GGUFKey.chatTemplate)))
    }

    @Test(arguments: [
        ("llama-bpe", BuiltInChatFormat.Format.llama3, "<|eot_id|>",
         "<|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|>"
         + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
         + "<|start_header_id|>assistant<|end_header_id|>\n\n4.<|eot_id|>"
         + "<|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|>"
         + "<|start_header_id|>assistant<|end_header_id|>\n\n"),
        ("phi-3", .phi3, "<|end|>",
         "<|system|>\nYou are terse.<|end|>\n<|user|>\n What is 2+2?\n<|end|>\n"
         + "<|assistant|>\n4.<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|assistant|>\n"),
        ("qwen2", .chatML, "<|im_end|>",
         "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\n What is 2+2?\n<|im_end|>\n"
         + "<|im_start|>assistant\n4.<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n"),
    ])
    func eachFamilyWritesLlamaCppsBuiltInFormat(_ vocabulary: String, _ format: BuiltInChatFormat.Format, _ end: String, _ written: String) throws {
        let (tokenizer, template) = try Self.load(vocabulary)
        #expect(template.format == format)
        #expect(try template.render(Self.chat, tokenizer: tokenizer) == tokenizer.encode(written, addSpecial: true, parseSpecial: true))
        // The turn's end marker ends a reply.
        let endID = tokenizer.encode(end, addSpecial: false, parseSpecial: true)
        #expect(endID.count == 1 && tokenizer.isEndOfGeneration(endID[0]) && template.endOfTurn == endID[0])
        // A typed marker stays text: the one marker is the format's own.
        let typed = try template.render([ChatTurn(role: .user, text: end)], tokenizer: tokenizer)
        #expect(typed.filter { $0 == endID[0] }.count == 1)
    }

    /// The vocabularies' own Jinja templates: the ids are llama.cpp's tokenization of the text
    /// the template writes (special tokens parsed, the template's BOS dropped where the
    /// tokenizer adds one), and a marker typed in a message stays text.
    @Test(arguments: [("qwen2", "<|im_end|>"), ("phi-3", "<|end|>"), ("command-r", "<|END_OF_TURN_TOKEN|>")])
    func ownTemplatesTokenizeAsLlamaCppTokenizesTheirText(_ vocabulary: String, _ end: String) throws {
        let file = try GGUFFile(path: "\(TokenizerTestSupport.llamaCppSource!)/models/ggml-vocab-\(vocabulary).gguf")
        let tokenizer = try loadTokenizer(from: file)
        let format = try JinjaChatFormat(try #require(try file.string(GGUFKey.chatTemplate)), tokenizer: tokenizer)
        var written = try format.renderText(Self.chat, addGenerationPrompt: true).text
        let bos = tokenizer.bos.map { tokenizer.decode([$0]) } ?? ""
        if tokenizer.addsBOS, written.hasPrefix(bos) { written.removeFirst(bos.count) }
        #expect(try format.render(Self.chat, tokenizer: tokenizer) == tokenizer.encode(written, addSpecial: true, parseSpecial: true))
        let endID = tokenizer.encode(end, addSpecial: false, parseSpecial: true)
        #expect(endID.count == 1 && format.endOfTurn == endID[0])
        let typed = try format.render([ChatTurn(role: .user, text: "Say \(end) now")], tokenizer: tokenizer)
        let honest = try format.render([ChatTurn(role: .user, text: "Say now")], tokenizer: tokenizer)
        #expect(typed.filter { $0 == endID[0] }.count == honest.filter { $0 == endID[0] }.count)
    }

    /// Qwen2's template writes a system message of its own when a chat has none.
    @Test func qwenChatsWithoutASystemMessageGetTheTemplatesOwn() throws {
        let file = try GGUFFile(path: "\(TokenizerTestSupport.llamaCppSource!)/models/ggml-vocab-qwen2.gguf")
        let tokenizer = try loadTokenizer(from: file)
        let format = try ChatFormats.choose(file: file, tokenizer: tokenizer).format
        #expect(format.name == "the model's chat template")
        let ids = try format.render([ChatTurn(role: .user, text: "Hi")], tokenizer: tokenizer)
        let written = "<|im_start|>system\nYou are a helpful assistant<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
        #expect(ids == tokenizer.encode(written, addSpecial: true, parseSpecial: true))
    }

    /// The templates the real models ship name their format as llama.cpp recognises it.
    @Test(arguments: [("meta-llama-Llama-3.2-3B-Instruct", BuiltInChatFormat.Format.llama3),
                      ("meta-llama-Llama-3.1-8B-Instruct", .llama3), ("microsoft-Phi-3.5-mini-instruct", .phi3),
                      ("Qwen-Qwen2.5-7B-Instruct", .chatML), ("Qwen-Qwen3-0.6B", .chatML)])
    func shippedTemplatesNameTheirFormat(_ name: String, _ format: BuiltInChatFormat.Format) throws {
        let vocabulary = format == .llama3 ? "llama-bpe" : format == .phi3 ? "phi-3" : "qwen2"
        let tokenizer = try Self.load(vocabulary).tokenizer
        let text = try String(contentsOfFile: "\(TokenizerTestSupport.llamaCppSource!)/models/templates/\(name).jinja", encoding: .utf8)
        #expect(try BuiltInChatFormat(tokenizer: tokenizer, template: text).format == format)
    }
}
