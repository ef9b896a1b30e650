import Foundation

/// Perplexity of a text under a language model, computed as llama.cpp's `llama-perplexity`
/// computes it (tools/perplexity/perplexity.cpp): the whole text tokenized with BOS when the
/// vocabulary adds one; cut into chunks of `context` tokens (the tail that fills no chunk is
/// left out); each chunk evaluated from an empty cache with its first token replaced by BOS
/// (when the vocabulary adds one); only the second half of each chunk scored: the
/// negative log-likelihood of token j + 1 given the logits after token j, for j from
/// context/2 to context − 2. PPL = exp(mean NLL), with the standard error of that mean
/// carried through exp as llama.cpp reports it.
public struct Perplexity: Sendable {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case tooShort(tokens: Int, context: Int)
        public var description: String {
            switch self {
            case let .tooShort(tokens, context):
                return "the text tokenizes to \(tokens) tokens; perplexity with a context of \(context) needs at least \(2 * context)"
            }
        }
    }

    /// Chunks scored so far and the perplexity over them.
    public struct Progress: Sendable {
        public let chunk, chunks: Int
        public let perplexity: Double
        public let seconds: Double
    }

    public let context: Int
    public let tokens: [Int32]
    /// The token each chunk starts with in place of its first: BOS, when the vocabulary adds it.
    private let bos: Int32?
    /// Bytes each token stands for, for bits per byte.
    private let tokenBytes: [Int32: Int]

    public var chunks: Int { tokens.count / context }

    public init(text: String, tokenizer: any Tokenizer, context: Int) throws {
        precondition(context >= 2)
        tokens = tokenizer.encode(text, addSpecial: true, parseSpecial: false)
        guard tokens.count >= 2 * context else { throw Failure.tooShort(tokens: tokens.count, context: context) }
        self.context = context
        bos = tokenizer.addsBOS ? tokenizer.bos : nil
        var bytes: [Int32: Int] = [:]
        for t in tokens where bytes[t] == nil { bytes[t] = tokenizer.tokenBytes(t, renderSpecial: false).count }
        tokenBytes = bytes
    }

    public struct Result: Sendable, Equatable {
        public let perplexity: Double
        /// The standard error of the mean NLL, through exp: llama.cpp's "± Y".
        public let error: Double
        public let scoredTokens: Int
        /// Σ NLL (nats) over the scored tokens and the bytes they stand for.
        public let totalNLL: Double
        public let scoredBytes: Int
        public var bitsPerByte: Double { totalNLL / log(2) / Double(max(1, scoredBytes)) }
        /// Per chunk: the perplexity over the chunks up to it (llama.cpp's `[i]PPL` list).
        public let running: [Double]
    }

    /// Evaluates every chunk; `progress` is told after each.
    public func run(_ model: LanguageModel, progress: (Progress) -> Void = { _ in }) throws -> Result {
        let first = context / 2
        var nll = 0.0, nll2 = 0.0, count = 0, bytes = 0, running: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        for chunk in 0 ..< chunks {
            var input = Array(tokens[chunk * context ..< (chunk + 1) * context])
            if let bos { input[0] = bos }
            try model.evaluate(input, at: 0, logitsFrom: first) { j, logits in
                guard j < context - 1 else { return }
                let target = input[j + 1]  // the original token: only the first was replaced
                let v = -Self.logSoftmax(logits, Int(target))
                nll += v
                nll2 += v * v
                bytes += tokenBytes[target] ?? 0
            }
            count += context - 1 - first
            running.append(exp(nll / Double(count)))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            progress(Progress(chunk: chunk + 1, chunks: chunks, perplexity: running.last!, seconds: seconds))
        }
        let mean = nll / Double(count), ppl = exp(mean)
        let variance = nll2 / Double(count) - mean * mean
        let error = variance > 0 && count > 1 ? (variance / Double(count - 1)).squareRoot() * ppl : 0
        return Result(perplexity: ppl, error: error, scoredTokens: count, totalNLL: nll, scoredBytes: bytes, running: running)
    }

    /// log softmax(logits)[token], as llama-perplexity computes it (float max and exps, double sum).
    static func logSoftmax(_ logits: UnsafeBufferPointer<Float>, _ token: Int) -> Double {
        var maxLogit = logits[0]
        for x in logits where x > maxLogit { maxLogit = x }
        var sum = 0.0
        for x in logits { sum += Double(expf(x - maxLogit)) }
        return Double(logits[token] - maxLogit) - log(sum)
    }
}
