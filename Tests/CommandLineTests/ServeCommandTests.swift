import Engine
import Foundation
import Testing
import TestSupport

/// `genplay serve` as other programs see it: curl gets exactly what `genplay run` prints for
/// the same prompt, the `openai` Python package works against it (Scripts/serve-openai-client.py),
/// and Ctrl-C stops it cleanly. On SmolLM2 when it is cached, else on a tiny model.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct ServeCommandTests {
    static let model: String = {
        if let smol = ModelCatalog.named(ModelCatalog.defaultChatModel), ModelCatalog.isDownloaded(smol) { return ModelCatalog.localPath(smol) }
        let path = Genplay.scratch("serve-la-di-da.gguf")
        try! TinyLlama.scripted(["la ", "di ", "da "], context: 4096).write(to: path)
        return path
    }()

    static func commandExists(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }

    static let hasOpenAIPackage: Bool = {
        (try? ChildProcess.run(["/usr/bin/env", "python3", "-c", "import openai"]))?.status == 0
    }()

    /// A running `genplay serve` on a free port, and its base URL.
    static func start(_ extra: [String] = []) throws -> (ChildProcess, String) {
        let child = try ChildProcess([Genplay.binary!, "serve", "-m", model, "--port", "0", "-t", "2"] + extra,
                                     environment: Genplay.isolated, timeout: 240)
        // The banner: "genplay serve: MODEL (…) on http://127.0.0.1:PORT/v1[, API key required]".
        guard let banner = child.waitForStderr(containing: "/v1"),
              let url = banner.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," }).first(where: { $0.hasPrefix("http://") }) else {
            child.signal(SIGKILL)
            throw POSIXError(.ETIMEDOUT)
        }
        return (child, String(url))
    }

    static func curl(_ url: String, _ body: String) throws -> [String: Any] {
        let result = try ChildProcess.run(["/usr/bin/env", "curl", "-s", "--max-time", "120", "-H", "Content-Type: application/json",
                                           "-d", body, url])
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
    }

    @Test(.enabled(if: commandExists("curl"), "curl is not installed (apt-get install curl)"))
    func greedyRepliesEqualGenplayRun() throws {
        let (server, url) = try Self.start()
        defer { server.signal(SIGKILL); _ = server.wait() }
        let prompt = "The three primary colours are"
        let completion = try Self.curl(url + "/completions", #"{"prompt": "\#(prompt)", "temperature": 0, "max_tokens": 24}"#)
        let run = try Genplay.run(["run", "-m", Self.model, "-p", prompt, "--special", "--temp", "0", "-n", "24", "--raw", "-t", "2"])
        let text = ((completion["choices"] as? [[String: Any]])?.first?["text"]) as? String
        #expect(text != nil && text! + "\n" == run.stdout, "\(completion)")

        let chat = try Self.curl(url + "/chat/completions", #"{"messages": [{"role": "user", "content": "Name a fruit."}], "temperature": 0, "max_tokens": 24}"#)
        let chatRun = try Genplay.run(["run", "-m", Self.model, "--chat", "-p", "Name a fruit.", "--temp", "0", "-n", "24", "--raw", "-t", "2"])
        let reply = ((((chat["choices"] as? [[String: Any]])?.first?["message"]) as? [String: Any])?["content"]) as? String
        #expect(reply != nil && reply! + "\n" == chatRun.stdout, "\(chat)")
    }

    @Test(.enabled(if: hasOpenAIPackage, "Python's openai package is not installed (pip install openai)"))
    func theOpenAIClientWorksAgainstIt() throws {
        let (server, url) = try Self.start(["--api-key", "test-key"])
        defer { server.signal(SIGKILL); _ = server.wait() }
        let script = Genplay.repository.appendingPathComponent("Scripts/serve-openai-client.py").path
        let result = try ChildProcess.run(["/usr/bin/env", "python3", script, url, "test-key"], timeout: 240)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("PASS: openai client"), "\(result.stdout)")
    }

    /// SIGINT: the server stops accepting, finishes, says so and exits 0; it logged each request.
    @Test func sigintStopsItCleanly() throws {
        let (server, url) = try Self.start()
        let port = Int(url.split(separator: ":").last!.split(separator: "/").first!)!
        let client = try ChildProcess.run(["/usr/bin/env", "curl", "-s", "--max-time", "30", "http://127.0.0.1:\(port)/health"])
        #expect(client.stdout == #"{"status":"ok"}"#)
        server.signal(SIGINT)
        let result = server.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\"GET /health\" 200"))
        #expect(result.stderr.hasSuffix("genplay serve: stopped\n"))
    }

    @Test func aTakenPortIsOneClearLine() throws {
        let (server, url) = try Self.start()
        defer { server.signal(SIGKILL); _ = server.wait() }
        let port = String(url.split(separator: ":").last!.split(separator: "/").first!)
        let second = try Genplay.run(["serve", "-m", Self.model, "--port", port])
        #expect(second.status == 1)
        #expect(second.stderr.hasSuffix("genplay: cannot listen on 127.0.0.1:\(port): Address already in use\n"), "\(second.stderr)")
    }
}
