import Foundation

/// Rotary position embedding with ggml's arithmetic, in both GGUF layouts: "normal" rotates
/// adjacent pairs (x[2i], x[2i+1]) — converters permute llama's Q/K weights for it — and NEOX
/// rotates x[i] with x[i + dims/2] (Qwen, Gemma, Phi-3). Pair i turns by
/// scale · pos · base^(-2i/dims) / factor[i]: `frequencyScale` is 1/factor of linear rope
/// scaling, and `factors` are Llama 3's per-pair `rope_freqs.weight` (or Phi-3's LongRoPE
/// factors); cos and sin are multiplied by `attentionFactor` (ggml's mscale).
struct Rope: Equatable {
    enum Layout: Equatable {
        case normal, neox
    }

    let dimensions: Int
    let layout: Layout
    let thetaScale: Float
    let frequencyScale: Float
    let factors: [Float]?
    let attentionFactor: Float

    init(dimensions: Int, base: Float, layout: Layout = .normal, frequencyScale: Float = 1, factors: [Float]? = nil,
         attentionFactor: Float = 1) {
        precondition(factors.map { $0.count == dimensions / 2 } ?? true, "one factor per rotated pair")
        self.dimensions = dimensions
        self.layout = layout
        thetaScale = powf(base, -2.0 / Float(dimensions))
        self.frequencyScale = frequencyScale
        self.factors = factors
        self.attentionFactor = attentionFactor
    }

    /// The rope of a model's hyper-parameters: its dimensions, base and scaling.
    init(_ c: TransformerConfig, layout: Layout, factors: [Float]? = nil) {
        self.init(dimensions: c.ropeDimensions, base: c.ropeBase, layout: layout, frequencyScale: c.ropeFrequencyScale,
                  factors: factors, attentionFactor: c.ropeAttentionFactor)
    }

    /// cos/sin pairs for one position, as ggml builds its cache: theta multiplied step by step.
    func fillTable(position: Int, into table: UnsafeMutablePointer<Float>) {
        var theta = Float(position)
        for i in stride(from: 0, to: dimensions, by: 2) {
            let angle = frequencyScale * (theta / (factors?[i / 2] ?? 1))
            table[i] = cosf(angle) * attentionFactor
            table[i + 1] = sinf(angle) * attentionFactor
            theta *= thetaScale
        }
    }

    /// Rotates the first `dimensions` values of each of `heads` vectors of length `headDim`.
    /// The fused multiply-adds reproduce the reference build's contraction of x0·cos − x1·sin.
    func apply(_ x: UnsafeMutablePointer<Float>, heads: Int, headDim: Int, table: UnsafePointer<Float>) {
        // Normal: the pair of element 2i is 2i+1; NEOX: the pair of element i is i + dims/2.
        let (step, partner) = layout == .normal ? (2, 1) : (1, dimensions / 2)
        for h in 0 ..< heads {
            let v = x + h * headDim
            for p in 0 ..< dimensions / 2 {
                let i = p * step, c = table[2 * p], s = table[2 * p + 1]
                let x0 = v[i], x1 = v[i + partner]
                v[i] = (-(x1 * s)).addingProduct(x0, c)
                v[i + partner] = (x1 * c).addingProduct(x0, s)
            }
        }
    }
}
