import Engine
import Foundation

/// Small random-weight models of the registered architectures over real vocabularies (llama.cpp's
/// `models/ggml-vocab-NAME.gguf`), written by genplay's `GGUFWriter` from a seeded generator: the
/// same bytes every time, so what llama.cpp computed on them (Fixtures/llama/make_fixtures.sh
/// random-NAME) holds for the file a test writes. Each exercises what its family has beyond
/// llama's blocks; the output is scaled so that logits spread over several units and greedy
/// choices are rarely near-ties.
public enum RandomModel: String, CaseIterable, Sendable {
    /// llama with Llama 3's `rope_freqs` factors and a separate output, llama-bpe vocabulary; F16.
    case llama3
    /// qwen2 with Q/K/V biases and a separate output with its bias, qwen2 vocabulary; F32 blocks.
    /// (A tied head over random embeddings repeats the last token: SmolLM2 and Gemma 3 test ties.)
    case qwen2
    /// qwen3 with per-head Q/K norms and heads of 128 over dim 256, qwen2 vocabulary; F16.
    case qwen3
    /// phi3 with fused `attn_qkv` and `ffn_up`, LongRoPE factors and attention factor, phi-3
    /// (SentencePiece) vocabulary; F32.
    case phi3

    public var architecture: String { self == .llama3 ? "llama" : rawValue }
    public var vocabulary: String {
        switch self {
        case .llama3: return "llama-bpe"
        case .qwen2, .qwen3: return "qwen2"
        case .phi3: return "phi-3"
        }
    }
    public var fileName: String { "random-\(rawValue).gguf" }

    public static let dim = 256, layers = 2, heads = 4, kvHeads = 2, hidden = 768, trainedContext = 4096
    /// Phi-3's original context: the tests' 2048 positions are beyond it (long factors).
    public static let originalContext = 1024

