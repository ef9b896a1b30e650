import Engine
import Foundation

/// The fields `/v1/chat/completions` and `/v1/completions` share. Unknown fields are ignored;
/// a known one of the wrong type is a 400 naming it (see `OpenAIError.decoding`).
struct GenerationFields: Decodable {
    var stream = false
    var includeUsage = false
    var maxTokens: Int?
    var temperature: Float?
    var topP: Float?
    var topK: Int?
    var minP: Float?
    var seed: UInt64?
    var stop: [String] = []
    var presencePenalty: Float?
    var frequencyPenalty: Float?
    var repeatPenalty: Float?
    var choices = 1

    private enum Keys: String, CodingKey {
        case stream, stream_options, max_tokens, max_completion_tokens, temperature, top_p, top_k, min_p, seed, stop
        case presence_penalty, frequency_penalty, repeat_penalty, n
    }

    private struct StreamOptions: Decodable {
        var include_usage: Bool?
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        stream = try c.decodeIfPresent(Bool.self, forKey: .stream) ?? false
        includeUsage = try c.decodeIfPresent(StreamOptions.self, forKey: .stream_options)?.include_usage ?? false
        maxTokens = try c.decodeIfPresent(Int.self, forKey: .max_completion_tokens) ?? c.decodeIfPresent(Int.self, forKey: .max_tokens)
        temperature = try c.decodeIfPresent(Float.self, forKey: .temperature)
        topP = try c.decodeIfPresent(Float.self, forKey: .top_p)
        topK = try c.decodeIfPresent(Int.self, forKey: .top_k)
        minP = try c.decodeIfPresent(Float.self, forKey: .min_p)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        presencePenalty = try c.decodeIfPresent(Float.self, forKey: .presence_penalty)
        frequencyPenalty = try c.decodeIfPresent(Float.self, forKey: .frequency_penalty)
        repeatPenalty = try c.decodeIfPresent(Float.self, forKey: .repeat_penalty)
        choices = try c.decodeIfPresent(Int.self, forKey: .n) ?? 1
        if let one = try? c.decodeIfPresent(String.self, forKey: .stop) {
            stop = [one]
        } else {
            stop = try c.decodeIfPresent([String].self, forKey: .stop) ?? []
        }
    }

    /// The server's defaults with this request's choices on top, each checked against its range.
    func settings(defaults: SamplerSettings, randomSeed: () -> UInt64) throws -> SamplerSettings {
        var s = defaults
        s.temperature = try check(temperature, "temperature", 0 ... 100) ?? s.temperature
        s.topP = try check(topP, "top_p", 0 ... 1) ?? s.topP
        s.topK = try check(topK, "top_k", 0 ... Int(Int32.max)) ?? s.topK
        s.minP = try check(minP, "min_p", 0 ... 1) ?? s.minP
        s.presencePenalty = try check(presencePenalty, "presence_penalty", -100 ... 100) ?? s.presencePenalty
        s.frequencyPenalty = try check(frequencyPenalty, "frequency_penalty", -100 ... 100) ?? s.frequencyPenalty
        s.repeatPenalty = try check(repeatPenalty, "repeat_penalty", 0.01 ... 100) ?? s.repeatPenalty
        s.seed = seed ?? randomSeed()
        guard !stop.contains("") else { throw OpenAIError.invalid("a stop string cannot be empty", param: "stop") }
        guard stop.count <= 16 else { throw OpenAIError.invalid("at most 16 stop strings", param: "stop") }
        s.stopStrings = stop
        guard choices == 1 else { throw OpenAIError.invalid("only n = 1 is supported", param: "n") }
        return s
    }

    private func check<T: Comparable>(_ value: T?, _ name: String, _ range: ClosedRange<T>) throws -> T? {
        guard let value else { return nil }
        guard range.contains(value) else {
            throw OpenAIError.invalid("\(name) must be between \(range.lowerBound) and \(range.upperBound)", param: name)
        }
        return value
    }
}

/// A `/v1/chat/completions` body.
struct ChatCompletionRequest: Decodable {
    var messages: [ChatTurn]
    var fields: GenerationFields
    /// `logprobs: true` with `top_logprobs: N` (0 … 20).
    var logprobs: Int?

    private enum Keys: String, CodingKey { case messages, logprobs, top_logprobs }

    private struct Message: Decodable {
        let role: String
        let content: Content?
    }

    /// A message's content: a string, or a list of parts of which the text parts count.
    private struct Content: Decodable {
        let text: String

        private struct Part: Decodable {
            let type: String
            let text: String?
        }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.text = text
                return
            }
            let parts = try decoder.singleValueContainer().decode([Part].self)
            if let other = parts.first(where: { $0.type != "text" }) {
                throw OpenAIError.invalid("content parts of type '\(other.type)' are not supported (only text)", param: "messages")
            }
            text = parts.compactMap(\.text).joined()
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let messages = try c.decode([Message].self, forKey: .messages)
        guard !messages.isEmpty else { throw OpenAIError.invalid("messages is empty", param: "messages") }
        self.messages = try messages.map { message in
            let roles: [String: ChatRole] = ["system": .system, "developer": .system, "user": .user, "assistant": .assistant]
            guard let role = roles[message.role] else {
                throw OpenAIError.invalid("message role '\(message.role)' is not supported (system, developer, user, assistant)", param: "messages")
            }
            return ChatTurn(role: role, text: message.content?.text ?? "")
        }
        fields = try GenerationFields(from: decoder)
        if try c.decodeIfPresent(Bool.self, forKey: .logprobs) == true {
            let top = try c.decodeIfPresent(Int.self, forKey: .top_logprobs) ?? 0
            guard (0 ... 20).contains(top) else { throw OpenAIError.invalid("top_logprobs must be between 0 and 20", param: "top_logprobs") }
            logprobs = top
        }
    }
}

/// A `/v1/completions` body: one prompt, as text or as token ids.
struct CompletionRequest: Decodable {
    enum Prompt { case text(String), tokens([Int32]) }

    var prompt: Prompt
    var fields: GenerationFields
    /// `logprobs: N` (0 … 20): the chosen token's and the N most likely ones.
    var logprobs: Int?

    private enum Keys: String, CodingKey { case prompt, logprobs }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let text = try? c.decode(String.self, forKey: .prompt) {
            prompt = .text(text)
        } else if let texts = try? c.decode([String].self, forKey: .prompt) {
            guard texts.count == 1 else { throw OpenAIError.invalid("give one prompt (a batch of \(texts.count) is not supported)", param: "prompt") }
            prompt = .text(texts[0])
        } else if let ids = try? c.decode([Int32].self, forKey: .prompt) {
            prompt = .tokens(ids)
        } else {
            let problem = c.contains(.prompt) ? "must be a string or a list of token ids" : "is required"
            throw OpenAIError.invalid("'prompt' \(problem)", param: "prompt")
        }
        fields = try GenerationFields(from: decoder)
        logprobs = try c.decodeIfPresent(Int.self, forKey: .logprobs)
        if let logprobs, !(0 ... 20).contains(logprobs) {
            throw OpenAIError.invalid("logprobs must be between 0 and 20", param: "logprobs")
        }
    }
}
