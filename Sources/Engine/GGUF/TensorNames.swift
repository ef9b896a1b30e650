/// Language-model tensor names as llama.cpp writes them (its LLM_TENSOR_NAMES), in one table.
public enum TensorName {
    public static let tokenEmbedding = "token_embd.weight"
    public static let outputNorm = "output_norm.weight"
    public static let output = "output.weight"
    /// Llama 3's per-pair rope frequency factors.
    public static let ropeFrequencies = "rope_freqs.weight"

    /// Tensors of one block, `blk.N.NAME.weight` (or `.bias`).
    public enum Block: String, Sendable {
        case attentionNorm = "attn_norm"
        case query = "attn_q", key = "attn_k", value = "attn_v", attentionOutput = "attn_output"
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
