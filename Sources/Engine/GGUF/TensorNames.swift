/// Language-model tensor names as llama.cpp writes them (its LLM_TENSOR_NAMES), in one table.
public enum TensorName {
    public static let tokenEmbedding = "token_embd.weight"
    public static let outputNorm = "output_norm.weight"
    public static let output = "output.weight"
    public static let outputBias = "output.bias"
    /// Llama 3's per-pair rope frequency factors.
    public static let ropeFrequencies = "rope_freqs.weight"
    /// LongRoPE's (Phi-3's) factors for contexts beyond the original training context, and within it.
    public static let ropeFactorsLong = "rope_factors_long.weight"
    public static let ropeFactorsShort = "rope_factors_short.weight"

    /// Tensors of one block, `blk.N.NAME.weight` (or `.bias`).
    public enum Block: String, Sendable {
        case attentionNorm = "attn_norm"
        case query = "attn_q", key = "attn_k", value = "attn_v", attentionOutput = "attn_output"
        /// Q, K and V in one matrix (Phi-3; any architecture may have it).
        case queryKeyValue = "attn_qkv"
        case queryNorm = "attn_q_norm", keyNorm = "attn_k_norm"
        case attentionPostNorm = "post_attention_norm"
        case feedForwardNorm = "ffn_norm"
        case gate = "ffn_gate", up = "ffn_up", down = "ffn_down"
        case feedForwardPostNorm = "post_ffw_norm"
    }

    public static func block(_ layer: Int, _ tensor: Block, bias: Bool = false) -> String {
        "blk.\(layer).\(tensor.rawValue).\(bias ? "bias" : "weight")"
    }
}
