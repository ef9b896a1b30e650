import Engine
import Foundation
import Serve
import Synchronization
import TestSupport

/// `OpenAIServer` on a free localhost port, on a tiny model whose greedy reply is "la di da "
/// over and over, run on a thread of its own; its access log is kept for the tests to read.
final class TestServer: Sendable {
    let port: Int
    private let server: OpenAIServer
    private let stopPipe: [Int32]
    private let finished = DispatchSemaphore(value: 0)
    private let logLines = LogLines()

    static let modelPath: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("serve-la-di-da-\(getpid()).gguf").path
        try! TinyLlama.scripted(["la ", "di ", "da "], context: 4096).write(to: path)
        return path
    }()

    init(context: Int = 256, configure: (inout OpenAIServer.Options) -> Void = { _ in }) throws {
        let bundle = try LanguageModelBundle(path: Self.modelPath, options: ModelOptions(contextLength: context, threads: 1))
        var settings = SamplerSettings()
        settings.temperature = 0
        let model = ServedModel(name: "la-di-da", model: bundle.model, tokenizer: bundle.tokenizer,
                                format: try BuiltInChatFormat(tokenizer: bundle.tokenizer), defaults: settings, fixedSeed: nil)
        var options = OpenAIServer.Options()
        options.port = 0
        configure(&options)
        let lines = logLines
        server = try OpenAIServer(model: model, options: options, log: { line in lines.lines.withLock { $0.append(line) } })
        port = server.port
        var descriptors: [Int32] = [-1, -1]
        pipe(&descriptors)
        stopPipe = descriptors
        Thread.detachNewThread { [self] in
            server.run(stopDescriptor: stopPipe[0])
            finished.signal()
        }
    }

    var log: [String] { logLines.lines.withLock { $0 } }

    /// Waits up to `seconds` for a log line containing `text`.
    func waitForLog(_ text: String, seconds: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let line = log.first(where: { $0.contains(text) }) { return line }
            usleep(20_000)
        }
        return nil
    }

    /// Asks the server to stop, as SIGINT does; true once `run` returned within `seconds`.
    func stop(seconds: Double = 30) -> Bool {
        var byte: UInt8 = 1
        _ = write(stopPipe[1], &byte, 1)
        return finished.wait(timeout: .now() + seconds) == .success
    }
}

private final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
}
