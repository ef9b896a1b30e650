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
    /// The SentencePiece ones (Llama 2 and Phi-3: a space prefix, byte fallback).
    static let sentencePiece = ["llama-spm", "phi-3"]

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

    @Test(arguments: supported + sentencePiece)
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

    /// The strings of the SmolLM2 fixture through Llama 3's, Qwen 2's, Llama 2's and Phi-3's
    /// vocabularies, with special tokens parsed and not, BOS as each adds it (`make_fixtures.py`
    /// wrote their ids to `NAME.json`).
    @Test(arguments: ["llama-bpe", "qwen2", "llama-spm", "phi-3"])
    func fixtureStringsMatchLlamaCpp(_ name: String) throws {
        let tokenizer = try loadTokenizer(from: GGUFFile(path: Self.vocabPath(name)))
        let failures = try TokenizerParityTests.mismatches(tokenizer, fixture: "\(name).json")
        #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
    }

    @Test func unsupportedPreTokenizerIsNamed() throws {
        #expect(throws: TokenizerError.unsupportedPreTokenizer("deepseek-llm")) {
            try loadTokenizer(from: GGUFFile(path: Self.vocabPath("deepseek-llm")))
        }
    }

    /// llama.cpp's test-tokenizer-1-spm: every token's text, tokenized with special tokens
    /// parsed, decodes to that text again.
    @Test(arguments: sentencePiece)
    func everyTokenSurvivesARoundTrip(_ name: String) throws {
        let tokenizer = try loadTokenizer(from: GGUFFile(path: Self.vocabPath(name)))
        var failures: [String] = []
        for id in 0 ..< Int32(tokenizer.vocabularySize) {
            let text = tokenizer.decode([id])
            let again = tokenizer.decode(tokenizer.encode(text, addSpecial: false, parseSpecial: true))
            if again != text { failures.append("token \(id) \(text.debugDescription) came back as \(again.debugDescription)") }
        }
        #expect(failures.isEmpty, Comment(rawValue: failures.prefix(20).joined(separator: "\n")))
    }

    /// The same test's second half: every code point but the surrogates and U+40000...U+E0000
    /// (unassigned, skipped there too) decodes to itself, except `▁`, which decodes to a space.
    @Test(arguments: sentencePiece)
    func everyCodePointSurvivesARoundTrip(_ name: String) throws {
        let tokenizer = try loadTokenizer(from: GGUFFile(path: Self.vocabPath(name)))
        var failures: [String] = []
        for value in UInt32(0) ..< 0x110000 where !(0xD800 ... 0xDFFF).contains(value) && !(0x40000 ... 0xE0000).contains(value)
            && value != 0x2581 {
            let text = String(Unicode.Scalar(value)!)
            let again = tokenizer.decode(tokenizer.encode(text, addSpecial: false, parseSpecial: true))
            if again != text { failures.append(String(value, radix: 16)) }
        }
        #expect(failures.isEmpty, "code points that do not come back: \(failures.prefix(20))")
    }
}
