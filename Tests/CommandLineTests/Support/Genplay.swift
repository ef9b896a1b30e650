import Engine
import Foundation
import Testing
import TestSupport

/// The `genplay` binary built next to this test bundle, and the files the tests give it.
enum Genplay {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: String? = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("genplay").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    static let missingBinary: Comment = "the genplay binary was not built next to the tests"

    /// Runs `genplay ARGUMENTS` with chats and caches in a private folder.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: ChildProcess.Stdin = .null,
                    stdout: ChildProcess.Stdout = .file) throws -> ProcessResult {
        try ChildProcess.run([binary!] + arguments, environment: isolated.merging(environment) { $1 }, stdin: stdin, stdout: stdout)
    }

    /// Chats, themes and the model cache in a folder of this test process, not the user's.
    static let isolated: [String: String] = {
        let home = scratch("home")
        return ["XDG_DATA_HOME": home + "/data", "XDG_CONFIG_HOME": home + "/config", "XDG_CACHE_HOME": home + "/cache"]
    }()

    /// A folder (or file path) under this process's scratch folder.
    static func scratch(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("genplay-cli-\(getpid())/\(name)").path
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        return path
    }

    /// A tiny random llama (TinyLlama), written once.
    static let tinyModel: String = {
        let path = scratch("tiny.gguf")
        try! TinyLlama.writer().write(to: path)
        return path
    }()

    /// A file of the malformed-GGUF corpus (Tests/EngineTests/Fixtures/malformed).
    static func corpusFile(_ name: String) -> String {
        repository.appendingPathComponent("Tests/EngineTests/Fixtures/malformed/\(name).gguf").path
    }
}

extension ProcessResult {
    /// stderr as lines, without the final newline.
    var stderrLines: [Substring] { stderr.dropLast(stderr.hasSuffix("\n") ? 1 : 0).split(separator: "\n", omittingEmptySubsequences: false) }
}
