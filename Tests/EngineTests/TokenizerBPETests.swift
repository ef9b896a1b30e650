import Foundation
import Testing
@testable import Engine

/// Byte-level BPE on tiny hand-made vocabularies: the byte map, merge order, loading errors.
@Suite struct TokenizerBPETests {
    @Test func byteMapSpellsSpaceNewlineAndControlBytes() {
        #expect(ByteLevel.scalarForByte[0x20] == 0x120)  // Ġ
        #expect(ByteLevel.scalarForByte[0x0A] == 0x10A)  // Ċ
        #expect(ByteLevel.scalarForByte[0x00] == 0x100)
        #expect(ByteLevel.scalarForByte[0xAD] == 0x143)  // the soft hyphen is the last one moved
        #expect(ByteLevel.scalarForByte[0x41] == 0x41)
        #expect(Set(ByteLevel.scalarForByte).count == 256)
        let all = (0 ... 255).map(UInt8.init)
        #expect(ByteLevel.decode(String(decoding: ByteLevel.encode(all), as: UTF8.self)) == all)
    }

    @Test func lowestRankMergesFirstWhateverItsPosition() throws {
        var v = TinyVocabulary()
        let bc = v.addWord("bc"), ab = v.addWord("ab")
        v.merges = ["b c", "a b"]
        let tokenizer = try v.load()
        // "b c" outranks "a b", so "abc" is a + bc although "ab" comes first in the text.
        #expect(tokenizer.encode("abc") == [0x61, bc])
        #expect(tokenizer.encode("ab") == [ab])
    }

    @Test func equalRanksMergeLeftmostFirst() throws {
        var v = TinyVocabulary()
        let aa = v.addWord("aa")
        v.merges = ["a a"]
        #expect(try v.load().encode("aaa") == [aa, 0x61])
    }

    @Test func mergesChainThroughIntermediateTokens() throws {
        var v = TinyVocabulary()
        let th = v.addWord("th"), the = v.addWord("the"), spaceThe = v.addWord(" the")
        v.merges = ["t h", "th e", "Ġ the"]
        let tokenizer = try v.load()
        #expect(tokenizer.encode(" the the") == [spaceThe, spaceThe])
        #expect(tokenizer.encode("the") == [the])
        #expect(tokenizer.encode("th") == [th])
        #expect(tokenizer.decode([spaceThe, the]) == " thethe")
    }

    @Test func aMegabyteOfOneLetterMergesToTheLongestToken() throws {
        var v = TinyVocabulary()
        _ = v.addWord("aa")
        let aaaa = v.addWord("aaaa")
        v.merges = ["a a", "aa aa"]
        let text = String(repeating: "a", count: 1 << 20)
        let ids = try v.load().encode(text)
        #expect(ids.count == 1 << 18 && ids.allSatisfy { $0 == aaaa })
    }

    @Test func llama3TakesWholeWordsThatAreTokensWithoutMerging() throws {
        var v = TinyVocabulary()
        let ab = v.addWord("ab"), abc = v.addWord("abc")
        v.merges = ["a b"]
        #expect(try v.load().encode("abc") == [ab, 0x63])
        v.pre = "llama-bpe"
        v.extraMetadata = [(GGUFKey.bosID, .uint32(0))]
        #expect(try v.load().encode("abc") == [abc])
    }

    @Test func addSpecialFollowsTheMetadata() throws {
        var v = TinyVocabulary()
        let bos = v.addSpecial("<s>", .control), eos = v.addSpecial("</s>", .control)
        v.extraMetadata = [(GGUFKey.bosID, .uint32(UInt32(bos))), (GGUFKey.eosID, .uint32(UInt32(eos))),
                           (GGUFKey.addBOS, .bool(true)), (GGUFKey.addEOS, .bool(true))]
        let tokenizer = try v.load()
        #expect(tokenizer.encode("a", addSpecial: true, parseSpecial: false) == [bos, 0x61, eos])
        #expect(tokenizer.encode("a", addSpecial: false, parseSpecial: false) == [0x61])
        #expect(tokenizer.encode("", addSpecial: true, parseSpecial: false) == [bos, eos])
        // Llama 3's pre type adds BOS unless the metadata says otherwise.
        v.pre = "llama3"
        v.extraMetadata = [(GGUFKey.bosID, .uint32(UInt32(bos)))]
        #expect(try v.load().addsBOS)
    }

