import Engine
import Foundation

/// The JSON body of a streamed request, with genplay's sampler settings in OpenAI's names.
enum RequestBody {
    /// Fields outside OpenAI's API that llama-server and vLLM accept; left out for a server
    /// that refuses them.
    static let extensions = ["top_k", "min_p", "repeat_penalty"]

    static func make(_ request: RemoteRequest, model: String) -> [String: Any] {
        let s = request.settings
        var body: [String: Any] = [
            "model": model, "stream": true, "stream_options": ["include_usage": true],
            "temperature": s.temperature, "top_p": s.topP, "top_k": s.topK, "min_p": s.minP, "seed": s.seed,
            "presence_penalty": s.presencePenalty, "frequency_penalty": s.frequencyPenalty, "repeat_penalty": s.repeatPenalty,
        ]
        if let maxTokens = request.maxTokens { body["max_tokens"] = maxTokens }
        if !s.stopStrings.isEmpty { body["stop"] = s.stopStrings }
        switch request.prompt {
        case let .chat(turns):
            body["messages"] = turns.map { ["role": $0.role.rawValue, "content": $0.text] }
            if let top = request.logprobs { body["logprobs"] = true; body["top_logprobs"] = top }
        case let .text(text):
            body["prompt"] = text
            if let top = request.logprobs { body["logprobs"] = top }
        }
        return body
    }

    /// Removes the extension fields a 400's message names; false when it names none.
    static func dropRefused(from body: inout [String: Any], message: String) -> Bool {
        let refused = extensions.filter { message.contains($0) && body[$0] != nil }
        for name in refused { body[name] = nil }
        return !refused.isEmpty
    }
}

/// Why a remote request failed, in one line.
public enum RemoteError: Error, CustomStringConvertible, Equatable {
    case badURL(String)
    case unreachable(url: URL, reason: String)
    case http(status: Int, message: String, url: URL)
    case malformed(String)
    case timedOut(URL)

    public var description: String {
        switch self {
        case let .badURL(text): "'\(text)' is not an http:// or https:// URL (like http://127.0.0.1:8080/v1)"
        case let .unreachable(url, reason): "cannot reach \(url.absoluteString): \(reason)"
        case let .http(401, message, url), let .http(403, message, url):
            "\(url.absoluteString): the server refused the API key (give --api-key or $GENPLAY_API_KEY): \(message)"
        case let .http(404, message, url): "\(url.absoluteString): not found (wrong URL or model?): \(message)"
        case let .http(status, message, url): "\(url.absoluteString): HTTP \(status): \(message)"
        case let .malformed(what): "the server sent \(what) genplay cannot read"
        case let .timedOut(url): "\(url.absoluteString): no answer in time"
        }
    }

    /// The `error.message` of an OpenAI-style error body, else the body's text.
    static func message(in body: Data) -> String {
        let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        if let error = object?["error"] as? [String: Any], let message = error["message"] as? String { return message }
        if let message = object?["error"] as? String { return message }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no message" : text
    }
}
