import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sending a request and reading the answer: whole, or as server-sent events parsed into
/// deltas as they arrive.
enum ServerSentEvents {
    static func fetch(_ request: URLRequest, timeout: TimeInterval) throws -> (status: Int, body: Data) {
        let reader = EventReader(isChat: false) { _ in true }
        try reader.run(request, timeout: timeout)
        return (reader.status, reader.whole)
    }

    static func stream(_ request: URLRequest, timeout: TimeInterval, isChat: Bool,
                       onDelta: @escaping (RemoteDelta) -> Bool) throws -> RemoteOutcome {
        let reader = EventReader(isChat: isChat, onDelta: onDelta)
        reader.streaming = true
        try reader.run(request, timeout: timeout)
        guard reader.status == 200 else {
            throw RemoteError.http(status: reader.status, message: RemoteError.message(in: reader.whole), url: request.url!)
        }
        if let message = reader.streamError { throw RemoteError.http(status: 500, message: message, url: request.url!) }
        return reader.outcome
    }
}

/// URLSession's delegate for one request. Its callbacks run one at a time on the session's
/// queue; `run` waits for the end.
private final class EventReader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let isChat: Bool
    let onDelta: (RemoteDelta) -> Bool
    var streaming = false
    private(set) var status = 0
    /// The body of a non-streamed or refused request.
    private(set) var whole = Data()
    private(set) var outcome = RemoteOutcome()
    /// An error the server sent as an event mid-stream.
    private(set) var streamError: String?
    private var failure: (any Error)?
    private var pending = Data()
    private var cancelled = false
    private let start = Date()
    private let done = DispatchSemaphore(value: 0)

    init(isChat: Bool, onDelta: @escaping (RemoteDelta) -> Bool) {
        self.isChat = isChat
        self.onDelta = onDelta
    }

    func run(_ request: URLRequest, timeout: TimeInterval) throws {
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: request).resume()
        done.wait()
        if let failure {
            let error = failure as NSError
            if error.code == NSURLErrorTimedOut { throw RemoteError.timedOut(request.url!) }
            // A stream that was going keeps what came; before any answer it is an error.
            guard status == 200, streaming else { throw RemoteError.unreachable(url: request.url!, reason: error.localizedDescription) }
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        status = (response as? HTTPURLResponse)?.statusCode ?? 0
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard streaming, status == 200 else { whole += data; return }
        pending += data
        while let newline = pending.firstIndex(of: 10) {
            let line = pending[pending.startIndex ..< newline]
            pending = Data(pending[(newline + 1)...])
            handle(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            if cancelled { dataTask.cancel(); return }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error, !cancelled { failure = error }
        done.signal()
    }

    private func handle(_ line: String) {
        guard line.hasPrefix("data:") else { return }
        let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
        if payload == "[DONE]" { return }
        guard let event = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] else { return }
        if let error = event["error"] {
            streamError = (error as? [String: Any])?["message"] as? String ?? "\(error)"
            cancelled = true
            return
        }
        if let usage = event["usage"] as? [String: Any] {
            outcome.promptTokens = usage["prompt_tokens"] as? Int
            outcome.completionTokens = usage["completion_tokens"] as? Int
        }
        guard let choice = (event["choices"] as? [[String: Any]])?.first else { return }
        let delta = EventFields.delta(choice, isChat: isChat)
        if !delta.text.isEmpty, outcome.firstTokenSeconds == nil { outcome.firstTokenSeconds = Date().timeIntervalSince(start) }
        if !delta.text.isEmpty || !delta.tokens.isEmpty, !onDelta(delta) {
            cancelled = true
            outcome.finishReason = "cancelled"
            return
        }
        if let reason = choice["finish_reason"] as? String { outcome.finishReason = reason }
    }
}

/// Reading a chunk's choice: chat (`delta.content`, `logprobs.content`) or text (`text`,
/// legacy `logprobs.tokens` lists).
enum EventFields {
    static func delta(_ choice: [String: Any], isChat: Bool) -> RemoteDelta {
        let text = isChat ? ((choice["delta"] as? [String: Any])?["content"] as? String ?? "") : (choice["text"] as? String ?? "")
        let logprobs = choice["logprobs"] as? [String: Any]
        var tokens: [RemoteToken] = []
        if let content = logprobs?["content"] as? [[String: Any]] {
            tokens = content.map { entry in
                let top = (entry["top_logprobs"] as? [[String: Any]] ?? []).map { (text: $0["token"] as? String ?? "", probability: probability($0["logprob"])) }
                return RemoteToken(text: entry["token"] as? String ?? "", probability: probability(entry["logprob"]), alternatives: top)
            }
        } else if let texts = logprobs?["tokens"] as? [String] {
            let values = logprobs?["token_logprobs"] as? [Any] ?? []
            let tops = logprobs?["top_logprobs"] as? [[String: Any]] ?? []
            tokens = texts.enumerated().map { i, token in
                let top = (i < tops.count ? tops[i] : [:]).map { (text: $0.key, probability: probability($0.value)) }.sorted { $0.probability > $1.probability }
                return RemoteToken(text: token, probability: probability(i < values.count ? values[i] : nil), alternatives: top)
            }
        }
        return RemoteDelta(text: text, tokens: tokens)
    }

    private static func probability(_ logprob: Any?) -> Float {
        guard let value = (logprob as? NSNumber)?.doubleValue else { return 0 }
        return Float(exp(value))
    }
}
