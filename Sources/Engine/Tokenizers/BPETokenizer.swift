/// Byte-level BPE (`tokenizer.ggml.model = gpt2`), with llama.cpp's token ids: special tokens
/// are cut out first, the rest is split into words by the pre-tokenizer, and each word's
/// bytes are merged by rank.
public final class BPETokenizer: Tokenizer {
    private let vocabulary: Vocabulary
    private let merges: MergeTable
    private let preTokenizer: PreTokenizer
    private let specialTokens: SpecialTokens
    private let partition: SpecialTokenPartition

    public let addsBOS: Bool
    public let addsEOS: Bool
    public var vocabularySize: Int { vocabulary.count }
    public var bos: Int32? { specialTokens.bos }
    public var eos: Int32? { specialTokens.eos }
    public var eot: Int32? { specialTokens.eot }

    public init(file: GGUFFile) throws {
        var vocabulary = try Vocabulary(file: file)
        preTokenizer = try PreTokenizer.named(try file.string(GGUFKey.tokenizerPre) ?? "")
        merges = try MergeTable(merges: try file.stringArray(GGUFKey.merges) ?? [], vocabulary: vocabulary)
        specialTokens = try SpecialTokens(file: file, vocabulary: &vocabulary)
        addsBOS = try file.bool(GGUFKey.addBOS) ?? preTokenizer.addsBOSByDefault
        addsEOS = try file.bool(GGUFKey.addEOS) ?? false
        if addsBOS, specialTokens.bos == nil {
            throw TokenizerError.missingSpecialToken(role: "BOS", key: GGUFKey.bosID)
        }
        if addsEOS, specialTokens.eos == nil {
            throw TokenizerError.missingSpecialToken(role: "EOS", key: GGUFKey.eosID)
        }
        partition = SpecialTokenPartition(vocabulary: vocabulary)
        self.vocabulary = vocabulary
    }

    public func encode(_ text: String, addSpecial: Bool, parseSpecial: Bool) -> [Int32] {
        var output: [Int32] = []
        if addSpecial, addsBOS, let bos { output.append(bos) }
        let utf8 = Array(text.utf8)
        let fragments = utf8.withUnsafeBufferPointer { partition.fragments(of: $0, parseSpecial: parseSpecial) }
        var merger = BPEMerger()
        for fragment in fragments {
            switch fragment {
            case let .token(id): output.append(id)
            case let .text(range): encodeText(utf8, range, merger: &merger, into: &output)
            }
        }
        if addSpecial, addsEOS, let eos { output.append(eos) }
        return output
    }

    /// Pre-tokenizes one stretch of text without special tokens and merges each word.
    private func encodeText(_ utf8: [UInt8], _ range: Range<Int>, merger: inout BPEMerger, into output: inout [Int32]) {
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

    public func tokenBytes(_ id: Int32, renderSpecial: Bool) -> [UInt8] {
        vocabulary.bytes(of: id, renderSpecial: renderSpecial)
    }

    public func tokenText(_ id: Int32) -> String? {
        vocabulary.contains(id) ? vocabulary.texts[Int(id)] : nil
    }

    public func isEndOfGeneration(_ id: Int32) -> Bool { specialTokens.endOfGeneration.contains(id) }

    public func isControl(_ id: Int32) -> Bool {
        vocabulary.contains(id) && vocabulary.attributes[Int(id)].contains(.control)
    }
}
