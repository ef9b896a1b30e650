import Engine
import Foundation
import Testing

/// The full-screen app in a real terminal (tmux): Scripts/tui-e2e.sh types a message, watches
/// tokens stream, changes the temperature mid-stream, stops with Esc, resizes, quits and checks
/// that the terminal is restored. Runs on SmolLM2 when it is cached, else on a tiny random model.
@Suite struct EndToEndTests {
    static var repository: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// The genplay binary built next to this test bundle (same configuration).
    static var binary: String? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("genplay").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static var hasTmux: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    @Test(.enabled(if: hasTmux, "tmux is not installed (apt-get install tmux)"),
          .enabled(if: binary != nil, "the genplay binary was not built next to the tests"))
    func appRunsStreamsAndRestoresTheTerminal() throws {
        let model: String
        if let model0 = ModelCatalog.named(ModelCatalog.defaultChatModel), ModelCatalog.isDownloaded(model0) {
            model = ModelCatalog.localPath(model0)
        } else {
            model = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-tiny-\(getpid()).gguf").path
            try TinyLlama.writer().write(to: model)
        }
        let chats = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-chats-\(getpid())").path
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-log-\(getpid()).txt").path
        let script = Self.repository.appendingPathComponent("Scripts/tui-e2e.sh").path
        let status = try Self.spawn([script, "env", "XDG_DATA_HOME=\(chats)", Self.binary!, "-m", model], output: log)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: log)
        try? FileManager.default.removeItem(atPath: chats)
        #expect(status == 0, "\(text)")
        #expect(text.contains("PASS: tui-e2e"))
    }

    /// Runs a program with default signal handling and no blocked signals (a test runner may
    /// block some, and children inherit the mask), output to a file; returns its exit status.
    static func spawn(_ arguments: [String], output: String) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        posix_spawn_file_actions_addopen(&files, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&files, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, arguments[0], &files, &attributes, argv, envp)
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
