/// SentencePiece BPE (`tokenizer.ggml.model = llama`: Llama 2, Mistral, Phi-3, Gemma), with
/// llama.cpp's token ids: special tokens are cut out first; each stretch of the rest, after a
/// space when `add_space_prefix` asks for one, has its spaces written `▁` and its characters
/// merged by token score (`SentencePieceMerger`); characters no token covers become byte
/// tokens `<0xNN>`.
public final class SentencePieceTokenizer: VocabularyTokenizer {
    public let tables: TokenizerTables
    /// `tokenizer.ggml.scores`: the higher a token's score, the earlier its pair merges.
    private let scores: [Float]
    public let addsSpacePrefix: Bool

    public init(file: GGUFFile) throws {
        tables = try TokenizerTables(file: file, spelling: .sentencePiece, defaults: .sentencePiece, addsBOSByDefault: true)
        scores = try Self.readScores(file, count: tables.vocabulary.count)
        addsSpacePrefix = try file.bool(GGUFKey.addSpacePrefix) ?? true
    }

    public func encode(_ text: String, addSpecial: Bool, specialTokens scope: SpecialTokenScope) -> [Int32] {
        var merger = SentencePieceMerger()
        return tables.encode(text, addSpecial: addSpecial, specialTokens: scope) { utf8, range, afterSpecial, output in
            merger.merge(utf8[range], spacePrefix: addsSpacePrefix && afterSpecial, vocabulary: tables.vocabulary,
                         scores: scores, unknown: tables.specialTokens.unknown, into: &output)
        }
    }

    /// One score per token. llama.cpp reads a file without scores as all zero, which merges
    /// the leftmost pair first whatever the text: no real vocabulary, so here an error.
    private static func readScores(_ file: GGUFFile, count: Int) throws -> [Float] {
        guard let scores = try file.floatArray(GGUFKey.scores) else { throw GGUFError.missingKey(GGUFKey.scores) }
        guard scores.count == count else {
            throw TokenizerError.countMismatch(key: GGUFKey.scores, expected: count, found: scores.count)
        }
        if let id = scores.firstIndex(where: \.isNaN) { throw TokenizerError.scoreNotANumber(id: id) }
        return scores
    }
}
