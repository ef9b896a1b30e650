import Engine
import Foundation

/// How one endpoint's replies look: a chat completion or a text completion, whole or in chunks.
private protocol CompletionShape {
    /// "chatcmpl" or "cmpl": the start of response ids.
    var idPrefix: String { get }
    /// The `object` of a whole response and of a chunk.
    var object: String { get }
    var chunkObject: String { get }
    /// The request field that holds the prompt, named in errors about it.
    var promptField: String { get }
    associatedtype Choice: Encodable
    /// A streamed chunk's choice; `opening` for the first one (chat sends the role there).
    mutating func chunk(text: String, logprobs: [TokenLogprob]?, finishReason: String?, opening: Bool) -> Choice
    func whole(text: String, logprobs: [TokenLogprob]?, finishReason: String) -> Choice
}

private struct ChatShape: CompletionShape {
    let idPrefix = "chatcmpl", object = "chat.completion", chunkObject = "chat.completion.chunk", promptField = "messages"

    func chunk(text: String, logprobs: [TokenLogprob]?, finishReason: String?, opening: Bool) -> OpenAIResponse.ChatChoice {
        let delta = opening ? OpenAIResponse.Message(role: "assistant", content: "")
            : OpenAIResponse.Message(content: finishReason == nil ? text : nil)
        return OpenAIResponse.ChatChoice(delta: delta, logprobs: logprobs.map(OpenAIResponse.ChatLogprobs.init), finishReason: finishReason)
    }

    func whole(text: String, logprobs: [TokenLogprob]?, finishReason: String) -> OpenAIResponse.ChatChoice {
        OpenAIResponse.ChatChoice(message: OpenAIResponse.Message(role: "assistant", content: text),
                                  logprobs: logprobs.map(OpenAIResponse.ChatLogprobs.init), finishReason: finishReason)
    }
}

private struct TextShape: CompletionShape {
    let idPrefix = "cmpl", object = "text_completion", chunkObject = "text_completion", promptField = "prompt"
    /// Bytes of the reply streamed so far: a chunk's `text_offset`s go on from there.
    private var streamedBytes = 0

    mutating func chunk(text: String, logprobs: [TokenLogprob]?, finishReason: String?, opening: Bool) -> OpenAIResponse.TextChoice {
        OpenAIResponse.TextChoice(text: text, logprobs: logprobs.map { Self.textLogprobs($0, from: &streamedBytes) }, finishReason: finishReason)
    }

    func whole(text: String, logprobs: [TokenLogprob]?, finishReason: String) -> OpenAIResponse.TextChoice {
        var offset = 0
        return OpenAIResponse.TextChoice(text: text, logprobs: logprobs.map { Self.textLogprobs($0, from: &offset) }, finishReason: finishReason)
    }

    private static func textLogprobs(_ entries: [TokenLogprob], from offset: inout Int) -> OpenAIResponse.TextLogprobs {
        var result = OpenAIResponse.TextLogprobs()
        result.append(entries, textOffset: &offset)
        return result
    }
}

func serveChat(_ request: ChatCompletionRequest, model: ServedModel, writer: ResponseWriter) throws -> String {
    let prompt: [Int32]
    do {
        prompt = try model.format.render(request.messages, tokenizer: model.tokenizer)
    } catch {
        throw OpenAIError.invalid("the chat template cannot render these messages: \(error)", param: "messages")
    }
    return try serve(ChatShape(), prompt: prompt, fields: request.fields, logprobs: request.logprobs, model: model, writer: writer)
}

func serveCompletion(_ request: CompletionRequest, model: ServedModel, writer: ResponseWriter) throws -> String {
    let prompt = switch request.prompt {
    // As llama-server does: BOS where the vocabulary adds one, special tokens written in the text count.
    case let .text(text): model.tokenizer.encode(text, addSpecial: true, parseSpecial: true)
    case let .tokens(ids): ids
    }
    return try serve(TextShape(), prompt: prompt, fields: request.fields, logprobs: request.logprobs, model: model, writer: writer)
}

/// Checks the request, waits for the model, generates, and answers whole or as a stream of
/// chunks ending in `data: [DONE]`. Returns the access log's note.
private func serve<Shape: CompletionShape>(_ shape: Shape, prompt: [Int32], fields: GenerationFields, logprobs: Int?,
                                           model: ServedModel, writer: ResponseWriter) throws -> String {
    var shape = shape
    try model.validate(prompt: prompt, field: shape.promptField, maxTokens: fields.maxTokens)
    let job = ServedModel.Job(prompt: prompt, settings: try model.settings(for: fields), maxTokens: fields.maxTokens, logprobs: logprobs)
    let id = "\(shape.idPrefix)-\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(24))"
    let created = OpenAIResponse.now()
    func body<Choice: Encodable>(_ object: String, _ choices: [Choice], _ usage: OpenAIResponse.Usage? = nil) -> [UInt8] {
        OpenAIResponse.json(OpenAIResponse.Completion(id: id, object: object, created: created, model: model.name, choices: choices, usage: usage))
    }
    let outcome: ServedModel.Outcome
    if fields.stream {
        writer.startEvents()
        if shape is ChatShape { writer.event(body(shape.chunkObject, [shape.chunk(text: "", logprobs: nil, finishReason: nil, opening: true)])) }
        outcome = try model.generate(job, isCancelled: { writer.clientHasGone }) { piece in
            guard !piece.text.isEmpty || piece.logprob != nil else { return true }
            let entries = logprobs == nil ? nil : [piece.logprob].compactMap { $0 }
            return writer.event(body(shape.chunkObject, [shape.chunk(text: piece.text, logprobs: entries, finishReason: nil, opening: false)]))
        }
        if !outcome.clientGone {
            writer.event(body(shape.chunkObject, [shape.chunk(text: "", logprobs: nil, finishReason: outcome.finishReason, opening: false)]))
            if fields.includeUsage {
                let usage = OpenAIResponse.Usage(promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens)
                writer.event(body(shape.chunkObject, [Shape.Choice](), usage))
            }
            writer.event(Array("[DONE]".utf8))
            writer.finishEvents()
        }
    } else {
        var text = ""
        var entries: [TokenLogprob] = []
        outcome = try model.generate(job, isCancelled: { writer.clientHasGone }) { piece in
            text += piece.text
            if let entry = piece.logprob { entries.append(entry) }
            return true
        }
        if outcome.clientGone {
            writer.abandon()
        } else {
            let usage = OpenAIResponse.Usage(promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens)
            let choice = shape.whole(text: text, logprobs: logprobs == nil ? nil : entries, finishReason: outcome.finishReason)
            writer.respond(status: 200, json: body(shape.object, [choice], usage))
        }
    }
    let s = outcome.stats
    return String(format: "prompt %d (%d cached), completion %d tokens, %.1f tok/s, %@", outcome.promptTokens, outcome.reusedTokens,
                  outcome.completionTokens, s.generationTokensPerSecond, outcome.clientGone ? "client gone" : outcome.finishReason)
}
