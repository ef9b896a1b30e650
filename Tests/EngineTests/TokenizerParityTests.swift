import Foundation
import Testing
@testable import Engine
import TestSupport

/// Token-id parity with llama.cpp on SmolLM2 (byte-level BPE) and Gemma 3 (SentencePiece),
/// from the fixtures `make_fixtures.py` wrote with `llama-tokenize`, and the round trip
/// decode(encode(s)) == s.
@Suite struct TokenizerParityTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let category: String
            let text: String
            let ids: [Int32]
            /// Present where `--no-parse-special` gives different ids.
            let idsWithoutParsingSpecial: [Int32]?
        }

        let model: String
        let cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let data = try Data(contentsOf: TokenizerTestSupport.fixtureURL("smollm2.json"))
        return try JSONDecoder().decode(Fixture.self, from: data)
    }

    @Test func fixtureCoversTheIssuesCategories() throws {
        let fixture = try Self.fixture()
        #expect(fixture.cases.count >= 200)
        let categories = Set(fixture.cases.map(\.category))
        #expect(categories.isSuperset(of: ["prose", "code", "numbers", "whitespace", "unicode", "special"]))
    }

    @Test(.enabled(if: TokenizerTestSupport.smolLM2Path != nil, TokenizerTestSupport.smolLM2Missing))
    func idsMatchLlamaCpp() throws {
        let tokenizer = try TokenizerTestSupport.loadSmolLM2()
        let fixture = try Self.fixture()
        var matched = 0
        var failures: [String] = []
        for c in fixture.cases {
            // llama-tokenize adds BOS/EOS as the model asks: addSpecial on.
            let parsed = tokenizer.encode(c.text, addSpecial: true, parseSpecial: true)
            let plain = tokenizer.encode(c.text, addSpecial: true, parseSpecial: false)
            if parsed == c.ids, plain == (c.idsWithoutParsingSpecial ?? c.ids) {
                matched += 1
            } else {
                failures.append("\(c.category) \(c.text.debugDescription.prefix(80)): expected \(c.ids.prefix(24)), "
                    + "got \(parsed.prefix(24))" + (c.idsWithoutParsingSpecial.map { " / plain \($0.prefix(24)) vs \(plain.prefix(24))" } ?? ""))
            }
        }
        print("SmolLM2 tokenizer parity with llama.cpp: \(matched)/\(fixture.cases.count) strings matched")
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) mismatches:\n" + failures.prefix(20).joined(separator: "\n")))
    }

    /// The fixture strings' ids on another vocabulary, written by `make_fixtures.py` to `name`
    /// (ids with special tokens parsed and BOS/EOS as the vocabulary asks, and where different
    /// the ids without parsing). Returns the strings that do not match, described.
    static func mismatches(_ tokenizer: any Tokenizer, fixture name: String) throws -> [String] {
        struct Ids: Decodable {
            let ids: [Int32]
            let idsWithoutParsingSpecial: [Int32]?
        }
        struct IdFixture: Decodable { let cases: [Ids] }
        let data = try Data(contentsOf: TokenizerTestSupport.fixtureURL(name))
        let expected = try JSONDecoder().decode(IdFixture.self, from: data).cases
        let texts = try fixture().cases.map(\.text)
        try #require(expected.count == texts.count)
        var failures: [String] = []
        for (text, want) in zip(texts, expected) {
            let parsed = tokenizer.encode(text, addSpecial: true, parseSpecial: true)
            let plain = tokenizer.encode(text, addSpecial: true, parseSpecial: false)
            if parsed != want.ids || plain != (want.idsWithoutParsingSpecial ?? want.ids) {
                failures.append("\(text.debugDescription.prefix(60)): expected \(want.ids.prefix(20)), got \(parsed.prefix(20))"
                    + (want.idsWithoutParsingSpecial.map { " / plain \($0.prefix(20)) vs \(plain.prefix(20))" } ?? ""))
            }
        }
        print("\(name): \(texts.count - failures.count)/\(texts.count) fixture strings matched")
        return failures
    }

    @Test(.enabled(if: TokenizerTestSupport.gemma3Path != nil, TokenizerTestSupport.gemma3Missing))
    func gemma3IdsMatchLlamaCpp() throws {
        let failures = try Self.mismatches(try TokenizerTestSupport.loadGemma3(), fixture: "gemma3.json")
        #expect(failures.isEmpty, Comment(rawValue: "\(failures.count) mismatches:\n" + failures.prefix(20).joined(separator: "\n")))
    }

    @Test(.enabled(if: TokenizerTestSupport.gemma3Path != nil, TokenizerTestSupport.gemma3Missing))
    func gemma3DecodeInvertsEncode() throws {
        let tokenizer = try TokenizerTestSupport.loadGemma3()
        #expect(!tokenizer.addsSpacePrefix && tokenizer.addsBOS)
        for c in try Self.fixture().cases {
            for parseSpecial in [true, false] {
                let ids = tokenizer.encode(c.text, addSpecial: false, parseSpecial: parseSpecial)
                #expect(tokenizer.decode(ids) == c.text, "\(c.category): \(c.text.debugDescription.prefix(80))")
            }
        }
    }

    /// Gemma 3's chat markers are control tokens in this file (not user-defined), its
    /// whitespace runs and HTML tags user-defined; `<end_of_turn>` ends a generation.
    @Test(.enabled(if: TokenizerTestSupport.gemma3Path != nil, TokenizerTestSupport.gemma3Missing))
    func gemma3SpeaksItsChatFormat() throws {
        let tokenizer = try TokenizerTestSupport.loadGemma3()
        #expect(tokenizer.vocabularySize == 262_144)
        #expect(tokenizer.bos == 2 && tokenizer.eos == 1 && tokenizer.eot == 106)
        let ids = tokenizer.encode("<start_of_turn>user\nHi<end_of_turn>\n", addSpecial: true, parseSpecial: true)
        #expect(ids == [2, 105, 2364, 107, 10979, 106, 107])
        #expect(tokenizer.decode(ids, renderSpecial: false) == "user\nHi\n")
        #expect(tokenizer.isEndOfGeneration(106) && tokenizer.isEndOfGeneration(1) && !tokenizer.isEndOfGeneration(105))
        #expect(tokenizer.isControl(105) && !tokenizer.isControl(107))
        #expect(tokenizer.piece(138) == "  " && tokenizer.tokenText(236743) == "▁")
    }

    /// Building Gemma 3's tables (262 144 tokens) from an open file, in a release build.
    @Test(.enabled(if: TokenizerTestSupport.gemma3Path != nil && BuildFlavor.optimized, TokenizerTestSupport.gemma3Missing))
    func gemma3LoadsQuickly() throws {
        let file = try GGUFFile(path: TokenizerTestSupport.gemma3Path!)
        let clock = ContinuousClock()
        var best = Duration.seconds(10)
        for _ in 0 ..< 3 {
            let elapsed = try clock.measure { _ = try loadTokenizer(from: file) }
            best = min(best, elapsed)
        }
        print("Gemma 3 tokenizer load: \(best) (best of 3)")
        #expect(best < .milliseconds(100))
    }

    @Test(.enabled(if: TokenizerTestSupport.smolLM2Path != nil, TokenizerTestSupport.smolLM2Missing))
    func decodeInvertsEncode() throws {
        let tokenizer = try TokenizerTestSupport.loadSmolLM2()
        for c in try Self.fixture().cases {
            for parseSpecial in [true, false] {
                let ids = tokenizer.encode(c.text, addSpecial: false, parseSpecial: parseSpecial)
                #expect(tokenizer.decode(ids) == c.text, "\(c.category): \(c.text.debugDescription.prefix(80))")
            }
        }
    }
}
