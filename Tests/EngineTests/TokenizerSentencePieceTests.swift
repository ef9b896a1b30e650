import Testing
@testable import Engine

/// SentencePiece on tiny hand-made vocabularies: merge order by score, byte fallback, the
/// unknown token, special tokens, the space prefix, and loading errors.
@Suite struct TokenizerSentencePieceTests {
    /// "a", "b", "c" as pieces of their own, without a space prefix.
    static func letters(byteTokens: Bool = true) -> (TinySentencePieceVocabulary, a: Int32, b: Int32, c: Int32) {
        var v = TinySentencePieceVocabulary()
        v.byteTokens = byteTokens
        v.addSpacePrefix = false
        let a = v.add("a", score: -10), b = v.add("b", score: -10), c = v.add("c", score: -10)
        return (v, a, b, c)
    }

    @Test func higherScoreMergesFirstWhateverItsPosition() throws {
        var (v, a, _, c) = Self.letters()
        let ab = v.add("ab", score: -2), bc = v.add("bc", score: -1)
        let tokenizer = try v.load()
        // "bc" scores higher, so "abc" is a + bc although "ab" comes first in the text.
        #expect(tokenizer.encode("abc") == [a, bc])
        v.pieces[v.pieces.count - 1].score = -3
        #expect(try v.load().encode("abc") == [ab, c])
    }

    @Test func equalScoresMergeLeftmostFirst() throws {
        var (v, a, _, _) = Self.letters()
        let aa = v.add("aa", score: -1)
        let tokenizer = try v.load()
        #expect(tokenizer.encode("aaa") == [aa, a])
        #expect(tokenizer.encode("aaaa") == [aa, aa])
    }

    @Test func zeroAndNegativeZeroScoresTie() throws {
        var (v, _, _, c) = Self.letters()
        let ab = v.add("ab", score: -0.0)
        _ = v.add("bc", score: 0)
        // A tie, so the leftmost pair wins: -0 is not below +0.
        #expect(try v.load().encode("abc") == [ab, c])
        #expect(SentencePieceMerger.descendingKey(-0.0) == SentencePieceMerger.descendingKey(0))
        let ordered: [Float] = [.infinity, 1, 0, -1e-30, -1, -1000, -.infinity]
        #expect(ordered.map(SentencePieceMerger.descendingKey) == ordered.map(SentencePieceMerger.descendingKey).sorted())
    }

    @Test func piecesOnlyGrowThroughPiecesOfTheVocabulary() throws {
        var (v, a, b, c) = Self.letters()
        let abc = v.add("abc", score: 0)
        _ = v.add("ab", score: -5)
        // "abc" is only reachable through "ab" (or "bc"): without either it stays three letters.
        #expect(try v.load().encode("abc") == [abc])
        v.pieces.removeLast()
        #expect(try v.load().encode("abc") == [a, b, c])
    }

    @Test func charactersWithoutAPieceFallBackToByteTokens() throws {
        let (v, a, _, _) = Self.letters()
        let tokenizer = try v.load()
        let bytes = Array("é中".utf8).map(TinySentencePieceVocabulary.byteToken)
        #expect(tokenizer.encode("aé中") == [a] + bytes)
        #expect(tokenizer.decode([a] + bytes) == "aé中")
        #expect(tokenizer.tokenText(bytes[0]) == "<0xC3>" && tokenizer.piece(bytes[0]) == "\u{FFFD}")
    }

    @Test func withoutByteTokensAnUncoveredCharacterIsOneUnknownToken() throws {
        let (v, a, b, _) = Self.letters(byteTokens: false)
        let tokenizer = try v.load()
        let unk = TinySentencePieceVocabulary.unknown
        #expect(tokenizer.encode("aéb😀") == [a, unk, b, unk])
        // <unk> is rendered like a control token: only when asked.
        #expect(tokenizer.decode([a, unk]) == "a<unk>" && tokenizer.decode([unk], renderSpecial: false) == "")
    }

    @Test func spacesAreWrittenAsLowLines() throws {
        var v = TinySentencePieceVocabulary()
        let hi = v.add("▁hi", score: -1), i = v.add("i", score: -5), space = v.add("▁", score: -3)
        _ = (v.add("h", score: -5), v.add("▁h", score: -4))
        let tokenizer = try v.load()
        #expect(tokenizer.addsSpacePrefix)  // llama.cpp's default without the key
        #expect(tokenizer.encode("hi hi") == [hi, hi])
        #expect(tokenizer.encode("hi  i") == [hi, space, space, i])
        #expect(tokenizer.decode(tokenizer.encode("hi  i")) == "hi  i")
    }

    @Test func theSpacePrefixGoesBeforeTheTextAndAfterEverySpecialToken() throws {
        var v = TinySentencePieceVocabulary()
        let space = v.add("▁", score: -3)
        let a = v.add("▁a", score: -1), b = v.add("▁b", score: -1), plainA = v.add("a", score: -5), plainB = v.add("b", score: -5)
        let user = v.add("<u>", score: 0, .userDefined), control = v.add("<c>", score: 0, .control)
        let bos = TinySentencePieceVocabulary.bos
        let withPrefix = try v.load()
        #expect(withPrefix.encode("a<u>b") == [a, user, b])
        #expect(withPrefix.encode("a<c>b", addSpecial: true, parseSpecial: true) == [bos, a, control, b])
        #expect(withPrefix.encode("<u>") == [user])
        // Empty text: nothing, or BOS alone; only spaces: one more than written.
        #expect(withPrefix.encode("") == [] && withPrefix.encode("", addSpecial: true, parseSpecial: false) == [bos])
        #expect(withPrefix.encode(" ") == [space, space])

        v.addSpacePrefix = false
        let without = try v.load()
        #expect(!without.addsSpacePrefix)
        #expect(without.encode("a<u>b") == [plainA, user, plainB])
        #expect(without.encode(" a") == [a] && without.encode(" ") == [space])
    }

