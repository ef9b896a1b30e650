import Foundation
import Testing
@testable import Engine

/// The malformed-file corpus (Fixtures/malformed, written by make_corpus.py): each file is the
/// tiny valid model broken in one way, loaded the way genplay loads a model (container, then
/// tokenizer and model). Each must fail with exactly the message below, naming what is wrong
/// and where.
///
/// Memory, by construction: a file cannot make the reader allocate for what it only announces.
/// Every count is checked against the bytes left before use (`ByteCursor.readCount`),
/// reservations never exceed the bytes left (`ByteCursor.reservation`), and the loaders size
/// their buffers from tensors whose data is in the file; so what genplay allocates for a file
/// is proportional to its real size, and a count of 2^63 costs nothing. CommandLineTests
/// measures it: `genplay run` on each of these files peaks at the resident size it has on the
/// valid one.
@Suite struct GGUFCorpusTests {
    static let folder = TestModels.fixture("malformed")

    /// File name (without .gguf) -> the error's description; `{path}` stands for the file's path.
    static let expected: [String: String] = [
        // The header.
        "empty": "{path} is not a GGUF file (magic bytes are not 'GGUF')",
        "wrong-magic": "{path} is not a GGUF file (magic bytes are not 'GGUF')",
        "version-1": "unsupported GGUF version 1 (supported: 2, 3)",
        "version-99": "unsupported GGUF version 99 (supported: 2, 3)",
        "big-endian": "big-endian GGUF files are not supported",
        "tensor-count-2^63": "tensor count at byte 8 is 9223372036854775808, more than the file could hold",
        "metadata-count-2^63": "metadata count at byte 16 is 9223372036854775808, more than the file could hold",
        "metadata-count-too-high": "length of name of tensor #0 at byte 808 is 1407374883553280, more than the file could hold",
        // Truncations.
        "truncated-in-version": "file truncated: version at byte 4 needs 4 bytes, 2 left",
        "truncated-in-counts": "tensor count at byte 8 is 11, more than the file could hold",
        "truncated-in-key": "length of key of metadata #9 at byte 411 is 20, more than the file could hold",
        "truncated-in-value": "element count of 'tokenizer.ggml.tokens' at byte 535 is 5, more than the file could hold",
        "truncated-in-tensor-name": "length of name of tensor #4 at byte 991 is 19, more than the file could hold",
        "truncated-in-tensor-shape": "file truncated: shape of 'blk.0.attn_q.weight' at byte 1022 needs 8 bytes, 4 left",
        "truncated-in-data": "tensor 'output_norm.weight' data (16 bytes at offset 96) runs past the end of the data section (100 bytes)",
        // Metadata.
        "string-length-past-eof": "length of key of metadata #0 at byte 24 is 1099511627776, more than the file could hold",
        "value-length-past-eof": "length of value of 'general.architecture' at byte 56 is 5000, more than the file could hold",
        "unknown-value-type": "metadata 'odd' at byte 788 has unknown value type 13",
        "array-count-2^63": "element count of 'big' at byte 796 is 9223372036854775808, more than the file could hold",
        "unknown-array-element-type": "metadata 'odd' at byte 792 has unknown value type 99",
        "nested-arrays-too-deep": "metadata 'deep' at byte 889 nests arrays deeper than 8",
        "invalid-utf8-key": "key of metadata #15 at byte 777 is not valid UTF-8",
        "duplicate-key": "metadata key 'general.name' appears twice",
        "alignment-wrong-type": "metadata 'general.alignment' should be uint32 but is string",
        "alignment-not-power-of-two": "general.alignment is 24; it must be a power of two",
        "alignment-zero": "general.alignment is 0; it must be a power of two",
        // The tensor directory and data.
        "duplicate-tensor": "tensor 'output_norm.weight' appears twice",
        "five-dimensions": "tensor 'extra' has 5 dimensions (it must have 1 to 4)",
        "zero-dimensions": "tensor 'extra' has 0 dimensions (it must have 1 to 4)",
        "zero-in-shape": "tensor 'extra' has an invalid shape [4, 0] (zero or too many elements)",
        "shape-overflows": "tensor 'extra' has an invalid shape [4294967296, 4294967296] (zero or too many elements)",
        "unknown-tensor-type": "tensor 'blk.0.ffn_up.weight' has unknown type 99",
        "row-not-block-aligned": "tensor 'extra' of type Q8_0 has rows of 16, not a multiple of the block size 32",
        "invalid-utf8-tensor-name": "name of tensor #11 at byte 1413 is not valid UTF-8",
        "misaligned-offset": "tensor 'output_norm.weight' data offset 100 is not a multiple of the alignment 32",
        "offset-past-eof": "tensor 'blk.0.ffn_down.weight' data (128 bytes at offset 1099511627776) runs past the end of the data section (832 bytes)",
        "overlapping-tensors": "tensors 'token_embd.weight' and 'output_norm.weight' overlap in the data section",
        // The model loader.
        "no-architecture": "required metadata 'general.architecture' is missing",
        "architecture-not-a-string": "metadata 'general.architecture' should be string but is uint32",
        "unsupported-architecture": "unsupported architecture 'mamba' (supported: gemma3, llama, phi3, qwen2, qwen3)",
        "no-block-count": "required metadata 'llama.block_count' is missing",
        "embedding-length-not-a-number": "metadata 'llama.embedding_length' should be an integer but is string",
        "block-count-huge": "metadata 'llama.block_count' has an unusable value 1099511627776",
        "heads-do-not-divide": "metadata 'llama.attention.head_count' has an unusable value 3",
        "rms-epsilon-nan": "metadata 'llama.attention.layer_norm_rms_epsilon' has an unusable value nan",
        "context-length-zero": "metadata 'llama.context_length' has an unusable value 0",
        "missing-tensor": "required tensor 'blk.0.ffn_up.weight' is missing",
        "wrong-shape": "tensor 'blk.0.attn_k.weight' has shape [4, 2], expected [4, 4]",
        "unsupported-tensor-type": "tensor 'blk.0.attn_q.weight' has type Q2_K, which genplay cannot compute with yet (supported: F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K, BF16)",
        "norm-not-f32": "tensor 'output_norm.weight' has type F16, but norm weights and biases must be F32",
        // The tokenizer.
        "no-tokenizer-model": "required metadata 'tokenizer.ggml.model' is missing",
        // A SentencePiece vocabulary without scores.
        "tokenizer-model-llama": "required metadata 'tokenizer.ggml.scores' is missing",
        "unknown-pre-tokenizer": "unsupported pre-tokenizer 'klingon' (tokenizer.ggml.pre; supported: " + PreTokenizer.supportedNames.joined(separator: ", ") + ")",
        "tokens-not-strings": "metadata 'tokenizer.ggml.tokens' should be array[string] but is array[int32]",
        "tokens-empty": "tokenizer.ggml.tokens is empty",
        "token-type-count-mismatch": "tokenizer.ggml.token_type has 3 entries, expected 5 (one per token)",
        "unknown-token-type": "token 2 has unknown type 9 in tokenizer.ggml.token_type",
        "duplicate-token": "tokens 0 and 2 are both 'a'",
        "merge-unknown-token": "merge #1 'b c' in tokenizer.ggml.merges uses 'c', which is not a token",
        "merge-without-space": "merge #0 'ab' in tokenizer.ggml.merges is not two tokens separated by a space",
        "eos-out-of-range": "tokenizer.ggml.eos_token_id is 5, outside the vocabulary of 5 tokens",
        "bos-added-but-missing": "the tokenizer adds BOS to every text but tokenizer.ggml.bos_token_id is missing",
        "vocab-larger-than-embedding": "the tokenizer has 6 tokens but the model's embedding has only 5 rows",
        "vocab-size-mismatches-embedding": "tensor 'token_embd.weight' has shape [4, 5], expected [4, 6]",
    ]

