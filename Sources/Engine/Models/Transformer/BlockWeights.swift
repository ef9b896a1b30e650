/// Whether an architecture's blocks carry an optional kind of tensor.
enum TensorPresence {
    case absent, optional, required
}

/// The tensors of one self-attention block by llama.cpp's names, and how the block runs them.
/// Biases and per-head Q/K norms are loaded only where the architecture has them.
struct AttentionWeights {
    struct Settings {
        var rope: Rope
        /// How many positions a query sees, itself included (a sliding window); nil: all earlier.
        var window: Int?
        /// The score scale inside the softmax.
        var scale: Float
        /// Multiplies the queries after rope, before attention (Gemma scales Q and attends with
        /// scale 1); nil leaves them.
        var queryScale: Float?

        init(rope: Rope, window: Int? = nil, scale: Float, queryScale: Float? = nil) {
            self.rope = rope
            self.window = window
            self.scale = scale
            self.queryScale = queryScale
        }
    }

    // q = xb·Wqᵀ (n×dim → n×qDim), k, v = xb·Wkᵀ, xb·Wvᵀ (→ n×kvDim), out = attn·Woᵀ (n×qDim → n×dim)
    let query, key, value, output: WeightMatrix
    let queryBias, keyBias, valueBias, outputBias: WeightVector?
    /// RMS norms over each head's headDim values, before rope (Qwen3, Gemma 3).
    let queryNorm, keyNorm: WeightVector?
    let settings: Settings

    /// Q, K and V come from `attn_q`/`attn_k`/`attn_v` or from one fused `attn_qkv` (rows q | k | v),
    /// with optional biases either way, as llama.cpp's `create_tensor_qkv` accepts for every
    /// architecture; the output bias only where the architecture has one.
    init(_ tensors: ModelTensors, layer l: Int, config c: TransformerConfig, headNorms: TensorPresence,
         outputBias: TensorPresence = .absent, settings: Settings) throws {
        func vector(_ name: String, _ count: Int, _ presence: TensorPresence) throws -> WeightVector? {
            try tensors.vector(name, count: count, presence)
        }
        let fused = TensorName.block(l, .queryKeyValue), fusedBias = TensorName.block(l, .queryKeyValue, bias: true)
        // attn_qkv: dim → qDim + 2·kvDim, multiplied as one matrix
        let total = c.qDim + 2 * c.kvDim
        let parts = [0 ..< c.qDim, c.qDim ..< c.qDim + c.kvDim, c.qDim + c.kvDim ..< total]
        if tensors.contains(fused) {
            let m = try parts.map { try tensors.matrix(fused, columns: c.dim, rows: $0, of: total) }
            (query, key, value) = (m[0], m[1], m[2])
        } else {
            query = try tensors.matrix(TensorName.block(l, .query), columns: c.dim, rows: c.qDim)
            key = try tensors.matrix(TensorName.block(l, .key), columns: c.dim, rows: c.kvDim)
            value = try tensors.matrix(TensorName.block(l, .value), columns: c.dim, rows: c.kvDim)
        }
        if tensors.contains(fused), tensors.contains(fusedBias) {
            let b = try parts.map { try tensors.vector(fusedBias, slice: $0, of: total) }
            (queryBias, keyBias, valueBias) = (b[0], b[1], b[2])
        } else {
            queryBias = try vector(TensorName.block(l, .query, bias: true), c.qDim, .optional)
            keyBias = try vector(TensorName.block(l, .key, bias: true), c.kvDim, .optional)
            valueBias = try vector(TensorName.block(l, .value, bias: true), c.kvDim, .optional)
        }
        output = try tensors.matrix(TensorName.block(l, .attentionOutput), columns: c.qDim, rows: c.dim)
        self.outputBias = try vector(TensorName.block(l, .attentionOutput, bias: true), c.dim, outputBias)
        queryNorm = try vector(TensorName.block(l, .queryNorm), c.headDim, headNorms)
        keyNorm = try vector(TensorName.block(l, .keyNorm), c.headDim, headNorms)
        self.settings = settings
    }
}

/// A gated feed-forward block: down(act(xb·Wgateᵀ) * xb·Wupᵀ)  (n×dim → n×hidden → n×dim).
struct FeedForwardWeights {
    enum Activation {
        /// SwiGLU (llama, Qwen, Phi-3).
        case silu
        /// GELU in its tanh form (Gemma).
        case geluTanh
    }

    let gate, up, down: WeightMatrix
    let activation: Activation

    /// `fusedGateUp`: `ffn_up` holds both halves (2·hidden rows: gate, then up) and there is no
    /// `ffn_gate` (Phi-3); it is multiplied as one matrix.
    init(_ tensors: ModelTensors, layer l: Int, config c: TransformerConfig, activation: Activation, fusedGateUp: Bool = false) throws {
        let upName = TensorName.block(l, .up), hidden = c.hiddenDim
        if fusedGateUp {
            gate = try tensors.matrix(upName, columns: c.dim, rows: 0 ..< hidden, of: 2 * hidden)
            up = try tensors.matrix(upName, columns: c.dim, rows: hidden ..< 2 * hidden, of: 2 * hidden)
        } else {
            gate = try tensors.matrix(TensorName.block(l, .gate), columns: c.dim, rows: hidden)
            up = try tensors.matrix(upName, columns: c.dim, rows: hidden)
        }
        down = try tensors.matrix(TensorName.block(l, .down), columns: hidden, rows: c.dim)
        self.activation = activation
    }
}

/// The token embedding, the final norm and the output projection, which falls back to the
/// embedding (tied weights) when `output.weight` is absent. Load it after the blocks: the
/// matrices are repacked in the order they were looked up.
struct OutputHead {
    let embedding: WeightMatrix
    let norm: WeightVector
    let output: WeightMatrix
    /// Added to the logits (`output.bias`, Qwen2's optional one).
    let bias: WeightVector?

    init(_ tensors: ModelTensors, config c: TransformerConfig, bias: TensorPresence = .absent) throws {
        embedding = try tensors.table(TensorName.tokenEmbedding, columns: c.dim, rows: c.vocabularySize)
        norm = try tensors.vector(TensorName.outputNorm, count: c.dim)
        output = try tensors.optionalMatrix(TensorName.output, columns: c.dim, rows: c.vocabularySize)
            ?? tensors.multiplied(embedding)
        self.bias = try tensors.vector(TensorName.outputBias, count: c.vocabularySize, bias)
    }
}
