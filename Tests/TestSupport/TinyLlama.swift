import Engine

/// A tiny llama model with random weights and a byte-level vocabulary (256 byte tokens plus
/// ChatML's specials), written with `GGUFWriter`. Tests use it where a real model is not
/// available: it exercises every code path in milliseconds.
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

extension TinyLlama {
    /// A tiny llama whose greedy output is `pieces` in a loop, whatever the prompt: each piece
    /// is a token of its own, and the weights make every token predict the next piece. Tests
    /// use it to make the real generation path emit exact text (escape sequences, say).
    ///
    /// How: attention and feed-forward outputs are zero, so the last hidden state is the
    /// current token's embedding: a unit vector for its place in the loop (0 for any token
    /// outside it). The output row of piece i points at the place of piece i-1, so that place
    /// scores it 8 × 10 = 80 and every other token 0.
    public static func scripted(_ pieces: [String], dim: Int = 64, context: Int = 512) -> GGUFWriter {
        precondition(!pieces.isEmpty && pieces.count < dim && Set(pieces).count == pieces.count, "1 to \(dim - 1) distinct pieces")
        var w = writer(layers: 1, dim: dim, context: context)
        guard case var .array(_, tokens) = w.metadata.first(where: { $0.key == GGUFKey.tokens })!.value,
              case var .array(_, types) = w.metadata.first(where: { $0.key == GGUFKey.tokenTypes })!.value else {
            preconditionFailure("TinyLlama has a vocabulary")
        }
        var ids: [Int] = []  // the token of each piece
        for piece in pieces {
            let text = String(decoding: ByteLevel.encode(Array(piece.utf8)), as: UTF8.self)
            if let id = tokens.firstIndex(of: .string(text)) { ids.append(id); continue }
            ids.append(tokens.count)
            tokens.append(.string(text))
            types.append(.int32(1))
        }
        w.set(GGUFKey.tokens, .array(.string, tokens))
        w.set(GGUFKey.tokenTypes, .array(.int32, types))
        let vocab = tokens.count

        var embedding = [Float](repeating: 0, count: dim * vocab), output = embedding
        for token in 0 ..< vocab { embedding[token * dim] = 1 }  // place 0
        for (i, id) in ids.enumerated() {
            embedding[id * dim] = 0
            embedding[id * dim + i + 1] = 1
            output[id * dim + i] = 10  // follows place i: piece i-1, or place 0 for the first
        }
        output[ids[0] * dim + pieces.count] = 10  // the loop: the first piece follows the last
        w.tensors.removeAll { $0.name == "token_embd.weight" }
        w.addF32("token_embd.weight", shape: [dim, vocab], embedding)
        w.addF32("output.weight", shape: [dim, vocab], output)
        for name in ["blk.0.attn_output.weight", "blk.0.ffn_down.weight"] {
            let i = w.tensors.firstIndex { $0.name == name }!
            w.tensors[i].data = [UInt8](repeating: 0, count: w.tensors[i].data.count)
        }
        return w
    }
}
