import Foundation
import Testing
@testable import Engine

/// Token-id parity with llama.cpp on SmolLM2, from the fixture `make_fixtures.py` wrote with
/// `llama-tokenize`, and the round trip decode(encode(s)) == s.
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