    @Test func decodingTakesTheSpacePrefixOffTheFirstTokenOnly() throws {
        var v = TinySentencePieceVocabulary()
        let a = v.add("▁a", score: -1), space = v.add("▁", score: -3)
        let tokenizer = try v.load()
        #expect(tokenizer.decode(tokenizer.encode("a a")) == "a a")
        #expect(tokenizer.decode(tokenizer.encode(" a")) == " a")
        #expect(tokenizer.decode([space, space, a]) == "  a")
        // After BOS the space stays, as in llama.cpp's detokenizer.
        let bos = TinySentencePieceVocabulary.bos
        #expect(tokenizer.decode([bos, a]) == "<s> a" && tokenizer.decode([bos, a], renderSpecial: false) == " a")
        // `piece` shows a token as it is.
        #expect(tokenizer.piece(a) == " a")
    }

    @Test func userDefinedTokensAreCutOutControlTokensOnlyWhenParsed() throws {
        var v = TinySentencePieceVocabulary()
        v.addSpacePrefix = false
        let user = v.add("<u>", score: 0, .userDefined), control = v.add("<c>", score: 0, .control)
        let tokenizer = try v.load()
        let letters = { (s: String) in s.utf8.map(TinySentencePieceVocabulary.byteToken) }
        #expect(tokenizer.encode("x<c>y<u>", addSpecial: false, parseSpecial: true) == letters("x") + [control] + letters("y") + [user])
        #expect(tokenizer.encode("x<c>y<u>") == letters("x<c>y") + [user])
        #expect(tokenizer.decode(tokenizer.encode("x<c>y<u>")) == "x<c>y<u>")
        #expect(tokenizer.decode([control], renderSpecial: false) == "" && tokenizer.decode([user], renderSpecial: false) == "<u>")
        #expect(tokenizer.isControl(control) && !tokenizer.isControl(user))
    }

    @Test func rolesDefaultToTheFirstThreeTokens() throws {
        let tokenizer = try TinySentencePieceVocabulary().load()
        #expect(tokenizer.bos == 1 && tokenizer.eos == 2 && tokenizer.addsBOS && !tokenizer.addsEOS)
        #expect(tokenizer.isEndOfGeneration(2) && !tokenizer.isEndOfGeneration(1))
        var v = TinySentencePieceVocabulary()
        v.extraMetadata = [(GGUFKey.bosID, .uint32(2)), (GGUFKey.eosID, .uint32(1)), (GGUFKey.addEOS, .bool(true))]
        let swapped = try v.load()
        #expect(swapped.encode("", addSpecial: true, parseSpecial: false) == [2, 1])
    }

    @Test func malformedMetadataIsNamed() throws {
        func error(_ edit: (inout GGUFWriter) -> Void) -> String {
            var w = TinySentencePieceVocabulary().writer()
            edit(&w)
            do {
                _ = try SentencePieceTokenizer(file: w.readBack())
                return "loaded"
            } catch { return "\(error)" }
        }
        let count = TinySentencePieceVocabulary().tokenCount
        #expect(error { $0.metadata.removeAll { $0.key == GGUFKey.scores } } == "required metadata 'tokenizer.ggml.scores' is missing")
        #expect(error { $0.set(GGUFKey.scores, .array(.float32, [.float32(0)])) }
            == "tokenizer.ggml.scores has 1 entries, expected \(count) (one per token)")
        #expect(error { $0.set(GGUFKey.scores, .array(.float32, (0 ..< count).map { .float32($0 == 7 ? .nan : 0) })) }
            == "token 7 has score nan in tokenizer.ggml.scores")
        #expect(error { $0.set(GGUFKey.scores, .string("high")) }
            == "metadata 'tokenizer.ggml.scores' should be array of numbers but is string")
        #expect(error { $0.set(GGUFKey.unknownID, .uint32(UInt32(count))) }
            == "tokenizer.ggml.unknown_token_id is \(count), outside the vocabulary of \(count) tokens")
        #expect(error { $0.set(GGUFKey.addSpacePrefix, .uint8(1)) }
            == "metadata 'tokenizer.ggml.add_space_prefix' should be bool but is uint8")
    }

    @Test func theLlamaModelLoadsAsSentencePiece() throws {
        #expect(try loadTokenizer(from: TinySentencePieceVocabulary().writer().readBack()) is SentencePieceTokenizer)
    }

    @Test func aMegabyteWithoutSpacesMergesInReasonableTime() throws {
        var (v, _, _, _) = Self.letters()
        _ = v.add("aa", score: -2)
        let aaaa = v.add("aaaa", score: -1)
        let tokenizer = try v.load()
        let ids = tokenizer.encode(String(repeating: "a", count: 1 << 20))
        #expect(ids == [Int32](repeating: aaaa, count: 1 << 18))
    }
}
