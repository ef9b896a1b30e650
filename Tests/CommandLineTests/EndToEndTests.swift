import Engine
import Foundation
import Testing

/// The full-screen app in a real terminal (tmux): Scripts/tui-e2e.sh types a message, watches
/// tokens stream, changes the temperature mid-stream, stops with Esc, resizes, quits and checks
/// that the terminal is restored. Runs on SmolLM2 when it is cached, else on a tiny random model.
@Suite struct EndToEndTests {
    static var hasTmux: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    @Test(.enabled(if: hasTmux, "tmux is not installed (apt-get install tmux)"),
          .enabled(if: Genplay.binary != nil, Genplay.missingBinary))
    func appRunsStreamsAndRestoresTheTerminal() throws {
        let model: String
        if let model0 = ModelCatalog.named(ModelCatalog.defaultChatModel), ModelCatalog.isDownloaded(model0) {
            model = ModelCatalog.localPath(model0)
        } else {
            model = Genplay.tinyModel
        }
        let script = Genplay.repository.appendingPathComponent("Scripts/tui-e2e.sh").path
        let result = try ChildProcess.run([script, "env", "XDG_DATA_HOME=\(Genplay.scratch("e2e-chats"))", Genplay.binary!, "-m", model])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS: tui-e2e"))
    }
}
