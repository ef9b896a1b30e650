import Foundation
import Glibc
import Testing
import TestSupport

/// A model that cannot be used — missing, not a GGUF file, broken in any of the ways of the
/// malformed corpus — or a prompt that does not fit: one readable line, exit status 1, and no
/// more memory than loading the valid model takes.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct ModelErrorTests {
    static let corpus: [String] = {
        let folder = Genplay.repository.appendingPathComponent("Tests/EngineTests/Fixtures/malformed").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".gguf") && $0 != "valid.gguf" }.map { String($0.dropLast(5)) }.sorted()
    }()

    static func run(model: String, prompt: String = "ab", extra: [String] = []) throws -> ProcessResult {
        try Genplay.run(["run", "-m", model, "-p", prompt, "-n", "1", "-c", "16", "-t", "1"] + extra)
    }

    @Test func exactLines() throws {
        // A FIFO nobody writes to: opening it to read would wait forever.
        let fifo = Genplay.scratch("model-fifo-\(UUID().uuidString).gguf")
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        let cases: [(model: String, line: String)] = [
            ("/nonexistent/model.gguf", "cannot open /nonexistent/model.gguf: No such file or directory"),
            ("/", "cannot open /: a directory, not a regular file"),
            (fifo, "cannot open \(fifo): a FIFO (named pipe), not a regular file"),
            ("/dev/null", "cannot open /dev/null: a character device, not a regular file"),
            (Genplay.repository.appendingPathComponent("Package.swift").path,
             "\(Genplay.repository.path)/Package.swift is not a GGUF file (magic bytes are not 'GGUF')"),
            (Genplay.corpusFile("unsupported-architecture"), "unsupported architecture 'mamba' (supported: gemma3, llama, phi3, qwen2, qwen3)"),
            (Genplay.corpusFile("unsupported-tensor-type"), "tensor 'blk.0.attn_q.weight' has type Q2_K, which genplay cannot compute with yet (supported: F32, F16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K, BF16)"),
        ]
        for (model, line) in cases {
            let result = try Self.run(model: model)
            #expect(result.status == 1, "\(model)")
            #expect(result.stderr == "genplay: \(line)\n")
        }
    }

    /// A tiny model with `tensor`'s values replaced by `value`.
    static func damaged(_ tensor: String, with value: Float) throws -> String {
        var writer = TinyLlama.writer(layers: 1)
        let index = try #require(writer.tensors.firstIndex { $0.name == tensor })
        let original = writer.tensors.remove(at: index)
        writer.addF32(original.name, shape: original.shape, [Float](repeating: value, count: original.shape.reduce(1, *)))
        let path = Genplay.scratch("damaged-\(tensor)-\(value).gguf")
        try writer.write(to: path)
        return path
    }

    /// NaN or infinity in a float tensor is found at load; finite weights that overflow while
    /// computing are found at the first score sampled. Either is one line and status 1.
    @Test func damagedWeightsAreSaidNotSampled() throws {
        for value in [Float.nan, .infinity] {
            let result = try Self.run(model: try Self.damaged("blk.0.attn_norm.weight", with: value))
            #expect(result.status == 1)
            #expect(result.stderr == "genplay: tensor 'blk.0.attn_norm.weight' holds NaN or infinite values: the file is damaged\n")
        }
        let overflowing = try Self.run(model: try Self.damaged("output_norm.weight", with: 3e38))
        #expect(overflowing.status == 1, "\(overflowing.stderr)")
        #expect(overflowing.stderr.contains("the model computed a non-finite score (NaN or infinity)"), "\(overflowing.stderr)")
    }

    @Test func promptLongerThanTheContext() throws {
        let result = try Self.run(model: Genplay.tinyModel, prompt: String(repeating: "word ", count: 10))
        #expect(result.status == 1)
        #expect(result.stderr == "genplay: the text needs 51 tokens of context but the context holds 16 (raise -c, up to the model's limit)\n")
    }

    /// Every corpus file: exit 1, one line naming the problem, and a peak resident size within
    /// 4 MB of loading the valid file (the files are at most 12 KB: a file that announces 2^63
    /// items must not make genplay allocate for them).
    @Test func everyMalformedFileIsOneLineAndBoundedMemory() throws {
        #expect(Self.corpus.count >= 30)
        let valid = try Self.run(model: Genplay.corpusFile("valid"))
        #expect(valid.status == 0, "\(valid.stderr)")
        for name in Self.corpus {
            let result = try Self.run(model: Genplay.corpusFile(name))
            #expect(result.status == 1, "\(name): \(result.stderr)")
            #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("genplay: "), "\(name): \(result.stderr)")
            #expect(result.peakRSSKilobytes <= valid.peakRSSKilobytes + 4096,
                    "\(name): \(result.peakRSSKilobytes) kB, the valid file \(valid.peakRSSKilobytes) kB")
        }
    }

    /// The model file emptied while `run` streams from it: the next read of its mapped weights
    /// faults, and that is one plain line and death by SIGBUS, not a crash report.
    @Test func modelFileTruncatedWhileRunning() throws {
        let model = Genplay.scratch("truncated-while-running.gguf")
        try TinyLlama.scripted(["la ", "di ", "da "], context: 4096).write(to: model)
        let child = try ChildProcess([Genplay.binary!, "run", "-m", model, "-p", "la", "-n", "4000", "-t", "1"], timeout: 60)
        usleep(500_000)
        #expect(truncate(model, 0) == 0)
        let result = child.wait()
        #expect(result.status == 128 + SIGBUS, "\(result.stderr)")
        #expect(result.stderr == "genplay: a file in use (the model?) was truncated or changed on disk; stopping\n")
    }
}
