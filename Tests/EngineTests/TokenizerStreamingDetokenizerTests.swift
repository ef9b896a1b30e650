import Foundation
import Testing
@testable import Engine

/// The streaming detokenizer on byte tokens (the tiny vocabulary's ids 0...255 are the bytes),
/// so characters can be cut anywhere.
@Suite struct TokenizerStreamingDetokenizerTests {
    let tokenizer: BPETokenizer
    let imEnd: Int32

    init() throws {
        var v = TinyVocabulary()
        imEnd = v.addSpecial("<|im_end|>", .control)
        tokenizer = try v.load()
    }

    func stream(_ bytes: [UInt8], renderSpecial: Bool = false) -> [String] {
        var detokenizer = StreamingDetokenizer(tokenizer: tokenizer, renderSpecial: renderSpecial)
        return bytes.map { detokenizer.push(Int32($0)) } + [detokenizer.flush()]
    }

    @Test func waitsForTheLastByteOfACharacter() {
        #expect(stream(Array("é".utf8)) == ["", "é", ""])
        #expect(stream(Array("😀!".utf8)) == ["", "", "", "😀", "!", ""])
        #expect(stream(Array("a中".utf8)) == ["a", "", "", "中", ""])
    }

    @Test func flushReplacesAnUnfinishedCharacter() {
        var detokenizer = StreamingDetokenizer(tokenizer: tokenizer)
        #expect(detokenizer.push(0xF0) == "" && detokenizer.push(0x9F) == "")
        #expect(detokenizer.hasPendingBytes)
        #expect(detokenizer.flush() == "\u{FFFD}")
        #expect(!detokenizer.hasPendingBytes && detokenizer.flush() == "")
    }

    @Test func invalidBytesGoOutAtOnce() {
        // A stray continuation byte, and a lead byte whose next byte cannot follow it.
        #expect(stream([0x80, 0x41]) == ["\u{FFFD}", "A", ""])
        #expect(stream([0xE0, 0x80]) == ["", "\u{FFFD}\u{FFFD}", ""])
        #expect(stream([0xC3, 0x41]) == ["", "\u{FFFD}A", ""])
    }

    @Test func controlTokensShowOnlyWhenAsked() {
        var quiet = StreamingDetokenizer(tokenizer: tokenizer)
        #expect(quiet.push(0x68) == "h" && quiet.push(imEnd) == "")
        var loud = StreamingDetokenizer(tokenizer: tokenizer, renderSpecial: true)
        #expect(loud.push(imEnd) == "<|im_end|>")
    }

    @Test func streamedTextEqualsDecodedText() throws {
        let text = "Grüße, 世界! 👩🏾‍💻 🇫🇷 e\u{301}"
        let ids = tokenizer.encode(text)
        var detokenizer = StreamingDetokenizer(tokenizer: tokenizer)
        let streamed = ids.map { detokenizer.push($0) }.joined() + detokenizer.flush()
        #expect(streamed == text && tokenizer.decode(ids) == text)
    }

    @Test func completePrefixStopsBeforeAValidUnfinishedTail() {
        #expect(StreamingDetokenizer.completePrefixLength([]) == 0)
        #expect(StreamingDetokenizer.completePrefixLength([0x41, 0xE4, 0xB8]) == 1)
        #expect(StreamingDetokenizer.completePrefixLength([0x41, 0xE4, 0xB8, 0xAD]) == 4)
        #expect(StreamingDetokenizer.completePrefixLength([0xF4, 0x90]) == 2)  // past U+10FFFF: invalid
        #expect(StreamingDetokenizer.completePrefixLength([0xED, 0x9F]) == 0)  // U+D7xx: still valid
    }

    /// SentencePiece writes a character without a piece of its own as byte tokens: the
    /// character appears with its last byte.
    @Test func sentencePieceByteTokensFormOneCharacter() throws {
        var v = TinySentencePieceVocabulary()
        let hi = v.add("▁hi", score: -1), space = v.add("▁", score: -3)
        _ = v.add("▁h", score: -2)
        let spm = try v.load()
        let ids = spm.encode("hi é😀")
        #expect(ids.prefix(2) == [hi, space] && ids.count == 2 + 2 + 4)
        var detokenizer = StreamingDetokenizer(tokenizer: spm, startsText: true)
        let pieces = ids.map { detokenizer.push($0) }
        #expect(pieces == ["hi", " ", "", "é", "", "", "", "😀"])
        #expect(pieces.joined() == spm.decode(ids) && spm.decode(ids) == "hi é😀")
    }

    /// The space `add_space_prefix` puts before a text comes off only at the start of a text;
    /// generated tokens continue a prompt and keep theirs.
    @Test func theSpacePrefixComesOffOnlyAtTheStartOfAText() throws {
        var v = TinySentencePieceVocabulary()
        let hi = v.add("▁hi")
        let spm = try v.load()
        var atStart = StreamingDetokenizer(tokenizer: spm, startsText: true)
        #expect(atStart.push(hi) == "hi" && atStart.push(hi) == " hi")
        var continuing = StreamingDetokenizer(tokenizer: spm)
        #expect(continuing.push(hi) == " hi")
    }

    /// Every fixture string through the SentencePiece vocabularies at hand, token by token.
    @Test func sentencePieceStreamsGiveTheDecodedText() throws {
        var paths = TokenizerVocabSuiteTests.sentencePiece.map(TokenizerVocabSuiteTests.vocabPath)
        if let gemma = TokenizerTestSupport.gemma3Path { paths.append(gemma) }
        let texts = try TokenizerParityTests.fixture().cases.map(\.text)
        for path in paths where FileManager.default.fileExists(atPath: path) {
            let spm = try loadTokenizer(from: GGUFFile(path: path))
            for text in texts {
                let ids = spm.encode(text, addSpecial: true, parseSpecial: true)
                var detokenizer = StreamingDetokenizer(tokenizer: spm, startsText: true)
                let streamed = ids.map { detokenizer.push($0) }.joined() + detokenizer.flush()
                #expect(streamed == spm.decode(ids, renderSpecial: false), "\(path): \(text.debugDescription.prefix(60))")
            }
        }
    }
}
