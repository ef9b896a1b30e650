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

    init(_ tensors: ModelTensors, layer l: Int, config c: TransformerConfig, biases: TensorPresence,
         headNorms: TensorPresence, settings: Settings) throws {
        func matrix(_ t: TensorName.Block, _ columns: Int, _ rows: Int) throws -> WeightMatrix {
            try tensors.matrix(TensorName.block(l, t), columns: columns, rows: rows)
        }
        func vector(_ name: String, _ count: Int, _ presence: TensorPresence) throws -> WeightVector? {
            switch presence {
            case .absent: return nil
            case .optional: return try tensors.optionalVector(name, count: count)
            case .required: return try tensors.vector(name, count: count)
            }
        }
        query = try matrix(.query, c.dim, c.qDim)
        key = try matrix(.key, c.dim, c.kvDim)
        value = try matrix(.value, c.dim, c.kvDim)
        output = try matrix(.attentionOutput, c.qDim, c.dim)
        queryBias = try vector(TensorName.block(l, .query, bias: true), c.qDim, biases)
        keyBias = try vector(TensorName.block(l, .key, bias: true), c.kvDim, biases)
        valueBias = try vector(TensorName.block(l, .value, bias: true), c.kvDim, biases)
        outputBias = try vector(TensorName.block(l, .attentionOutput, bias: true), c.dim, biases)
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

    init(_ tensors: ModelTensors, layer l: Int, config c: TransformerConfig, activation: Activation) throws {
        gate = try tensors.matrix(TensorName.block(l, .gate), columns: c.dim, rows: c.hiddenDim)
        up = try tensors.matrix(TensorName.block(l, .up), columns: c.dim, rows: c.hiddenDim)
        down = try tensors.matrix(TensorName.block(l, .down), columns: c.hiddenDim, rows: c.dim)
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

    init(_ tensors: ModelTensors, config c: TransformerConfig) throws {
        embedding = try tensors.table(TensorName.tokenEmbedding, columns: c.dim, rows: c.vocabularySize)
        norm = try tensors.vector(TensorName.outputNorm, count: c.dim)
        output = try tensors.optionalMatrix(TensorName.output, columns: c.dim, rows: c.vocabularySize)
            ?? tensors.multiplied(embedding)
    }
}
