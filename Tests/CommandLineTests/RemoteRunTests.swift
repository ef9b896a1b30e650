import Foundation
import Testing

/// `genplay run --remote URL` against a real peer, `genplay serve` on the same model: the
/// same text a local run prints, and one clear line for each way a server can be wrong.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct RemoteRunTests {
    @Test func aRemoteRunPrintsWhatALocalRunPrints() throws {
        let (server, url) = try ServeCommandTests.start(["--api-key", "remote-key"])
        defer { server.signal(SIGKILL); _ = server.wait() }
        let prompt = "Once upon a time"
        let remote = try Genplay.run(["run", "--remote", url, "--api-key", "remote-key", "-p", prompt, "--temp", "0", "-n", "16", "--raw"])
        let local = try Genplay.run(["run", "-m", ServeCommandTests.model, "-p", prompt, "--special", "--temp", "0", "-n", "16", "--raw", "-t", "2"])
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(remote.stdout == local.stdout)
        #expect(remote.stderr.contains("generation: 16 tokens"), "\(remote.stderr)")
        #expect(remote.stderr.contains("stopped: length"))

        let chat = try Genplay.run(["run", "--remote", url, "--chat", "-p", "Name a fruit.", "--temp", "0", "-n", "12", "--raw"],
                                   environment: ["GENPLAY_API_KEY": "remote-key"])
        let localChat = try Genplay.run(["run", "-m", ServeCommandTests.model, "--chat", "-p", "Name a fruit.", "--temp", "0", "-n", "12", "--raw", "-t", "2"])
        #expect(chat.stdout == localChat.stdout, "\(chat.stderr)")
    }

    @Test func aServerThatCannotAnswerIsOneLine() throws {
        let (server, url) = try ServeCommandTests.start(["--api-key", "remote-key"])
        defer { server.signal(SIGKILL); _ = server.wait() }
        let cases: [(arguments: [String], status: Int32, line: String)] = [
            (["--remote", url, "--api-key", "wrong"], 1, "the server refused the API key"),
            (["--remote", url + "/nowhere", "--api-key", "remote-key"], 1, "not found (wrong URL or model?)"),
            (["--remote", url, "--api-key", "remote-key", "-n", "100000"], 1, "HTTP 400: max_tokens must be between"),
            (["--remote", "http://127.0.0.1:1/v1"], 1, "cannot reach http://127.0.0.1:1/v1/models"),
            (["--remote", "ftp://example/v1"], 2, "is not an http:// or https:// URL"),
            (["--remote", url, "-c", "64"], 2, "-c applies to a local model, not with --remote"),
        ]
        for item in cases {
            let result = try Genplay.run(["run", "-p", "hi", "--temp", "0"] + item.arguments)
            #expect(result.status == item.status, "\(item.arguments): \(result.stderr)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(item.line), "\(item.arguments): \(result.stderr)")
        }
    }
}