    static func path(_ name: String) -> String { folder.appendingPathComponent(name + ".gguf").path }

    /// What genplay does with a model file: parse it, then build the tokenizer and the model.
    static func load(_ path: String) throws -> LanguageModelBundle {
        try LanguageModelBundle(path: path, options: ModelOptions(contextLength: 16, threads: 1))
    }

    @Test func theBaseFileLoadsAndRuns() throws {
        let bundle = try Self.load(Self.path("valid"))
        #expect(bundle.tokenizer.encode("aab") == [0, 2])
        let logits = try bundle.model.evaluate([0, 2], at: 0)
        #expect(logits.count == 5 && logits.allSatisfy(\.isFinite))
    }

    @Test func everyFileIsInTheTable() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".gguf") }.map { String($0.dropLast(5)) }
        #expect(Set(names) == Set(Self.expected.keys).union(["valid"]))
        #expect(Self.expected.count >= 30)
    }

    @Test(arguments: expected.keys.sorted())
    func failsWithTheExactMessage(_ name: String) {
        let path = Self.path(name)
        let message = Self.expected[name]!.replacingOccurrences(of: "{path}", with: path)
        #expect { try Self.load(path) } throws: { error in
            #expect("\(error)" == message)
            return true
        }
    }

    /// Every prefix of the valid file is a typed error from the reader, never a crash.
    @Test func everyTruncationIsATypedError() throws {
        let full = try Data(contentsOf: Self.folder.appendingPathComponent("valid.gguf"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID()).gguf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for length in 0 ..< full.count {
            try full.prefix(length).write(to: URL(fileURLWithPath: path))
            #expect(throws: GGUFError.self) { try GGUFFile(path: path) }
        }
    }
}
