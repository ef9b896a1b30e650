import Foundation
import Testing
@testable import Engine
import TestSupport

/// A model's llama.cpp fixtures (Fixtures/llama/make_fixtures.sh, from llama.cpp 0.3.36 built
/// for AVX2: the arithmetic genplay's kernels follow, whatever the host CPU) and the checks
/// run on them.
struct ParityFixture {
    struct Reference: Decodable {
        let prompt: String
        let prompt_ids: [Int32]
        let generated: [Int32]
        let top2: [[Float]]
        let first_top: [[Float]]
    }

    let name: String
    let path: String
    let references: [Reference]
    let firstLogits: [Float]

    init(name: String, path: String?, fixture: String) throws {
        self.name = name
        self.path = try #require(path)
        let text = try String(contentsOf: TestModels.fixture("llama/\(fixture)-greedy.jsonl"), encoding: .utf8)
        references = try text.split(separator: "\n").map { try JSONDecoder().decode(Reference.self, from: Data($0.utf8)) }
        firstLogits = try Data(contentsOf: TestModels.fixture("llama/\(fixture)-first-logits.f32"))
            .withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    func load() throws -> (file: GGUFFile, model: LanguageModel) {
        let file = try GGUFFile(path: path)
        return (file, try ModelRegistry.load(file, options: ModelOptions(contextLength: 2048, threads: 2)))
    }

    /// All first-step logits of prompt 0 and the 64 best of every other prompt, within 1e-3.
    func checkFirstTokenLogits() throws {
        let model = try load().model
        let logits = try model.evaluate(references[0].prompt_ids, at: 0)
        #expect(firstLogits.count == logits.count)
        let maxDiff = zip(firstLogits, logits).map { abs($0 - $1) }.max() ?? .infinity
        print("\(name): first-token logits, prompt 0: max |diff| vs llama.cpp = \(maxDiff) over \(logits.count) logits")
        #expect(maxDiff <= 1e-3)
        var worst: Float = 0
        for ref in references.dropFirst() {
            let logits = try model.evaluate(ref.prompt_ids, at: 0)
            worst = max(worst, ref.first_top.map { abs(logits[Int($0[0])] - $0[1]) }.max() ?? .infinity)
        }
        print("\(name): first-token logits, prompts 1-\(references.count - 1): max |diff| over the 64 best = \(worst)")
        #expect(worst <= 1e-3)
    }

    /// Greedy continuations token for token. A divergence is accepted only at a near-tie: the
    /// reference's two best logits within 1e-4 at that step.
    func checkGreedyContinuations() throws {
        let model = try load().model
        var identical = 0
        for (i, ref) in references.enumerated() {
            var position = 0, input = ref.prompt_ids, ours: [Int32] = []
            for _ in ref.generated.indices {
                let logits = try model.evaluate(input, at: position)
                position += input.count
                var best = 0
                for j in 1 ..< logits.count where logits[j] > logits[best] { best = j }
                ours.append(Int32(best))
                input = [Int32(best)]
            }
            if ours == ref.generated {
                identical += 1
                continue
            }
            let step = zip(ours, ref.generated).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.count, ref.generated.count)
            let gap = ref.top2[step][0] - ref.top2[step][1]
            print("\(name): prompt \(i) diverges at step \(step): llama.cpp's top-2 logits differ by \(gap)")
            #expect(gap < 1e-4, "\(name): prompt \(i) diverges at step \(step) without a near-tie")
        }
        print("\(name): greedy parity: \(identical)/\(references.count) continuations identical to llama.cpp")
    }

    /// The public generation path: the prompt rebuilt by the model's chat format from its turns
    /// (its own Jinja template where it has one, and the built-in format too), then the
    /// tokenizer, the sampler chain at temperature 0 and the token stream.
    func checkTemplatedStreams(_ turnsOf: (String) -> [ChatTurn]?) throws {
        let (file, model) = try load()
        let tokenizer = try loadTokenizer(from: file)
        var settings = SamplerSettings()
        settings.temperature = 0
        let stream = TokenStream(model: model, tokenizer: tokenizer, settings: LiveSamplerSettings(settings))
        let own = try ChatFormats.choose(file: file, tokenizer: tokenizer).format
        let builtIn = try BuiltInChatFormat(tokenizer: tokenizer, template: try file.string(GGUFKey.chatTemplate))
        var templated = 0
        for ref in references {
            guard let turns = turnsOf(ref.prompt) else { continue }
            #expect(try own.render(turns, tokenizer: tokenizer) == ref.prompt_ids, "\(own.name): \(ref.prompt.debugDescription)")
            #expect(try builtIn.render(turns, tokenizer: tokenizer) == ref.prompt_ids, "\(builtIn.name): \(ref.prompt.debugDescription)")
            #expect(tokenizer.encode(ref.prompt, addSpecial: true, parseSpecial: true) == ref.prompt_ids)
            stream.reset(to: ref.prompt_ids)
            var generated: [Int32] = []
            while generated.count < ref.generated.count, let token = try stream.next() { generated.append(token.id) }
            #expect(generated == ref.generated)
            templated += 1
        }
        #expect(templated >= 3)
    }
}

@Suite(.serialized, .enabled(if: TestModels.canRunSmolLM2, Comment(rawValue: TestModels.cannotRunSmolLM2)))
struct SmolLM2ParityTests {
    static func fixture() throws -> ParityFixture {
        try ParityFixture(name: "SmolLM2-135M-Instruct Q4_1", path: TestModels.smolLM2Path, fixture: "smollm2")
    }

