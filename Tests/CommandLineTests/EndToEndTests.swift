import Engine
import Foundation
import Testing
import TestSupport

/// The full-screen app in a real terminal (tmux): Scripts/tui-e2e.sh types a message, watches
/// tokens stream, changes the temperature mid-stream, stops with Esc, opens the image tabs
/// (stepping the diffusion run forward and back), resizes, shows a notice after an idle spell,
/// reads Esc then F2 as both keys, quits and checks
/// that the terminal is restored; then ends the app mid-stream with each terminating signal,
/// crash signals and a real fault (its model file truncated), checking the terminal each time.
/// Runs on SmolLM2 when it is cached (optimized builds only: a debug build is too slow for the
/// script's timeouts), else on a tiny model that says "la di da" until its 4096 positions are
/// full (a few seconds of streaming).
@Suite struct EndToEndTests {
    static var hasTmux: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    @Test(.enabled(if: hasTmux, "tmux is not installed (apt-get install tmux)"),
          .enabled(if: Genplay.binary != nil, Genplay.missingBinary))
    func appRunsStreamsAndRestoresTheTerminal() throws {
        let model: String
        if BuildFlavor.optimized, let model0 = ModelCatalog.named(ModelCatalog.defaultChatModel), ModelCatalog.isDownloaded(model0) {
            model = ModelCatalog.localPath(model0)
        } else {
            model = Genplay.scratch("la-di-da.gguf")
            try TinyLlama.scripted(["la ", "di ", "da "], context: 4096).write(to: model)
        }
        let script = Genplay.repository.appendingPathComponent("Scripts/tui-e2e.sh").path
        let result = try ChildProcess.run([script, Genplay.binary!, model], environment: Genplay.isolated)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS: tui-e2e"))
    }
}