    /// The model over the tokenizer metadata of `vocabulary` (a GGUF holding `tokenizer.*` keys).
    public func writer(vocabulary: GGUFFile) -> GGUFWriter {
        var rng = SeededGenerator(seed: 0x6765_6E70 &+ UInt64(Self.allCases.firstIndex(of: self)!))
        func uniform(_ count: Int, _ low: Float, _ high: Float) -> [Float] {
            (0 ..< count).map { _ in low + (high - low) * rng.nextUnit() }
        }
        var w = GGUFWriter()
        let arch = architecture, d = Self.dim, headDim = self == .qwen3 ? 128 : d / Self.heads
        let qDim = Self.heads * headDim, kvDim = Self.kvHeads * headDim, hidden = Self.hidden
        w.set(GGUFKey.architecture, .string(arch))
        w.set(GGUFKey.name, .string("genplay random \(rawValue)"))
        for (key, value) in vocabulary.metadata where key.hasPrefix("tokenizer.") { w.set(key, value) }
        let vocab = vocabulary[GGUFKey.tokens]?.array?.count ?? 0
        let sizes: [(GGUFKey.Arch, Int)] = [(.contextLength, Self.trainedContext), (.embeddingLength, d),
                                            (.feedForwardLength, hidden), (.blockCount, Self.layers),
                                            (.headCount, Self.heads), (.headCountKV, Self.kvHeads)]
        for (key, value) in sizes { w.set(GGUFKey.arch(arch, key), .uint32(UInt32(value))) }
        if self == .qwen3 {
            w.set(GGUFKey.arch(arch, .keyLength), .uint32(UInt32(headDim)))
            w.set(GGUFKey.arch(arch, .valueLength), .uint32(UInt32(headDim)))
        }
        w.set(GGUFKey.arch(arch, .rmsEpsilon), .float32(1e-6))
        w.set(GGUFKey.arch(arch, .ropeFreqBase), .float32(self == .llama3 ? 500_000 : 1_000_000))
        if self == .phi3 {
            w.set(GGUFKey.arch(arch, .ropeScalingAttentionFactor), .float32(1.190_238))
            w.set(GGUFKey.arch(arch, .ropeScalingOriginalContext), .uint32(UInt32(Self.originalContext)))
        }

        let f32 = self == .qwen2 || self == .phi3
        func matrix(_ name: String, columns: Int, rows: Int, scale: Float) {
            let values = uniform(columns * rows, -scale, scale)
            if f32 { w.addF32(name, shape: [columns, rows], values) } else { w.addF16(name, shape: [columns, rows], values) }
        }
        let scale = 1.7 / Float(d).squareRoot()   // keeps activations near unit size
        if self == .phi3 { w.addF32("token_embd.weight", shape: [d, vocab], uniform(d * vocab, -1, 1)) }
        else { w.addF16("token_embd.weight", shape: [d, vocab], uniform(d * vocab, -1, 1)) }
        w.addF32("output_norm.weight", shape: [d], uniform(d, 0.5, 1.5))
        switch self {
        case .llama3:
            matrix("output.weight", columns: d, rows: vocab, scale: 1)
            // Llama 3's shape: high frequencies kept, low ones slowed down by up to 8.
            w.addF32("rope_freqs.weight", shape: [headDim / 2], (0 ..< headDim / 2).map { 1 + 7 * Float($0) / Float(headDim / 2 - 1) })
        case .qwen2:
            matrix("output.weight", columns: d, rows: vocab, scale: 1)
            w.addF32("output.bias", shape: [vocab], uniform(vocab, -0.5, 0.5))
        case .phi3:
            matrix("output.weight", columns: d, rows: vocab, scale: 1)
            w.addF32("rope_factors_long.weight", shape: [headDim / 2], uniform(headDim / 2, 1, 6))
            w.addF32("rope_factors_short.weight", shape: [headDim / 2], uniform(headDim / 2, 1, 1.5))
        case .qwen3:
            matrix("output.weight", columns: d, rows: vocab, scale: 1)
        }
        for l in 0 ..< Self.layers {
            let p = "blk.\(l)."
            w.addF32(p + "attn_norm.weight", shape: [d], uniform(d, 0.5, 1.5))
            w.addF32(p + "ffn_norm.weight", shape: [d], uniform(d, 0.5, 1.5))
            if self == .phi3 {
                matrix(p + "attn_qkv.weight", columns: d, rows: qDim + 2 * kvDim, scale: scale)
                matrix(p + "ffn_up.weight", columns: d, rows: 2 * hidden, scale: scale)
            } else {
                matrix(p + "attn_q.weight", columns: d, rows: qDim, scale: scale)
                matrix(p + "attn_k.weight", columns: d, rows: kvDim, scale: scale)
                matrix(p + "attn_v.weight", columns: d, rows: kvDim, scale: scale)
                matrix(p + "ffn_gate.weight", columns: d, rows: hidden, scale: scale)
                matrix(p + "ffn_up.weight", columns: d, rows: hidden, scale: scale)
            }
            matrix(p + "attn_output.weight", columns: qDim, rows: d, scale: 1.7 / Float(qDim).squareRoot())
            matrix(p + "ffn_down.weight", columns: hidden, rows: d, scale: 1.7 / Float(hidden).squareRoot())
            if self == .qwen2 {
                for (name, count) in [("attn_q", qDim), ("attn_k", kvDim), ("attn_v", kvDim)] {
                    w.addF32(p + name + ".bias", shape: [count], uniform(count, -0.5, 0.5))
                }
            }
            if self == .qwen3 {
                w.addF32(p + "attn_q_norm.weight", shape: [headDim], uniform(headDim, 0.5, 1.5))
                w.addF32(p + "attn_k_norm.weight", shape: [headDim], uniform(headDim, 0.5, 1.5))
            }
        }
        return w
    }

    /// Writes the model into `directory` (as `fileName`) over llama.cpp's vocabulary file in
    /// `vocabularies` and returns its path.
    @discardableResult
    public func write(into directory: String, vocabularies: String) throws -> String {
        let vocabulary = try GGUFFile(path: vocabularies + "/ggml-vocab-\(self.vocabulary).gguf")
        let path = directory + "/" + fileName
        try writer(vocabulary: vocabulary).write(to: path)
        return path
    }
}