    @Test func tokenBytesRenderSpecialTokensOnlyWhenAsked() throws {
        var v = TinyVocabulary()
        let control = v.addSpecial("<|c|>", .control), user = v.addSpecial("<u>", .userDefined)
        let byte = v.addSpecial("<0x41>", .byte), unused = v.addSpecial("zzz", .unused)
        let tokenizer = try v.load()
        #expect(tokenizer.tokenBytes(control, renderSpecial: false) == [])
        #expect(tokenizer.tokenBytes(control, renderSpecial: true) == Array("<|c|>".utf8))
        #expect(tokenizer.tokenBytes(user, renderSpecial: false) == Array("<u>".utf8))
        #expect(tokenizer.tokenBytes(byte, renderSpecial: false) == [0x41])
        #expect(tokenizer.tokenBytes(unused, renderSpecial: true) == [])
        #expect(tokenizer.tokenBytes(0x20, renderSpecial: false) == [0x20])
        #expect(tokenizer.tokenBytes(-1, renderSpecial: true) == [] && tokenizer.tokenBytes(9999, renderSpecial: true) == [])
        #expect(tokenizer.tokenText(0x20) == "Ġ" && tokenizer.tokenText(9999) == nil)
        #expect(tokenizer.isControl(control) && !tokenizer.isControl(user))
    }

    @Test func endOfGenerationMirrorsLlamaCpp() throws {
        var v = TinyVocabulary()
        let start = v.addSpecial("<|im_start|>", .control)
        let endOfText = v.addSpecial("<|endoftext|>", .normal)  // made control by its text
        let imEnd = v.addSpecial("<|im_end|>", .control)
        let repo = v.addSpecial("<reponame>", .control)  // a fill-in-the-middle role
        let eos = v.addSpecial("<eos-of-metadata>", .control)
        v.extraMetadata = [(GGUFKey.eosID, .uint32(UInt32(eos)))]
        let tokenizer = try v.load()
        for id in [endOfText, imEnd, repo, eos] { #expect(tokenizer.isEndOfGeneration(id)) }
        #expect(!tokenizer.isEndOfGeneration(start) && !tokenizer.isEndOfGeneration(0x61))
        #expect(tokenizer.isControl(endOfText))
        #expect(tokenizer.eot == imEnd, "<|im_end|> comes before <|endoftext|> among end-of-turn texts")
        #expect(tokenizer.eos == eos && tokenizer.bos == nil)
    }

    @Test func loadingErrorsNameWhatIsWrong() throws {
        var v = TinyVocabulary()
        v.merges = ["a q"]
        _ = v.addWord("aq")
        #expect(throws: Never.self) { try v.load() }
        v.merges = ["a zz"]
        #expect(throws: TokenizerError.mergeWithUnknownToken(index: 0, merge: "a zz", token: "zz")) { try v.load() }
        v.merges = ["abc"]
        #expect(throws: TokenizerError.malformedMerge(index: 0, merge: "abc")) { try v.load() }
        v.merges = []
        v.pre = "no-such-pre"
        #expect(throws: TokenizerError.unsupportedPreTokenizer("no-such-pre")) { try v.load() }
        v.pre = "gpt-2"
        v.extraMetadata = [(GGUFKey.tokenTypes, .array(.int32, [.int32(1)]))]
        #expect(throws: TokenizerError.countMismatch(key: GGUFKey.tokenTypes, expected: 257, found: 1)) { try v.load() }
        v.extraMetadata = [(GGUFKey.tokenTypes, .array(.int32, (0 ..< 257).map { .int32($0 == 5 ? 9 : 1) }))]
        #expect(throws: TokenizerError.unknownTokenType(id: 5, type: 9)) { try v.load() }
        v.extraMetadata = [(GGUFKey.bosID, .uint32(4000))]
        #expect(throws: TokenizerError.tokenIDOutOfRange(key: GGUFKey.bosID, id: 4000, vocabularySize: 257)) { try v.load() }
        v.extraMetadata = [(GGUFKey.addBOS, .bool(true))]
        #expect(throws: TokenizerError.missingSpecialToken(role: "BOS", key: GGUFKey.bosID)) { try v.load() }
        v.extraMetadata = []
        _ = v.addSpecial("a", .normal)
        #expect(throws: TokenizerError.duplicateToken(text: "a", first: 0x61, second: 257)) { try v.load() }
    }

    @Test func loaderNamesUnsupportedModels() throws {
        var v = TinyVocabulary()
        v.model = "bert"
        #expect(throws: TokenizerError.unsupportedModel("bert")) { try loadTokenizer(from: v.file()) }
        #expect(TokenizerError.unsupportedModel("bert").description
            == "unsupported tokenizer model 'bert' (tokenizer.ggml.model; supported: gpt2, llama)")
    }
}
