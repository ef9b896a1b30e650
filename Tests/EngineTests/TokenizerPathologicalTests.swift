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

/// The same on Gemma 3's SentencePiece tokenizer, where a whole stretch of text is one merge
/// (no pre-tokenizer cuts it into words) and 6 414 special tokens are cut out first.
@Suite(.enabled(if: TokenizerTestSupport.gemma3Path != nil, TokenizerTestSupport.gemma3Missing))
struct TokenizerPathologicalSentencePieceTests {
    /// A text repeated to about a megabyte, and the number of tokens llama.cpp makes of it
    /// (`llama-tokenize --no-bos --show-count`). Spaces and newlines go to Gemma's user-defined
    /// runs of up to 31.
    static let cases: [(text: String, repeats: Int, tokens: Int)] = [
        ("a", 1 << 20, 131_072), (" ", 1 << 20, 33_826), ("\n", 1 << 20, 33_826), ("é", 1 << 19, 524_288),
        ("😀", 1 << 18, 262_144), ("ab", 1 << 19, 262_144), ("Hello, world! ", (1 << 20) / 14, 299_593),
    ]

    @Test(arguments: cases.indices)
    func aMegabyteOfOnePattern(_ index: Int) throws {
        let (pattern, repeats, tokens) = Self.cases[index]
        let tokenizer = try TokenizerTestSupport.loadGemma3()
        let text = String(repeating: pattern, count: repeats)
        let ids = tokenizer.encode(text, addSpecial: false, parseSpecial: true)
        #expect(ids.count == tokens)
        #expect(tokenizer.decode(ids) == text)
    }
}
