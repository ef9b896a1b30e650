import Engine
import Render
@testable import TUI

let testNow = 1_700_000_000.0

/// A model with the colourless theme, `width`×`height`, and a model loaded unless `ready` is false.
func makeModel(width: Int = 80, height: Int = 24, ready: Bool = true) -> AppModel {
    var model = AppModel(size: Size(width: width, height: height), theme: ThemeLibrary.builtin("mono"), now: testNow)
    if ready {
        model.send(.modelStatus(.ready(ModelInfo(name: "tiny-llama", contextLength: 2048))))
        model.notice = nil
    }
    return model
}

extension AppModel {
    /// Handles `msg` at `time`; by default at the time of the last message, as if no time passed.
    @discardableResult
    mutating func send(_ msg: Msg, at time: Double? = nil) -> [Effect] { update(&self, msg, at: time ?? now) }

    @discardableResult
    mutating func press(_ key: Key, at time: Double? = nil) -> [Effect] { send(.key(key), at: time) }

    mutating func type(_ text: String) {
        for character in text { send(.key(.char(character))) }
    }

    @discardableResult
    mutating func receive(_ event: GenerationEvent, request: Int? = nil, at time: Double = testNow) -> [Effect] {
        let id = request ?? chat.generation?.requestID ?? 0
        return send(.generation(GenerationUpdate(requestID: id, event: event, time: time)))
    }

    /// Sends `text` as a message and streams `reply` back as one token per word.
    mutating func exchange(_ text: String, reply: [String]) {
        type(text)
        press(Key(.enter))
        receive(.promptProcessed(contextTokens: 10))
        for (index, piece) in reply.enumerated() {
            receive(.token(token(piece, id: Int32(100 + index))), at: testNow + Double(index))
        }
        receive(.finished(.endOfGeneration))
    }

    /// The screen's rows with trailing spaces removed.
    var screen: [String] { view(self).lines.map { $0.trimmingTrailingSpaces() } }
}

func token(_ text: String, id: Int32, probability: Float = 0.5, alternatives: [TokenAlternative]? = nil,
           end: Bool = false) -> GeneratedToken {
    GeneratedToken(id: id, text: text, probability: probability,
                   alternatives: alternatives ?? [TokenAlternative(id: id, text: text, probability: probability),
                                                  TokenAlternative(id: id + 1000, text: text.uppercased(), probability: probability / 2)],
                   isEndOfGeneration: end)
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}

extension Array where Element == String {
    /// Whether any row contains `text`.
    func contains(text: String) -> Bool { contains { $0.contains(text) } }
}

extension Array where Element == Effect {
    var requests: [GenerationRequest] {
        compactMap { if case .startGeneration(let request) = $0 { request } else { nil } }
    }
}
