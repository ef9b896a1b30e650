import Foundation
import Testing
@testable import Engine

/// llama.cpp's own tokenizer suite (`models/ggml-vocab-NAME.gguf` with `.inp` and `.out`:
/// strings and the ids Hugging Face tokenizers gives them, no BOS, special tokens not parsed),
/// read from the anchor's source tree, never copied into this repository.
@Suite(.enabled(if: TokenizerTestSupport.llamaCppSource != nil, TokenizerTestSupport.llamaCppMissing))
struct TokenizerVocabSuiteTests {
    /// The byte-level BPE vocabularies of the suite whose pre-tokenizers we implement.
    static let supported = ["gpt-2", "llama-bpe", "qwen2", "qwen35", "starcoder", "refact", "command-r",
                            "mpt", "falcon", "deepseek-coder"]

    struct Case {
        let text: String
        let ids: [Int32]
    }

    static func vocabPath(_ name: String) -> String {
        "\(TokenizerTestSupport.llamaCppSource ?? "")/models/ggml-vocab-\(name).gguf"
    }

    /// Splits the `.inp` file on llama.cpp's separator and pairs each string with its `.out`
    /// line (space-separated ids).
    static func cases(_ name: String) throws -> [Case] {
        let path = vocabPath(name)
        let input = try String(contentsOfFile: path + ".inp", encoding: .utf8)
        let output = try String(contentsOfFile: path + ".out", encoding: .utf8)
        var texts = input.components(separatedBy: "\n__ggml_vocab_test__\n")
        if texts.last == "" { texts.removeLast() }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: " ").compactMap { Int32($0) }
        }
        return zip(texts, lines).map { Case(text: $0, ids: $1) }
    }

    @Test(arguments: supported)
    func idsMatchTheSuite(_ name: String) throws {
        let tokenizer = try loadTokenizer(from: GGUFFile(path: Self.vocabPath(name)))
        let cases = try Self.cases(name)
        #expect(cases.count > 40)
        var failures: [String] = []
        for c in cases {
            let ids = tokenizer.encode(c.text, addSpecial: false, parseSpecial: false)
            if ids != c.ids { failures.append("\(c.text.debugDescription.prefix(60)): expected \(c.ids), got \(ids)") }
            #expect(tokenizer.decode(ids) == c.text, "round trip of \(c.text.debugDescription.prefix(60))")
        }
        print("ggml-vocab-\(name): \(cases.count - failures.count)/\(cases.count) strings matched")
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
    }

    /// The strings of the SmolLM2 fixture through Llama 3's and Qwen 2's vocabularies
    /// (`make_fixtures.py` wrote their ids to `llama-bpe.json` and `qwen2.json`).
    @Test(arguments: ["llama-bpe", "qwen2"])
    func fixtureStringsMatchLlamaCpp(_ name: String) throws {
        struct Ids: Decodable {
            let ids: [Int32]
            let idsWithoutParsingSpecial: [Int32]?
        }
        struct Fixture: Decodable { let cases: [Ids] }
        let data = try Data(contentsOf: TokenizerTestSupport.fixtureURL("\(name).json"))
        let expected = try JSONDecoder().decode(Fixture.self, from: data).cases
        let texts = try TokenizerParityTests.fixture().cases.map(\.text)
        try #require(expected.count == texts.count)
        let tokenizer = try loadTokenizer(from: GGUFFile(path: Self.vocabPath(name)))
        var failures: [String] = []
        for (text, want) in zip(texts, expected) {
            let parsed = tokenizer.encode(text, addSpecial: true, parseSpecial: true)
            let plain = tokenizer.encode(text, addSpecial: true, parseSpecial: false)
            if parsed != want.ids || plain != (want.idsWithoutParsingSpecial ?? want.ids) {
                failures.append("\(text.debugDescription.prefix(60)): expected \(want.ids.prefix(20)), got \(parsed.prefix(20))")
            }
        }
        print("\(name) on the fixture strings: \(texts.count - failures.count)/\(texts.count) matched")
        #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
    }

    @Test func unsupportedPreTokenizerIsNamed() throws {
        #expect(throws: TokenizerError.unsupportedPreTokenizer("deepseek-llm")) {
            try loadTokenizer(from: GGUFFile(path: Self.vocabPath("deepseek-llm")))
        }
    }

    @Test func sentencePieceVocabularyIsNamedAsUnsupported() throws {
        #expect(throws: TokenizerError.unsupportedModel("llama")) {
            try loadTokenizer(from: GGUFFile(path: Self.vocabPath("llama-spm")))
        }
    }
}
