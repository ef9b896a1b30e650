import Foundation

/// Response bodies in OpenAI's shapes. Encoded with snake_case keys; a nil field is left out,
/// except `finish_reason`, which a streamed chunk sends as null until the last one.
enum OpenAIResponse {
    struct Usage: Encodable {
        let promptTokens: Int
        let completionTokens: Int
        var totalTokens: Int { promptTokens + completionTokens }

        private enum CodingKeys: String, CodingKey { case promptTokens, completionTokens, totalTokens }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(promptTokens, forKey: .promptTokens)
            try c.encode(completionTokens, forKey: .completionTokens)
            try c.encode(totalTokens, forKey: .totalTokens)
        }
    }

    struct Message: Encodable {
        var role: String?
        var content: String?
    }

    /// A chat choice: `message` in a whole response, `delta` in a streamed chunk.
    struct ChatChoice: Encodable {
        var index = 0
        var message: Message?
        var delta: Message?
        var logprobs: ChatLogprobs?
        var finishReason: String?

        private enum CodingKeys: String, CodingKey { case index, message, delta, logprobs, finishReason }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encodeIfPresent(message, forKey: .message)
            try c.encodeIfPresent(delta, forKey: .delta)
            try c.encodeIfPresent(logprobs, forKey: .logprobs)
            try c.encode(finishReason, forKey: .finishReason)
        }
    }

    struct ChatLogprobs: Encodable {
        let content: [TokenLogprob]
    }

    struct TextChoice: Encodable {
        var index = 0
        var text: String
        var logprobs: TextLogprobs?
        var finishReason: String?

        private enum CodingKeys: String, CodingKey { case index, text, logprobs, finishReason }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(index, forKey: .index)
            try c.encode(text, forKey: .text)
            try c.encodeIfPresent(logprobs, forKey: .logprobs)
            try c.encode(finishReason, forKey: .finishReason)
        }
    }

    /// The legacy completions' logprobs: parallel lists, the alternatives as token → logprob.
    struct TextLogprobs: Encodable {
        var tokens: [String] = []
        var tokenLogprobs: [Double] = []
        var topLogprobs: [[String: Double]] = []
        var textOffset: [Int] = []

        /// Adds `entries`, whose text starts `offset` bytes into the reply.
        mutating func append(_ entries: [TokenLogprob], textOffset offset: inout Int) {
            for entry in entries {
                tokens.append(entry.token)
                tokenLogprobs.append(entry.logprob)
                var top: [String: Double] = [:]
                for candidate in entry.topLogprobs where top[candidate.token] == nil { top[candidate.token] = candidate.logprob }
                topLogprobs.append(top)
                textOffset.append(offset)
                offset += entry.bytes.count
            }
        }
    }

    struct Completion<Choice: Encodable>: Encodable {
        let id: String
        let object: String
        let created: Int
        let model: String
        let choices: [Choice]
        var usage: Usage?
    }

    struct Model: Encodable {
        let id: String
        var object = "model"
        let created: Int
        var ownedBy = "genplay"
        /// The context length the server was started with (llama-server reports it too).
        let contextLength: Int
    }

    struct ModelList: Encodable {
        var object = "list"
        let data: [Model]
    }

    /// Seconds since 1970, OpenAI's `created`.
    static func now() -> Int { Int(Date().timeIntervalSince1970) }

    static func json(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }
}
