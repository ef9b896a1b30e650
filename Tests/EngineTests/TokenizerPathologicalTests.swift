import Testing
@testable import Engine

/// Inputs that would take quadratic time with a naive merge loop or splitter: a megabyte of
/// one character. Behaviour only (token counts as llama-tokenize gives them, round trip), no
/// timing.
@Suite(.enabled(if: TokenizerTestSupport.smolLM2Path != nil, TokenizerTestSupport.smolLM2Missing))
struct TokenizerPathologicalTests {
    static let megabyte = 1 << 20

    /// Characters and the number of SmolLM2 tokens llama.cpp makes of 2^20 bytes of each.
    static let cases: [(character: String, tokens: Int)] = [
        ("a", 262_144), (" ", 16_384), ("!", 262_144), ("7", 1_048_576), ("é", 524_288),
    ]

    @Test(arguments: cases.indices)
    func aMegabyteOfOneCharacter(_ index: Int) throws {
        let (character, tokens) = Self.cases[index]
        let tokenizer = try TokenizerTestSupport.loadSmolLM2()
        let text = String(repeating: character, count: Self.megabyte / character.utf8.count)
        let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: true)
        #expect(ids.count == tokens)
        #expect(tokenizer.decode(ids) == text)
    }

    @Test func aMegabyteOfSpecialTokens() throws {
        let tokenizer = try TokenizerTestSupport.loadSmolLM2()
        let text = String(repeating: "<|im_end|>", count: Self.megabyte / 10)
        let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: true)
        #expect(ids.count == Self.megabyte / 10 && ids.allSatisfy { $0 == 2 })
    }
}
