import Dispatch
import Engine
import Foundation
import Synchronization
import TUI

/// Development tool (hidden): chats with a model through the app's own backend until it has
/// generated N tokens, in a small context so that turns are dropped (context shifts) again and
/// again, starting a new chat every few exchanges. Prints resident memory and speed as it goes,
/// then how much memory grew after warm-up. `Benchmarks/soak.sh` runs it on SmolLM2.
enum SoakCommand {
    static let name = "soak"
    static let usage = "soak [-m MODEL] [-n 10000] [-c 512] [--every 500] [--chat-turns 6] [--reply 300]"
    static let summary = "Development: generate N tokens across context shifts and new chats; print the RSS curve."
    static let options: [OptionSpec] = LoadedLanguageModel.options + [
        OptionSpec("-n", value: "N", help: "tokens to generate in all (default 10000)"),
        OptionSpec("--every", value: "N", help: "a row of figures every N tokens (default 500)"),
        OptionSpec("--chat-turns", value: "N", help: "user messages per chat before a new one (default 6)"),
        OptionSpec("--reply", value: "N", help: "longest reply in tokens (default 300)"),
    ]
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static let questions = [
        "Tell me a long story about a lighthouse keeper.", "Explain how a steam engine works, step by step.",
        "Write a poem about the sea and the wind.", "What should I know before planting a vegetable garden?",
        "Describe a busy market in a medieval town.", "Why is the sky blue? Explain in detail.",
        "Continue the story with a storm.", "List ten facts about owls and explain each one.",
    ]

    static func run(_ args: Arguments) throws -> Int32 {
        try args.requireNoPositionals()
        let total = try args.int("-n", default: 10_000, range: 1 ... 10_000_000)
        let every = try args.int("--every", default: 500, range: 1 ... 10_000_000)
        let turnsPerChat = try args.int("--chat-turns", default: 6, range: 1 ... 1000)
        let replyLimit = try args.int("--reply", default: 300, range: 1 ... 1_000_000)
        let loaded = try LoadedLanguageModel(args, defaultContext: 512)
        let backend = EngineChatBackend(model: loaded.model, tokenizer: loaded.tokenizer,
                                        format: try loaded.chatFormat(override: nil), replyLimit: replyLimit)
        var settings = SamplerSettings()
        settings.seed = 7
        let live = LiveSamplerSettings(settings)

        Console.write("context \(loaded.model.contextLength) tokens, replies up to \(replyLimit), a new chat every \(turnsPerChat) messages\n")
        Console.write("| tokens | RSS (MiB) | tok/s | chats | context shifts |\n| ---: | ---: | ---: | ---: | ---: |\n")
        let recorder = SoakRecorder(total: total, every: every)
        var turns: [ChatTurn] = []
        var requestID = 0
        while !recorder.isDone {
            if turns.count >= 2 * turnsPerChat {
                turns = []
                recorder.newChat()
            }
            turns.append(ChatTurn(role: .user, text: questions[requestID % questions.count]))
            requestID += 1
            let reply = try recorder.reply(to: GenerationRequest(id: requestID, turns: turns), backend: backend, settings: live)
            turns.append(ChatTurn(role: .assistant, text: loaded.tokenizer.decode(reply)))
        }
        Console.write(recorder.summary)
        return 0
    }
}

private struct SoakError: Error, CustomStringConvertible {
    let message: String
    var description: String { "soak: generation failed: \(message)" }
}

/// Counts what the backend streams, on the generation thread as it arrives, and prints a row
/// of figures every `every` tokens.
private final class SoakRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private let total, every: Int
    private var tokens = 0, chats = 1, shifts = 0
    private var rows: [(tokens: Int, rss: Double, rate: Double)] = []
    private var windowStart = DispatchTime.now().uptimeNanoseconds, windowTokens = 0

    init(total: Int, every: Int) { (self.total, self.every) = (total, every) }

    var isDone: Bool { lock.withLock { tokens >= total } }
    func newChat() { lock.withLock { chats += 1 } }

    /// Runs one request to its end (or until the total is reached); returns the reply's tokens.
    func reply(to request: GenerationRequest, backend: EngineChatBackend, settings: LiveSamplerSettings) throws -> [Int32] {
        let finished = DispatchSemaphore(value: 0)
        let reply = Mutex<(tokens: [Int32], failure: String?)>(([], nil))
        backend.start(request, settings: settings) { [self] event in
            switch event {
            case .promptProcessed:
                // After the first: the reply filled the context and earlier turns were dropped.
                if !reply.withLock({ $0.tokens.isEmpty }) { lock.withLock { shifts += 1 } }
            case .token(let token):
                reply.withLock { $0.tokens.append(token.id) }
                if count() { backend.stop(requestID: request.id) }
            case .failed(let message):
                reply.withLock { $0.failure = message }
                finished.signal()
            case .finished:
                finished.signal()
            case .proposal:
                break
            }
        }
        finished.wait()
        let (tokens, failure) = reply.withLock { $0 }
        if let failure { throw SoakError(message: failure) }
        return tokens
    }

    /// One more token; true once the total is reached.
    private func count() -> Bool {
        lock.withLock {
            tokens += 1
            windowTokens += 1
            if tokens % every == 0 {
                let now = DispatchTime.now().uptimeNanoseconds
                let row = (tokens, residentMiB(), Double(windowTokens) / (Double(now - windowStart) / 1e9))
                rows.append(row)
                (windowStart, windowTokens) = (now, 0)
                Console.write(String(format: "| %d | %.1f | %.1f | %d | %d |\n", row.0, row.1, row.2, chats, shifts))
            }
            return tokens >= total
        }
    }

    /// Warm-up is the first fifth of the rows (at least one): the buffers a long run needs are
    /// all allocated by then.
    var summary: String {
        lock.withLock {
            guard rows.count >= 2 else { return "too few rows for a growth figure (use a smaller --every)\n" }
            let warmRows = max(1, rows.count / 5)
            let warm = rows[warmRows - 1], after = rows[warmRows...]
            let peak = after.map(\.rss).max()!, rates = after.map(\.rate).sorted()
            return String(format: "after warm-up (%d tokens): RSS %.1f MiB, peak %.1f, last %.1f (growth %+.1f%%); tok/s median %.1f (min %.1f, max %.1f); %d chats, %d context shifts\n",
                          warm.tokens, warm.rss, peak, rows.last!.rss, 100 * (peak - warm.rss) / warm.rss,
                          rates[rates.count / 2], rates.first!, rates.last!, chats, shifts)
        }
    }
}

/// This process's resident memory in MiB (Linux: /proc/self/statm, second field in pages).
private func residentMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}
