import Testing
@testable import Engine

/// Pre-tokenizer splits on hand-written cases, each worked out from the pattern's semantics
/// as llama.cpp runs it (the fixtures check the same machinery against llama.cpp itself).
@Suite struct TokenizerPreTokenizerTests {
    func pieces(_ pre: String, _ text: String) throws -> [String] {
        let utf8 = Array(text.utf8)
        let scalars = utf8.withUnsafeBufferPointer { ScalarText(utf8: $0, range: 0 ..< utf8.count) }
        return try PreTokenizer.named(pre).split(scalars).map {
            String(decoding: utf8[scalars.byteRange(of: $0)], as: UTF8.self)
        }
    }

    @Test func gpt2SplitsWordsWithTheirLeadingSpace() throws {
        #expect(try pieces("gpt-2", "Hello world, 42 times!") == ["Hello", " world", ",", " 42", " times", "!"])
        #expect(try pieces("gpt-2", "") == [])
    }

    @Test func gpt2ContractionsAreCaseSensitive() throws {
        #expect(try pieces("gpt-2", "I'm sure it's") == ["I", "'m", " sure", " it", "'s"])
        #expect(try pieces("gpt-2", "DON'T") == ["DON", "'", "T"])
        #expect(try pieces("gpt-2", "they'll've") == ["they", "'ll", "'ve"])
    }

    @Test func spacesBeforeAWordLeaveTheLastOneToTheWord() throws {
        // `\s+(?!\S)` stops one short of a non-space; at the end of the text it takes them all.
        #expect(try pieces("gpt-2", "a   b") == ["a", "  ", " b"])
        #expect(try pieces("gpt-2", "a   ") == ["a", "   "])
        #expect(try pieces("gpt-2", "x\n\ny") == ["x", "\n", "\n", "y"])
        #expect(try pieces("gpt-2", "a\u{A0}b") == ["a", "\u{A0}", "b"])
    }

    @Test func smollmCutsDigitsOutFirstSoNoSpaceJoinsThem() throws {
        #expect(try pieces("gpt-2", "abc 12345") == ["abc", " 12345"])
        #expect(try pieces("smollm", "abc 12345") == ["abc", " ", "1", "2", "3", "4", "5"])
        #expect(try pieces("smollm", "x٣y") == ["x", "٣", "y"])
    }

    @Test func llama3GroupsDigitsByThreeAndFoldsContractionCase() throws {
        #expect(try pieces("llama-bpe", "1234567") == ["123", "456", "7"])
        #expect(try pieces("llama-bpe", "DON'T we'VE") == ["DON", "'T", " we", "'VE"])
        #expect(try pieces("qwen2", "12345") == ["1", "2", "3", "4", "5"])
    }

    @Test func llama3LetsAnyOtherCharacterLeadAWord() throws {
        #expect(try pieces("llama-bpe", "(hello) $x") == ["(hello", ")", " $", "x"])
        #expect(try pieces("llama-bpe", "\thello") == ["\thello"])
    }

    @Test func llama3KeepsNewlinesWithWhatPrecedesThem() throws {
        #expect(try pieces("llama-bpe", "hello\n\n  world") == ["hello", "\n\n", " ", " world"])
        #expect(try pieces("llama-bpe", " ...\n\nx") == [" ...\n\n", "x"])
        #expect(try pieces("llama-bpe", "a \n b") == ["a", " \n", " b"])
    }

    @Test func qwen35JoinsCombiningMarksToLetters() throws {
        #expect(try pieces("qwen2", "e\u{301}x") == ["e", "\u{301}x"])
        #expect(try pieces("qwen35", "e\u{301}x") == ["e\u{301}x"])
    }

    @Test func falconAndDeepSeekCoderChainSimplePatterns() throws {
        #expect(try pieces("falcon", "1234567") == ["123", "456", "7"])
        #expect(try pieces("falcon", "hi!!! there") == ["hi", "!!!", " there"])
        #expect(try pieces("deepseek-coder", "a 123\nb") == ["a", " ", "1", "2", "3", "\n", "b"])
        #expect(try pieces("deepseek-coder", "中文 text") == ["中文", " text"])
    }

    @Test func charactersNewerThanUnicode15Point1AreNotLetters() throws {
        // U+1C89 (Unicode 16) is a letter to the Swift runtime but undefined to llama.cpp.
        #expect(try pieces("gpt-2", "a\u{1C89}b") == ["a", "\u{1C89}", "b"])
    }

    @Test func unknownPreTypesAreNamed() {
        #expect(throws: TokenizerError.unsupportedPreTokenizer("tekken")) { try PreTokenizer.named("tekken") }
    }
}
