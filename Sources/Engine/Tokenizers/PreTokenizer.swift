/// How a vocabulary cuts text into words before BPE (`tokenizer.ggml.pre`): a list of steps,
/// each applied to every piece the previous step produced, as llama.cpp applies its list of
/// regexes in turn. A piece never grows back together: with `smollm` the digits are cut out
/// first, so in "a 1" the space cannot join the digit the way GPT-2's ` ?\p{N}+` would.
struct PreTokenizer: Sendable {
    enum Step: Sendable {
        /// GPT-2's pattern (`WordSplitters.swift`).
        case gpt2
        /// Llama 3's pattern, and Qwen's variants of it.
        case llama3(maxDigits: Int, marksJoinLetters: Bool)
        /// A simple `P?C{min,max}` pattern whose matches are cut out.
        case run(ClassRun)
    }

    let steps: [Step]
    /// A word that is itself a token is taken whole, without merging (Llama 3).
    var ignoresMerges = false
    /// Whether the vocabulary adds a BOS token when the metadata does not say.
    var addsBOSByDefault = false

    /// The pieces of `text`, as scalar ranges in order.
    func split(_ text: ScalarText) -> [Range<Int>] {
        var pieces = text.count > 0 ? [0 ..< text.count] : []
        for step in steps {
            var out = PieceCollector()
            for piece in pieces {
                switch step {
                case .gpt2: text.splitGPT2(piece, into: &out)
                case let .llama3(maxDigits, marks): text.splitLlama3(piece, maxDigits: maxDigits, marksJoinLetters: marks, into: &out)
                case let .run(run): text.split(piece, by: run, into: &out)
                }
            }
            pieces = out.pieces
        }
        return pieces
    }
}

extension PreTokenizer {
    /// The pre-tokenizer llama.cpp uses for a `tokenizer.ggml.pre` value; an empty name means
    /// llama.cpp's default.
    static func named(_ pre: String) throws(TokenizerError) -> PreTokenizer {
        guard let preTokenizer = known[pre.isEmpty ? "default" : pre] else { throw .unsupportedPreTokenizer(pre) }
        return preTokenizer
    }

    /// Names of the supported pre types.
    static var supportedNames: [String] { known.keys.sorted() }

    private static let known: [String: PreTokenizer] = {
        let gpt2 = PreTokenizer(steps: [.gpt2])
        let smollm = PreTokenizer(steps: [.run(ClassRun(number, max: 1)), .gpt2])
        let llama3 = PreTokenizer(steps: [.llama3(maxDigits: 3, marksJoinLetters: false)])
        let qwen2 = PreTokenizer(steps: [.llama3(maxDigits: 1, marksJoinLetters: false)])
        let whitespace = ScalarSet(classes: .whitespace)
        // CJK ideographs, U+0800-U+4E00 (sic) and Hangul, as DeepSeek's tokenizer.json lists them.
        let cjk = ScalarSet(ranges: [0x4E00 ... 0x9FA5, 0x0800 ... 0x4E00, 0xAC00 ... 0xD7FF])
        let families: [([String], PreTokenizer)] = [
            (["default"], PreTokenizer(steps: [.run(ClassRun(punctuationAnd("$+<=>^~|"))), .gpt2,
                                               .run(ClassRun(number)), .run(threeDigits)])),
            (["gpt-2", "phi-2", "mpt", "olmo", "jais", "trillion", "granite-docling", "exaone4", "jina-es", "jina-de",
              "jina-v2-es", "jina-v2-de", "gigachat", "a.x-4.0", "mellum", "modern-bert"], gpt2),
            (["smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva-7b", "mellum2"], smollm),
            (["llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano"],
             PreTokenizer(steps: llama3.steps, ignoresMerges: true, addsBOSByDefault: true)),
            (["dbrx", "smaug-bpe"], llama3),
            (["qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "megrez", "stablelm2", "hunyuan", "solar-open", "grok-2"],
             qwen2),
            (["qwen35"], PreTokenizer(steps: [.llama3(maxDigits: 1, marksJoinLetters: true)])),
            (["falcon"], PreTokenizer(steps: [.run(ClassRun(punctuationAnd("$+<=>^~|`"))), .gpt2, .run(threeDigits)])),
            (["deepseek-coder"], PreTokenizer(steps: [
                .run(ClassRun(ScalarSet(ranges: [0x0A ... 0x0A, 0x0D ... 0x0D]), max: 1)),
                .run(ClassRun(prefix: whitespace, ScalarSet(classes: .letter))),
                .run(ClassRun(prefix: whitespace, ScalarSet(classes: .punctuation))),
                .run(ClassRun(cjk)),
                .run(ClassRun(number, max: 1)),
            ])),
        ]
        var table: [String: PreTokenizer] = [:]
        for (names, preTokenizer) in families {
            for name in names { table[name] = preTokenizer }
        }
        return table
    }()

    private static let number = ScalarSet(classes: .number)
    private static let threeDigits = ClassRun(ScalarSet(ranges: [0x30 ... 0x39]), min: 3, max: 3)

    /// `[\p{P}...]`: punctuation and some ASCII symbols.
    private static func punctuationAnd(_ ascii: String) -> ScalarSet {
        ScalarSet(classes: .punctuation, ranges: ascii.unicodeScalars.map { $0.value ... $0.value })
    }
}
