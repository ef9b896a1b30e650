/// One candidate of a sampling step, for the token view.
public struct TokenAlternative: Sendable, Equatable {
    public let id: Int32
    /// The token's text (lossy for tokens that are only part of a UTF-8 character).
    public let text: String
    public let probability: Float
    /// Choosing this token ends the reply (EOS, EOT, <|im_end|>).
    public let isEndOfGeneration: Bool

    public init(id: Int32, text: String, probability: Float, isEndOfGeneration: Bool = false) {
        self.id = id
        self.text = text
        self.probability = probability
        self.isEndOfGeneration = isEndOfGeneration
    }
}

/// What a token stream yields for each sampled token.
public struct GeneratedToken: Sendable, Equatable {
    public let id: Int32
    /// Text completed by this token: never half a UTF-8 character, so it may be empty while a
    /// multi-byte character is still being assembled and longer than the token afterwards.
    public let text: String
    /// Probability of the chosen token after the sampler chain's filtering and temperature
    /// (for greedy decoding, the softmax of the raw logits).
    public let probability: Float
    /// The step's most likely tokens, best first (the chosen one among them when it ranks).
    public let alternatives: [TokenAlternative]
    /// True for end-of-generation tokens (EOS, EOT, <|im_end|>): the stream ends after it.
    public let isEndOfGeneration: Bool

    public init(id: Int32, text: String, probability: Float, alternatives: [TokenAlternative], isEndOfGeneration: Bool) {
        self.id = id
        self.text = text
        self.probability = probability
        self.alternatives = alternatives
        self.isEndOfGeneration = isEndOfGeneration
    }
}
