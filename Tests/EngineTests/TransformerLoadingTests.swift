import Foundation
import Testing
@testable import Engine
import TestSupport

/// The architecture registry and by-name tensor lookups, on tiny random llamas: optional
/// tensors change the output when present and are checked when misshapen; required ones are
/// named when missing.
@Suite struct TransformerLoadingTests {
    static let prompt: [Int32] = [72, 101, 108, 108, 111, 44, 32, 119]

    static func logits(_ writer: GGUFWriter, _ tokens: [Int32] = prompt) throws -> [Float] {
        let model = try ModelRegistry.load(try writer.mapped("arch"), options: ModelOptions(contextLength: 64, threads: 2))
        return Array(try model.evaluate(tokens, at: 0))
    }

    static func adding(_ name: String, shape: [Int], _ value: (Int) -> Float, to base: GGUFWriter = TinyLlama.writer()) -> GGUFWriter {
        var w = base
        w.addF32(name, shape: shape, (0 ..< shape.reduce(1, *)).map(value))
        return w
    }

    static func error(loading writer: GGUFWriter) -> String {
        do {
            _ = try logits(writer)
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    @Test func theRegistryKnowsWhatItRunsAndWhatItDoesNot() throws {
        #expect(ModelRegistry.architectures == ["gemma3", "llama", "phi3", "qwen2", "qwen3"])
        #expect(ModelRegistry.supports("llama") && ModelRegistry.supports("qwen3") && !ModelRegistry.supports("gemma2"))
        #expect(ModelRegistry.unsupportedReason("llama") == nil)
        #expect(ModelRegistry.unsupportedReason("gemma2") == "Gemma 2: needs the gemma2 architecture")
        #expect(ModelRegistry.unsupportedReason("rwkv9") == "needs the rwkv9 architecture")
        var w = TinyLlama.writer()
        w.set(GGUFKey.architecture, .string("gemma2"))
        #expect(Self.error(loading: w) == "unsupported architecture 'gemma2' (supported: gemma3, llama, phi3, qwen2, qwen3)")
    }

    @Test func optionalBiasesAreUsedWhenPresent() throws {
        let base = try Self.logits(TinyLlama.writer())
        let zero = Self.adding("blk.0.attn_q.bias", shape: [64], { _ in 0 })
        #expect(try Self.logits(zero) == base)
        for name in ["blk.0.attn_q.bias", "blk.1.attn_k.bias", "blk.0.attn_v.bias", "blk.1.attn_output.bias"] {
            let count = name.contains("attn_k") || name.contains("attn_v") ? 32 : 64
            let biased = Self.adding(name, shape: [count], { Float($0 % 5) * 0.1 })
            #expect(try Self.logits(biased) != base, "\(name) changes the output")
        }
    }

    @Test func optionalTensorsAreCheckedWhenPresent() {
        let misshapen = Self.adding("blk.1.attn_v.bias", shape: [64], { _ in 0 })
        #expect(Self.error(loading: misshapen) == "tensor 'blk.1.attn_v.bias' has shape [64], expected [32]")
        var missing = TinyLlama.writer()
        missing.tensors.removeAll { $0.name == "blk.1.ffn_gate.weight" }
        #expect(Self.error(loading: missing) == "required tensor 'blk.1.ffn_gate.weight' is missing")
    }

    /// Without output.weight the head reuses the embedding (tied); with one it is used.
    @Test func theOutputHeadIsTiedUnlessTheFileHasOne() throws {
        let tied = TinyLlama.writer()
        let embedding = tied.tensors.first { $0.name == "token_embd.weight" }!
        var copy = tied
        copy.tensors.append(.init(name: "output.weight", type: .f32, shape: embedding.shape, data: embedding.data))
        #expect(try Self.logits(copy) == (try Self.logits(tied)))
        let other = Self.adding("output.weight", shape: embedding.shape, { Float($0 % 7) * 0.01 })
        #expect(try Self.logits(other) != (try Self.logits(tied)))
    }

    @Test func ropeFrequencyFactorsApplyAsLlama3Stores() throws {
        let base = try Self.logits(TinyLlama.writer())
        #expect(try Self.logits(Self.adding("rope_freqs.weight", shape: [8], { _ in 1 })) == base)
        #expect(try Self.logits(Self.adding("rope_freqs.weight", shape: [8], { Float($0 + 1) })) != base)
        #expect(Self.error(loading: Self.adding("rope_freqs.weight", shape: [16], { _ in 1 }))
            == "tensor 'rope_freqs.weight' has shape [16], expected [8]")
    }

    @Test func ropeScalingIsLinearOrRefused() throws {
        var linear = TinyLlama.writer()
        linear.set("llama.rope.scaling.type", .string("linear"))
        linear.set("llama.rope.scaling.factor", .float32(4))
        #expect(try Self.logits(linear) != (try Self.logits(TinyLlama.writer())))
        var yarn = TinyLlama.writer()
        yarn.set("llama.rope.scaling.type", .string("yarn"))
        #expect(Self.error(loading: yarn) == "metadata 'llama.rope.scaling.type' = yarn is not supported yet")
    }

    /// A prompt in one pass and token by token leave the same logits (the cache, rope positions
    /// and the last block's single row agree), within rounding: llama.cpp multiplies a batch of
    /// float weights with tinyBLAS, which sums in another order than its one-row dot.
    @Test func onePassAndTokenByTokenAgree() throws {
        let file = try TinyLlama.writer().mapped("passes")
        let a = try ModelRegistry.load(file, options: ModelOptions(contextLength: 64, threads: 2))
        let b = try ModelRegistry.load(file, options: ModelOptions(contextLength: 64, threads: 2))
        let whole = Array(try a.evaluate(Self.prompt, at: 0))
        var last: [Float] = []
        for (i, token) in Self.prompt.enumerated() { last = Array(try b.evaluate([token], at: i)) }
        #expect(whole.count == last.count && zip(whole, last).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
    }
}
