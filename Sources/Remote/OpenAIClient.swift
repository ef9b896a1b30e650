import Engine
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An OpenAI-compatible server: llama-server, vLLM, ollama, `genplay serve`.
public struct RemoteServer: Sendable {
    /// Up to and including `/v1`, e.g. `http://127.0.0.1:8080/v1`.
    public let baseURL: URL
    public let apiKey: String?
    /// The server's model to ask for; nil: the first `/v1/models` lists.
    public var model: String?

    public init(baseURL: String, apiKey: String?, model: String?) throws {
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        guard let url = URL(string: trimmed), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw RemoteError.badURL(baseURL)
        }
        self.baseURL = url
        self.apiKey = apiKey
        self.model = model
    }
}

/// What one streamed request asks for.
public struct RemoteRequest: Sendable {
    public enum Prompt: Sendable {
        /// `/v1/chat/completions`: the server renders the chat with its template.
        case chat([ChatTurn])
        /// `/v1/completions`: the text as it is.
        case text(String)
    }

    public var prompt: Prompt
    public var settings: SamplerSettings
    /// nil: until the server stops.
    public var maxTokens: Int?
    /// How many alternatives per token to ask for; nil: no logprobs.
    public var logprobs: Int?

    public init(prompt: Prompt, settings: SamplerSettings, maxTokens: Int?, logprobs: Int? = nil) {
        self.prompt = prompt
        self.settings = settings
        self.maxTokens = maxTokens
        self.logprobs = logprobs
    }
}

/// A token as a server reports it: text and probabilities, no id.
public struct RemoteToken: Sendable {
    public let text: String
    public let probability: Float
    public let alternatives: [(text: String, probability: Float)]
}

/// One streamed chunk: its text, and its tokens where logprobs were asked for.
public struct RemoteDelta: Sendable {
    public let text: String
    public let tokens: [RemoteToken]
}

/// How a streamed reply ended.
public struct RemoteOutcome: Sendable {
    /// The server's finish_reason ("stop", "length"), "cancelled" when we closed the
    /// connection, "connection lost" when it dropped mid-stream (the text so far stands).
    public var finishReason = "connection lost"
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// From sending the request to the first text.
    public var firstTokenSeconds: Double?
}

/// The client side of the OpenAI API over URLSession (TLS where the platform has it).
public final class OpenAIClient: Sendable {
    public let server: RemoteServer
    /// A request waits this long for the server to answer and for each chunk of a stream.
    private let timeout: TimeInterval

    public init(server: RemoteServer, timeout: TimeInterval = 60) {
        self.server = server
        self.timeout = timeout
    }

    /// The ids `/v1/models` lists.
    public func models() throws -> [String] {
        var request = urlRequest("models")
        request.httpMethod = "GET"
        let (status, body) = try ServerSentEvents.fetch(request, timeout: timeout)
        guard status == 200 else { throw RemoteError.http(status: status, message: RemoteError.message(in: body), url: request.url!) }
        let list = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        guard let data = list?["data"] as? [[String: Any]] else { throw RemoteError.malformed("the model list") }
        return data.compactMap { $0["id"] as? String }
    }

    /// Streams a reply: `onDelta` gets each chunk and returns false to stop (the connection is
    /// closed, so the server stops too). Parameters a server refuses as unknown (top_k and
    /// min_p are not OpenAI's) are left out and the request sent again: nothing was generated.
    public func stream(_ request: RemoteRequest, onDelta: @escaping (RemoteDelta) -> Bool) throws -> RemoteOutcome {
        let model = try server.model ?? models().first ?? { throw RemoteError.malformed("an empty model list") }()
        var body = RequestBody.make(request, model: model)
        for attempt in 0 ..< 2 {
            var urlRequest = urlRequest(request.isChat ? "chat/completions" : "completions")
            urlRequest.httpMethod = "POST"
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
            urlRequest.httpBody = try JSONSerialization.data(withJSONObject: body)
            do {
                return try ServerSentEvents.stream(urlRequest, timeout: timeout, isChat: request.isChat, onDelta: onDelta)
            } catch let RemoteError.http(status, message, url) where status == 400 && attempt == 0 {
                guard RequestBody.dropRefused(from: &body, message: message) else { throw RemoteError.http(status: status, message: message, url: url) }
            }
        }
        throw RemoteError.malformed("a refused request")
    }

    private func urlRequest(_ endpoint: String) -> URLRequest {
        var request = URLRequest(url: server.baseURL.appendingPathComponent(endpoint), timeoutInterval: timeout)
        if let key = server.apiKey { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        return request
    }
}

extension RemoteRequest {
    var isChat: Bool { if case .chat = prompt { true } else { false } }
}
