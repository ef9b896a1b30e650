/// The ids with a role (BOS, EOS, end of turn, ...) and the set that ends a generation, worked
/// out as llama.cpp does: roles from the metadata, missing ones found by their text, and every
/// token whose text says "end" made an end-of-generation control token.
struct SpecialTokens: Sendable {
    var bos: Int32?
    var eos: Int32?
    var eot: Int32?
    var eom: Int32?
    var unknown: Int32?
    var endOfGeneration: Set<Int32> = []

    /// The role ids a tokenizer model assumes when the metadata names none; one outside the
    /// vocabulary is dropped, as llama.cpp drops it.
    struct Defaults: Sendable {
        var bos: Int32?
        var eos: Int32?
        var unknown: Int32?

        static let none = Defaults()
        /// `tokenizer.ggml.model = llama`: `<unk>` `<s>` `</s>` are the first three tokens.
        static let sentencePiece = Defaults(bos: 1, eos: 2, unknown: 0)
    }

    /// Reads the roles and adjusts `vocabulary`'s attributes the way llama.cpp does (tokens it
    /// recognises by text become control tokens; some models' special tokens strip spaces).
    init(file: GGUFFile, vocabulary: inout Vocabulary, defaults: Defaults) throws {
        func metadataID(_ key: String) throws -> Int32? {
            guard let id = try file.int(key) else { return nil }
            guard vocabulary.contains(Int32(truncatingIfNeeded: id)), id <= Int(Int32.max) else {
                throw TokenizerError.tokenIDOutOfRange(key: key, id: id, vocabularySize: vocabulary.count)
            }
            return Int32(id)
        }
        func id(of names: [String]) -> Int32? {
            for name in names { if let id = vocabulary.id(ofText: Array(name.utf8)) { return id } }
            return nil
        }
        /// A role from the metadata, or else the first token spelled like one of `names`,
        /// which then becomes a control token.
        func role(_ keys: [String], _ names: [String]) throws -> Int32? {
            for key in keys { if let id = try metadataID(key) { return id } }
            guard let found = id(of: names) else { return nil }
            vocabulary.attributes[Int(found)].insert(.control)
            return found
        }
        let inVocabulary = { [count = vocabulary.count] (id: Int32?) in id.flatMap { Int($0) < count ? $0 : nil } }

        bos = try metadataID(GGUFKey.bosID) ?? inVocabulary(defaults.bos)
        eos = try metadataID(GGUFKey.eosID) ?? inVocabulary(defaults.eos)
        unknown = try metadataID(GGUFKey.unknownID) ?? inVocabulary(defaults.unknown)
        eot = try role([GGUFKey.eotID], Names.endOfTurn)
        eom = try role([GGUFKey.eomID], Names.endOfMessage)
        for fim in Names.fillInTheMiddle {
            if let id = try role(fim.keys, fim.names), fim.endsGeneration { endOfGeneration.insert(id) }
        }
        for name in Names.endOfGeneration {
            guard let id = vocabulary.id(ofText: Array(name.utf8)) else { continue }
            endOfGeneration.insert(id)
            vocabulary.attributes[Int(id)].insert(.control)
        }
        for name in Names.alwaysRendered {
            if let id = vocabulary.id(ofText: Array(name.utf8)) { vocabulary.attributes[Int(id)] = .userDefined }
        }
        for id in [eos, eot, eom].compactMap({ $0 }) { endOfGeneration.insert(id) }
        applyExceptions(&vocabulary)
        try Self.applyStripRules(file: file, &vocabulary)
    }

    /// Two vocabularies where llama.cpp takes a token back out of the end-of-generation set:
    /// `<|end|>` next to `<|return|>` and `<|call|>` (gpt-oss) or `<|calls|>` and `<|flush|>`
    /// (Solar Open), and `</s>` next to Gemma 4's or PLaMo's own end markers.
    private mutating func applyExceptions(_ vocabulary: inout Vocabulary) {
        let eogTexts = Dictionary(endOfGeneration.map { (vocabulary.texts[Int($0)], $0) }, uniquingKeysWith: min)
        let has = { (text: String) in eogTexts[text] != nil }
        if let end = eogTexts["<|end|>"],
           (has("<|return|>") && has("<|call|>")) || ((has("<|call|>") || has("<|calls|>")) && has("<|flush|>")) {
            endOfGeneration.remove(end)
            vocabulary.attributes[Int(end)] = .userDefined
        }
        if let s = eogTexts["</s>"], has("<|tool_response>") || has("<|plamo:eos|>") {
            endOfGeneration.remove(s)
            vocabulary.attributes[Int(s)] = .normal
        }
    }

    /// The special tokens that swallow the whitespace beside them, which llama.cpp sets by
    /// model name ("Handle per token attributes" in src/llama-vocab.cpp).
    private static func applyStripRules(file: GGUFFile, _ vocabulary: inout Vocabulary) throws {
        let name = (try file.string(GGUFKey.name) ?? "").lowercased()
        let pre = try file.string(GGUFKey.tokenizerPre) ?? ""
        let architecture = try file.string(GGUFKey.architecture) ?? ""
        func set(_ text: String, _ attribute: TokenAttributes, _ on: Bool) {
            guard let id = vocabulary.id(ofText: Array(text.utf8)) else { return }
            if on { vocabulary.attributes[Int(id)].insert(attribute) } else { vocabulary.attributes[Int(id)].remove(attribute) }
        }
        if ["jina-v2-de", "jina-v2-es", "jina-v2-code"].contains(where: pre.contains)
            || ["nomic-bert-moe", "jina-bert-v3"].contains(where: architecture.contains) {
            set("<mask>", .lstrip, true)
        } else if name.contains("phi-3") || name.contains("phi3") {
            for id in vocabulary.attributes.indices where !vocabulary.attributes[id].isDisjoint(with: .special) {
                vocabulary.attributes[id].insert(.rstrip)
            }
            set("</s>", .rstrip, true)
            for text in ["<unk>", "<s>", "<|endoftext|>"] { set(text, .rstrip, false) }
        } else if name.contains("modern-bert") {
            set("[MASK]", .lstrip, true)
        }
    }

    /// Token texts llama.cpp recognises (src/llama-vocab.cpp, "auto-detect special tokens").
    private enum Names {
        static let endOfTurn = ["<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
                                "<|end_of_text|>", "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>",
                                "<end_of_utterance>"]
        static let endOfMessage = ["<|eom_id|>"]
        /// Padding, repository and file-separator tokens also end a generation.
        static let fillInTheMiddle: [(keys: [String], names: [String], endsGeneration: Bool)] = [
            ([GGUFKey.FIM.prefix, GGUFKey.FIM.legacyPrefix], ["<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>",
                                                    "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>"], false),
            ([GGUFKey.FIM.suffix, GGUFKey.FIM.legacySuffix], ["<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>",
                                                    "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>"], false),
            ([GGUFKey.FIM.middle, GGUFKey.FIM.legacyMiddle], ["<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>",
                                                    "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>"], false),
            ([GGUFKey.FIM.padding], ["<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"], true),
            ([GGUFKey.FIM.repository], ["<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"], true),
            ([GGUFKey.FIM.fileSeparator], ["<|file_sep|>"], true),
        ]
        static let endOfGeneration = ["<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>",
                                      "<|calls|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>",
                                      "_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>", "<end_of_utterance>", "<eos>",
                                      "<turn|>", "<|tool_response>", "<｜end▁of▁sentence｜>", "[e~["]
        /// gpt-oss markers llama.cpp always shows.
        static let alwaysRendered = ["<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"]
    }
}
