import Engine
import Foundation
import Render
import Serve
import Synchronization

/// Written to by SIGINT and SIGTERM: the server stops accepting and drains.
nonisolated(unsafe) private var stopPipe: [Int32] = [-1, -1]
private let stopping = Atomic<Bool>(false)

enum ServeCommand {
    static let name = "serve"
    static let summary = """
        Serve the model over an OpenAI-compatible HTTP API: GET /v1/models and /health, POST
        /v1/chat/completions and /v1/completions, whole or streamed (stream: true). Requests
        take the model one at a time, in the order they came; one that starts like the last
        evaluates only what is new. Listens on localhost unless --host says otherwise. An
        access-log line per request goes to stderr; Ctrl-C (or SIGTERM) finishes the running
        requests and exits, a second one exits at once. Sampling options set the defaults a
        request's own fields override.
        """
    static let usage = "serve [-m MODEL] [--host ADDRESS] [--port N] [--api-key KEY] [-c N] [-t N] [sampling options]"
    static let options: [OptionSpec] = LoadedLanguageModel.options + [
        OptionSpec("--host", value: "ADDRESS", help: "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)"),
        OptionSpec("--port", value: "N", help: "port (default 8080; 0: any free port, printed at start)"),
        OptionSpec("--api-key", value: "KEY", help: "require Authorization: Bearer KEY (default $GENPLAY_API_KEY; none)"),
        OptionSpec("--max-connections", value: "N", help: "connections served at once; more are refused with 503 (default 16)"),
        OptionSpec("--max-body", value: "BYTES", help: "largest request body (default 1048576)"),
        LoadedLanguageModel.chatTemplateOption,
    ] + SamplingOptions.options.filter { !$0.names.contains("--stop") }
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        try args.requireNoPositionals()
        var options = OpenAIServer.Options()
        options.host = args.string("--host") ?? options.host
        options.port = try args.int("--port", default: options.port, range: 0 ... 65535)
        options.apiKey = args.string("--api-key") ?? ProcessInfo.processInfo.environment["GENPLAY_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        options.maxConnections = try args.int("--max-connections", default: options.maxConnections, range: 1 ... 1024)
        options.limits.bodyBytes = try args.int("--max-body", default: options.limits.bodyBytes, range: 1024 ... 1 << 30)
        let defaults = try SamplingOptions.settings(args)
        let fixedSeed = args.string("--seed") == nil ? nil : defaults.seed
        let chatTemplate = try LoadedLanguageModel.chatTemplate(args)
        let loaded = try LoadedLanguageModel(args)
        let format = try loaded.chatFormat(override: chatTemplate)
        let name = args.string("-m") ?? ModelCatalog.defaultChatModel
        let model = ServedModel(name: name, model: loaded.model, tokenizer: loaded.tokenizer, format: format,
                                defaults: defaults, fixedSeed: fixedSeed)
        let server = try OpenAIServer(model: model, options: options, log: { Console.status(TerminalSafety.sanitize($0) + "\n") })
        guard pipe(&stopPipe) == 0 else { throw UsageError("cannot make a pipe: \(String(cString: strerror(errno)))") }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in
                // The first asks for a drain; a second one means now.
                if stopping.exchange(true, ordering: .relaxed) { _exit(130) }
                var byte: UInt8 = 1
                _ = write(stopPipe[1], &byte, 1)
            }
        }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        Console.status("genplay serve: \(name) (context \(model.contextLength), chats in \(format.name)) on http://\(host):\(server.port)/v1"
                       + (options.apiKey == nil ? "" : ", API key required") + "\n")
        server.run(stopDescriptor: stopPipe[0])
        Console.status("genplay serve: stopped\n")
        return 0
    }
}
