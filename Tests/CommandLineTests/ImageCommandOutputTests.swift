import Engine
import Foundation
import Testing

/// What `sample` writes and what `eval images` prints, against what their help says.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct ImageCommandOutputTests {
    static let checkpoints = Genplay.repository.appendingPathComponent("Checkpoints").path
    static let hasTestSet = FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory)

    /// The help's file names, with MODEL filled in, are the files written.
    @Test func sampleWritesTheFilesItsHelpNames() throws {
        let help = try Genplay.run(["sample", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(help.contains("MODEL-000.png, MODEL-001.png, …"))
        #expect(help.contains("MODEL-grid.png"))
        let out = Genplay.scratch("samples-\(UUID())")
        let result = try Genplay.run(["sample", "vae2d", "--count", "2", "--out", out, "--no-preview", "--checkpoints", Self.checkpoints])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["vae2d-000.png", "vae2d-001.png", "vae2d-grid.png"])
        #expect(result.stdout.hasSuffix("wrote 2 files and \(out)/vae2d-grid.png\n"))
    }

    /// A disk that fills up mid-export (here: a file-size limit) leaves the image that was
    /// there whole and no temporary file; the error is one line. An --out that is no folder
    /// is said before anything is generated.
    @Test func aFullDiskKeepsThePreviousImagesAndSaysSo() throws {
        let out = Genplay.scratch("full-\(UUID())")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let previous = Data("the good image from before".utf8)
        try previous.write(to: URL(fileURLWithPath: out + "/gan-000.pgm"))
        // SIGXFSZ ignored: a write past the limit fails with EFBIG instead of killing the process.
        let sample = [Genplay.binary!, "sample", "gan", "--count", "2", "--scale", "8", "--format", "pgm", "--out", out, "--no-preview", "--checkpoints", Self.checkpoints]
        let result = try ChildProcess.run(["/bin/sh", "-c", "trap '' XFSZ; ulimit -f 8; exec \"$@\"", "sh"] + sample, environment: Genplay.isolated)
        #expect(result.status == 1)
        // PGM: 224 × 224 bytes a picture, past the limit of 8 KB.
        #expect(result.stderr == "genplay: cannot write \(out)/gan-000.pgm: File too large\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/gan-000.pgm")) == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["gan-000.pgm"])

        let file = Genplay.scratch("a-file-\(UUID())")
        try Data().write(to: URL(fileURLWithPath: file))
        let blocked = try Genplay.run(["sample", "gan", "--out", file + "/samples", "--checkpoints", Self.checkpoints])
        #expect(blocked.status == 1)
        #expect(blocked.stderr == "genplay: cannot write \(file): a file is in the way of the folder\n")
    }

    static func evalGAN(_ extra: [String], environment: [String: String]) throws -> ProcessResult {
        try Genplay.run(["eval", "images", "--model", "gan", "--count", "20", "--checkpoints", checkpoints] + extra, environment: environment)
    }

    static func perClassLines(_ result: ProcessResult) -> [Substring] {
        let lines = result.stdout.split(separator: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix("per class") }) else { return [] }
        return Array(lines[header...].prefix(11))
    }

    /// Without a test set (`$GENPLAY_TEST_SET` names none) the header promises no real values.
    @Test func evalWithoutTheTestSetHasNoRealColumn() throws {
        let result = try Self.evalGAN([], environment: ["GENPLAY_TEST_SET": "/nonexistent"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.perClassLines(result)
        #expect(lines.first == "per class              accuracy   diversity")
        #expect(!result.stdout.contains("(real"))
    }

    /// `--dataset` wins over `$GENPLAY_TEST_SET`: the real column is there, a value on every row.
    @Test(.enabled(if: hasTestSet, "dataset-fashion-mnist not installed"))
    func evalWithTheTestSetPrintsTheRealValues() throws {
        let result = try Self.evalGAN(["--dataset", FashionMNIST.defaultDirectory], environment: ["GENPLAY_TEST_SET": "/nonexistent"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.perClassLines(result)
        #expect(lines.first == "per class              accuracy   diversity (real)")
        #expect(lines.count == 11)
        #expect(lines.dropFirst().allSatisfy { $0.firstMatch(of: /\(\d+\.\d\d\)$/) != nil }, "\(lines)")
    }
}