    @Test func fixturesCoverPlainAndChatPrompts() throws {
        let refs = try Self.fixture().references
        #expect(refs.count >= 13)
        #expect(refs.filter { $0.prompt.contains("<|im_start|>") }.count >= 3)
        #expect(refs.contains { $0.prompt_ids.count >= 64 }) // exercises tiled attention
    }

    @Test func firstTokenLogitsMatchLlamaCpp() throws { try Self.fixture().checkFirstTokenLogits() }
    @Test func greedyContinuationsMatchLlamaCpp() throws { try Self.fixture().checkGreedyContinuations() }

    /// ChatML prompts, split back into turns (one fixture prompt ends with an extra newline after
    /// "assistant\n": it is not template output).
    @Test func streamAndTemplateReproduceLlamaCpp() throws {
        try Self.fixture().checkTemplatedStreams { prompt in
            guard prompt.hasPrefix("<|im_start|>system\n"), !prompt.hasSuffix("\n\n") else { return nil }
            return prompt.dropFirst("<|im_start|>".count).components(separatedBy: "<|im_end|>\n<|im_start|>").compactMap { part in
                let text = part.replacingOccurrences(of: "<|im_end|>\n", with: "")
                guard let newline = text.firstIndex(of: "\n"), let role = ChatRole(rawValue: String(text[..<newline])),
                      role != .assistant else { return nil }
                return ChatTurn(role: role, text: String(text[text.index(after: newline)...]))
            }
        }
    }

    /// The app's chats, multi-turn with replies: SmolLM2's own template and the built-in
    /// ChatML give the same ids, typed markers and all.
    @Test func itsJinjaTemplateAndTheBuiltInChatMLAgree() throws {
        let file = try GGUFFile(path: try Self.fixture().path)
        let tokenizer = try loadTokenizer(from: file)
        let own = try ChatFormats.choose(file: file, tokenizer: tokenizer).format
        let builtIn = try BuiltInChatFormat(tokenizer: tokenizer)
        let chat = [ChatTurn(role: .system, text: "You answer in \"quotes\".\n"), ChatTurn(role: .user, text: " Où est la gare ? 日本 🚉\n\n"),
                    ChatTurn(role: .assistant, text: "\"Là-bas\" — <|im_end|> tout droit."), ChatTurn(role: .user, text: "<|im_start|>assistant\nMerci!")]
        for turns in [Array(chat.prefix(2)), chat, Array(chat.prefix(3))] {
            for prompt in [true, false] {
                #expect(try own.render(turns, tokenizer: tokenizer, addGenerationPrompt: prompt)
                    == builtIn.render(turns, tokenizer: tokenizer, addGenerationPrompt: prompt))
            }
        }
        #expect(own.endOfTurn == builtIn.endOfTurn)
    }

    @Test func theTemplatesDefaultSystemMessageIsUsedWhenAChatHasNone() throws {
        let fixture = try Self.fixture()
        let file = try GGUFFile(path: fixture.path)
        let tokenizer = try loadTokenizer(from: file)
        let format = try ChatFormats.choose(file: file, tokenizer: tokenizer).format
        #expect(format is JinjaChatFormat && format.endOfTurn == tokenizer.encode("<|im_end|>", addSpecial: false, parseSpecial: true).first)
        let reference = try #require(fixture.references.first { $0.prompt.contains("capital of Italy") })
        #expect(reference.prompt.contains("You are a helpful AI assistant named SmolLM, trained by Hugging Face"))
        #expect(try format.render([ChatTurn(role: .user, text: "What is the capital of Italy?")], tokenizer: tokenizer) == reference.prompt_ids)
    }
}

@Suite(.serialized, .enabled(if: TestModels.canRunGemma3, Comment(rawValue: TestModels.cannotRunGemma3)))
struct Gemma3ParityTests {
    static func fixture() throws -> ParityFixture {
        try ParityFixture(name: "Gemma 3 270M Q4_K_M", path: TestModels.gemma3Path, fixture: "gemma3")
    }

    @Test func fixturesCoverPlainAndChatPrompts() throws {
        let refs = try Self.fixture().references
        let chats = refs.filter { $0.prompt.contains("<start_of_turn>") }
        #expect(refs.count - chats.count >= 10 && chats.count >= 3)
        #expect(refs.contains { $0.prompt_ids.count >= 64 })   // tiled attention
        #expect(refs.contains { $0.prompt_ids.count > 600 })   // the 512-position window drops positions
    }

    @Test func firstTokenLogitsMatchLlamaCpp() throws { try Self.fixture().checkFirstTokenLogits() }
    @Test func greedyContinuationsMatchLlamaCpp() throws { try Self.fixture().checkGreedyContinuations() }

    /// Gemma's format, including a system message (which opens the first user turn) and a
    /// multi-turn chat.
    @Test func streamAndTemplateReproduceLlamaCpp() throws {
        let chats: [String: [ChatTurn]] = [
            "What is the capital of Italy?": [ChatTurn(role: .user, text: "What is the capital of Italy?")],
            "Tell me about ships.": [ChatTurn(role: .system, text: "You are a pirate."), ChatTurn(role: .user, text: "Tell me about ships.")],
            "Name another one": [ChatTurn(role: .user, text: "Name a primary color."), ChatTurn(role: .assistant, text: "Red is a primary color."),
                                 ChatTurn(role: .user, text: "Name another one, and say why it is primary.")],
            "paperclip": [ChatTurn(role: .system, text: "You are a concise assistant.  "), ChatTurn(role: .user, text: " List three uses of a paperclip.\n")],
        ]
        try Self.fixture().checkTemplatedStreams { prompt in chats.first { prompt.contains($0.key) }?.value }
    }
}
