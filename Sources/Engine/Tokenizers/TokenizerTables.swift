/// What every GGUF tokenizer reads the same way, whatever its model: the vocabulary, the
/// special tokens and their roles, the partition that cuts special tokens out of a text, and
/// whether BOS and EOS go around every text. (Opaque outside the engine.)
public struct TokenizerTables: Sendable {
    let vocabulary: Vocabulary
    let specialTokens: SpecialTokens
    let partition: SpecialTokenPartition
    let addsBOS: Bool
    let addsEOS: Bool

    init(file: GGUFFile, spelling: TokenSpelling, defaults: SpecialTokens.Defaults, addsBOSByDefault: Bool) throws {
        var vocabulary = try Vocabulary(file: file, spelling: spelling)
        specialTokens = try SpecialTokens(file: file, vocabulary: &vocabulary, defaults: defaults)
        addsBOS = try file.bool(GGUFKey.addBOS) ?? addsBOSByDefault
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

    /// The frame of llama.cpp's `tokenize`: BOS, then the text with special tokens cut out,
    /// each stretch of plain text through `encodeText` (told whether the start of the text or
    /// a special token came just before it), then EOS.
    func encode(_ text: String, addSpecial: Bool, specialTokens scope: SpecialTokenScope,
                encodeText: (_ utf8: [UInt8], _ range: Range<Int>, _ afterSpecial: Bool, _ output: inout [Int32]) -> Void)
        -> [Int32] {
        var output: [Int32] = []
        if addSpecial, addsBOS, let bos = specialTokens.bos { output.append(bos) }
        let utf8 = Array(text.utf8)
        let fragments = utf8.withUnsafeBufferPointer { partition.fragments(of: $0, scope: scope) }
        var afterSpecial = true
        for fragment in fragments {
            switch fragment {
            case let .token(id):
                output.append(id)
                afterSpecial = true
            case let .text(range):
                encodeText(utf8, range, afterSpecial, &output)
                afterSpecial = false
            }
        }
        if addSpecial, addsEOS, let eos = specialTokens.eos { output.append(eos) }
        return output
    }
}

/// A tokenizer over a GGUF vocabulary: all of `Tokenizer` but `encode` comes from its tables.
public protocol VocabularyTokenizer: Tokenizer {
    var tables: TokenizerTables { get }
}

extension VocabularyTokenizer {
    public var vocabularySize: Int { tables.vocabulary.count }
    public var bos: Int32? { tables.specialTokens.bos }
    public var eos: Int32? { tables.specialTokens.eos }
    public var eot: Int32? { tables.specialTokens.eot }
    public var addsBOS: Bool { tables.addsBOS }
    public var addsEOS: Bool { tables.addsEOS }

    public func tokenBytes(_ id: Int32, renderSpecial: Bool) -> [UInt8] {
        tables.vocabulary.bytes(of: id, renderSpecial: renderSpecial)
    }

    public func tokenText(_ id: Int32) -> String? {
        tables.vocabulary.contains(id) ? tables.vocabulary.texts[Int(id)] : nil
    }

    public func isEndOfGeneration(_ id: Int32) -> Bool { tables.specialTokens.endOfGeneration.contains(id) }

    public func isControl(_ id: Int32) -> Bool {
        tables.vocabulary.contains(id) && tables.vocabulary.attributes[Int(id)].contains(.control)
    }

    public func stripsWhitespace(_ id: Int32) -> (before: Bool, after: Bool) {
        guard tables.vocabulary.contains(id) else { return (false, false) }
        let attributes = tables.vocabulary.attributes[Int(id)]
        return (attributes.contains(.lstrip), attributes.contains(.rstrip))
    }
}
