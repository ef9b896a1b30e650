import Testing
@testable import Engine

/// Special tokens written in the text: recognised as llama.cpp partitions them.
@Suite struct TokenizerSpecialTokenTests {
    @Test func controlTokensNeedParseSpecialUserDefinedOnesDoNot() throws {
        var v = TinyVocabulary()
        let control = v.addSpecial("<|c|>", .control), user = v.addSpecial("<u>", .userDefined)
        let tokenizer = try v.load()
        let text = "a<|c|>b<u>"
        #expect(tokenizer.encode(text, addSpecial: false, parseSpecial: true) == [0x61, control, 0x62, user])
        let plain = tokenizer.encode(text, addSpecial: false, parseSpecial: false)
        #expect(plain == Array("a<|c|>b".utf8).map(Int32.init) + [user])
        #expect(tokenizer.decode(plain) == text)
    }

    @Test func longerSpecialTokensAreCutOutFirst() throws {
        var v = TinyVocabulary()
        let ab = v.addSpecial("ab", .userDefined), bcd = v.addSpecial("bcd", .userDefined)
        let tokenizer = try v.load()
        // A left-to-right scan would take "ab" here; llama.cpp takes "bcd" first.
        #expect(tokenizer.encode("abcd") == [0x61, bcd])
        #expect(tokenizer.encode("abab") == [ab, ab])
        #expect(tokenizer.encode("xbcdab") == [0x78, bcd, ab])
    }

    @Test func specialTokensSplitWordsApart() throws {
        var v = TinyVocabulary()
        let hello = v.addWord("hello")
        let he = v.addWord("he")
        _ = v.addWord("ll")
        _ = v.addWord("hell")
        v.merges = ["h e", "l l", "he ll", "hell o"]
        let end = v.addSpecial("<|end|>", .control)
        let tokenizer = try v.load()
        #expect(tokenizer.encode("hel<|end|>lo", addSpecial: false, parseSpecial: true) == [he, 0x6C, end, 0x6C, 0x6F])
        #expect(tokenizer.encode("hello<|end|><|end|>hello", addSpecial: false, parseSpecial: true) == [hello, end, end, hello])
    }

    /// A SentencePiece vocabulary with "a", "b", "▁" and a user-defined `<|u|>`, named `name`.
    static func stripping(_ name: String, special: String = "<|u|>") throws -> (SentencePieceTokenizer, [Int32]) {
        var v = TinySentencePieceVocabulary()
        v.addSpacePrefix = false
        let ids = [v.add("a"), v.add("b"), v.add("▁"), v.add(special, score: 0, .userDefined)]
        v.extraMetadata = [(GGUFKey.name, .string(name))]
        return (try v.load(), ids)
    }

    @Test func phi3SpecialTokensSwallowTheWhitespaceAfterThem() throws {
        let (phi3, ids) = try Self.stripping("Phi3")
        let (a, b, space, user) = (ids[0], ids[1], ids[2], ids[3])
        #expect(phi3.encode("a <|u|> \n\tb") == [a, space, user, b])
        #expect(phi3.encode("a<|u|>  ") == [a, user])
        // </s> strips too, <s> does not (llama.cpp's list for Phi-3).
        let eos = TinySentencePieceVocabulary.eos, bos = TinySentencePieceVocabulary.bos
        #expect(phi3.encode("</s> a<s> b", addSpecial: false, parseSpecial: true) == [eos, a, bos, space, b])
        let (other, _) = try Self.stripping("Llama 2")
        #expect(other.encode("a<|u|> b") == [a, user, space, b])
    }

    @Test func modernBertMaskSwallowsTheWhitespaceBeforeIt() throws {
        let (bert, ids) = try Self.stripping("modern-bert", special: "[MASK]")
        #expect(bert.encode("a \t[MASK] b") == [ids[0], ids[3], ids[2], ids[1]])
    }

    @Test(.enabled(if: TokenizerTestSupport.smolLM2Path != nil, TokenizerTestSupport.smolLM2Missing))
    func smolLM2SpeaksChatML() throws {
        let tokenizer = try TokenizerTestSupport.loadSmolLM2()
        #expect(tokenizer.vocabularySize == 49152)
        #expect(tokenizer.bos == 1 && tokenizer.eos == 2 && tokenizer.eot == 2)
        #expect(!tokenizer.addsBOS && !tokenizer.addsEOS)
        let ids = tokenizer.encode("<|im_start|>user\nHi<|im_end|>\n", addSpecial: true, parseSpecial: true)
        #expect(ids.first == 1 && ids.contains(2))
        #expect(tokenizer.decode(ids, renderSpecial: false) == "user\nHi\n")
        // llama.cpp's end-of-generation set: <|endoftext|>, <|im_end|> and <reponame>.
        #expect((0 ..< 17).filter { tokenizer.isEndOfGeneration($0) } == [0, 2, 4])
        #expect((0 ..< 17).allSatisfy { tokenizer.isControl($0) } && !tokenizer.isControl(17))
        #expect(tokenizer.piece(905) == " world")
    }
}
