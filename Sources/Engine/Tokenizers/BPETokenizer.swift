/// Byte-level BPE (`tokenizer.ggml.model = gpt2`), with llama.cpp's token ids: special tokens
/// are cut out first, the rest is split into words by the pre-tokenizer, and each word's
/// bytes are merged by rank.
public final class BPETokenizer: VocabularyTokenizer {
    public let tables: TokenizerTables
    private let merges: MergeTable
    private let preTokenizer: PreTokenizer

    public init(file: GGUFFile) throws {
        preTokenizer = try PreTokenizer.named(try file.string(GGUFKey.tokenizerPre) ?? "")
        tables = try TokenizerTables(file: file, spelling: .byteLevel, defaults: .none,
                                     addsBOSByDefault: preTokenizer.addsBOSByDefault)
        merges = try MergeTable(merges: try file.stringArray(GGUFKey.merges) ?? [], vocabulary: tables.vocabulary)
    }

    public func encode(_ text: String, addSpecial: Bool, specialTokens scope: SpecialTokenScope) -> [Int32] {
        var merger = BPEMerger()
        return tables.encode(text, addSpecial: addSpecial, specialTokens: scope) { utf8, range, _, output in
            encodeText(utf8, range, merger: &merger, into: &output)
        }
    }

    /// Pre-tokenizes one stretch of text without special tokens and merges each word.
    private func encodeText(_ utf8: [UInt8], _ range: Range<Int>, merger: inout BPEMerger, into output: inout [Int32]) {
        let vocabulary = tables.vocabulary
        let text = utf8.withUnsafeBufferPointer { ScalarText(utf8: $0, range: range) }
        for piece in preTokenizer.split(text) {
            let word = utf8[text.byteRange(of: piece)]
            if preTokenizer.ignoresMerges, let id = vocabulary.id(ofText: ByteLevel.encode(word)) {
                output.append(id)
                continue
            }
            merger.merge(word, byteTokens: vocabulary.byteTokens, rules: merges, into: &output)
        }
    }
}
