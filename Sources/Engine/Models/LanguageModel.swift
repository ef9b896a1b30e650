import Foundation

/// Errors while running a model.
public enum InferenceError: Error, CustomStringConvertible, Equatable {
    case contextFull(needed: Int, capacity: Int)
    case tokenOutOfRange(Int32, vocabularySize: Int)
    case emptyInput
    case nonFiniteLogits(position: Int, token: Int32)

    public var description: String {
        switch self {
        case let .contextFull(needed, capacity):
            return "the text needs \(needed) tokens of context but the context holds \(capacity) (raise -c, up to the model's limit)"
        case let .tokenOutOfRange(id, size): return "token id \(id) is outside the vocabulary (0..<\(size))"
        case .emptyInput: return "nothing to evaluate: the prompt is empty"
        case let .nonFiniteLogits(position, token):
            return "the model computed a non-finite score (NaN or infinity) for token \(token) at position \(position): its weights are damaged"
        }
    }
}

/// A causal language model with a KV cache indexed by position. Evaluating tokens at a
/// position overwrites the cache from there on, so going back (branching) costs nothing.
public protocol LanguageModel: AnyObject {
    var vocabularySize: Int { get }
    /// Positions the KV cache holds.
    var contextLength: Int { get }
    /// The model's trained context length.
    var trainedContextLength: Int { get }
    /// Runs `tokens` at positions `position ..< position + tokens.count` and returns the
    /// logits after the last one (valid until the next call).
    func evaluate(_ tokens: [Int32], at position: Int) throws -> UnsafeBufferPointer<Float>
    /// Runs `tokens` like `evaluate` and hands `body` the logits after each token from index
    /// `first` of `tokens` on, in order (index, logits valid during the call): what perplexity
    /// needs. The other `evaluate` computes the last token's logits only.
    func evaluate(_ tokens: [Int32], at position: Int, logitsFrom first: Int,
                  _ body: (Int, UnsafeBufferPointer<Float>) -> Void) throws
}

/// Options every architecture takes.
public struct ModelOptions: Sendable {
    /// Requested context (KV cache positions); capped by the trained context.
    public var contextLength: Int = 2048
    public var threads: Int = min(8, ProcessInfo.processInfo.activeProcessorCount)
    /// Tokens evaluated per forward pass when processing a prompt (llama.cpp's n_ubatch).
    public var batchSize: Int = 512

    public init(contextLength: Int = 2048, threads: Int = min(8, ProcessInfo.processInfo.activeProcessorCount)) {
        self.contextLength = contextLength
        self.threads = threads
    }
}
