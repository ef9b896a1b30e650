/// A tiny llama model with random weights and a byte-level vocabulary (256 byte tokens plus
/// ChatML's specials), written with `GGUFWriter`. Tests and the offline end-to-end run use it
/// where a real model is not available: it exercises every code path in milliseconds.
public enum TinyLlama {
    public static let specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

    public static func writer(seed: UInt64 = 1, layers: Int = 2, dim: Int = 64, heads: Int = 4, kvHeads: Int = 2,
                              hidden: Int = 128, context: Int = 512) -> GGUFWriter {
        var rng = SeededGenerator(seed: seed)
        var w = GGUFWriter()
        w.set(GGUFKey.architecture, .string("llama"))
        w.set(GGUFKey.name, .string("tiny-random-llama"))
        let keys: [(GGUFKey.Arch, Int)] = [(.contextLength, context), (.embeddingLength, dim), (.feedForwardLength, hidden),
                                           (.blockCount, layers), (.headCount, heads), (.headCountKV, kvHeads)]
        for (key, value) in keys { w.set(GGUFKey.arch("llama", key), .uint32(UInt32(value))) }
        w.set(GGUFKey.arch("llama", .rmsEpsilon), .float32(1e-5))
        w.set(GGUFKey.arch("llama", .ropeFreqBase), .float32(10000))

        let bytes = ByteLevel.scalarForByte.map { GGUFValue.string(String(Unicode.Scalar($0)!)) }
        let tokens = bytes + specials.map { .string($0) }
        w.set(GGUFKey.tokenizerModel, .string("gpt2"))
        w.set(GGUFKey.tokenizerPre, .string("gpt-2"))
        w.set(GGUFKey.tokens, .array(.string, tokens))
        w.set(GGUFKey.tokenTypes, .array(.int32, Array(repeating: .int32(1), count: 256) + specials.map { _ in .int32(3) }))
        w.set(GGUFKey.merges, .array(.string, []))
        w.set(GGUFKey.bosID, .uint32(256))
        w.set(GGUFKey.eosID, .uint32(258))
        w.set(GGUFKey.addBOS, .bool(false))
        let vocab = tokens.count

        func random(_ count: Int, scale: Float) -> [Float] { (0 ..< count).map { _ in (rng.nextUnit() * 2 - 1) * scale } }
        let kvDim = dim / heads * kvHeads
        w.addF32("token_embd.weight", shape: [dim, vocab], random(dim * vocab, scale: 1))
        w.addF32("output_norm.weight", shape: [dim], Array(repeating: 1, count: dim))
        for l in 0 ..< layers {
            let p = "blk.\(l)."
            w.addF32(p + "attn_norm.weight", shape: [dim], Array(repeating: 1, count: dim))
            w.addF32(p + "ffn_norm.weight", shape: [dim], Array(repeating: 1, count: dim))
            w.addF32(p + "attn_q.weight", shape: [dim, dim], random(dim * dim, scale: 0.3))
            w.addF32(p + "attn_k.weight", shape: [dim, kvDim], random(dim * kvDim, scale: 0.3))
            w.addF32(p + "attn_v.weight", shape: [dim, kvDim], random(dim * kvDim, scale: 0.3))
            w.addF32(p + "attn_output.weight", shape: [dim, dim], random(dim * dim, scale: 0.3))
            w.addF32(p + "ffn_gate.weight", shape: [dim, hidden], random(dim * hidden, scale: 0.3))
            w.addF32(p + "ffn_up.weight", shape: [dim, hidden], random(dim * hidden, scale: 0.3))
            w.addF32(p + "ffn_down.weight", shape: [hidden, dim], random(hidden * dim, scale: 0.3))
        }
        return w
    }
}
