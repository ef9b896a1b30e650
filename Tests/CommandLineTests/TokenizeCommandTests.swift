import Engine
import Foundation
import Testing

/// `genplay tokenize` on a vocabulary-only SentencePiece file, as llama.cpp's
/// `models/ggml-vocab-*.gguf` are: no tensors, only the tokenizer metadata.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct TokenizeCommandTests {
    static let vocabularyOnly: String = {
        let tokens: [(String, Float, Int32)] = [("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3),
                                                ("▁h", -2, 1), ("▁hi", -1, 1), ("i", -3, 1)]
        var w = GGUFWriter()
        w.set(GGUFKey.tokenizerModel, .string("llama"))
        w.set(GGUFKey.tokens, .array(.string, tokens.map { .string($0.0) }))
        w.set(GGUFKey.scores, .array(.float32, tokens.map { .float32($0.1) }))
        w.set(GGUFKey.tokenTypes, .array(.int32, tokens.map { .int32($0.2) }))
        let path = Genplay.scratch("sentencepiece-vocabulary.gguf")
        try! w.write(to: path)
        return path
    }()

    @Test func idsGetBOSAndTheSpacePrefix() throws {
        #expect(try Genplay.run(["tokenize", "-m", Self.vocabularyOnly, "--ids", "hi hi"]).stdout == "[1, 4, 4]\n")
        #expect(try Genplay.run(["tokenize", "-m", Self.vocabularyOnly, "--ids", "--no-bos", "hi"]).stdout == "[4]\n")
    }

    @Test func piecesShowSpacesAsSpaces() throws {
        let run = try Genplay.run(["tokenize", "-m", Self.vocabularyOnly, "--special", "hi</s>"])
        #expect(run.stdout == "1 -> '<s>'\n4 -> ' hi'\n2 -> '</s>'\n")
    }
}
