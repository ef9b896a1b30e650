import Engine
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import TUI

/// The engine backend on a tiny model that says "la di da " forever, with a 96-token context:
/// conversations and replies longer than the context keep going by dropping the oldest turns.
@Suite struct EngineChatBackendTests {
    static let capacity = 96
    static let path: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("la-di-da-\(getpid()).gguf").path
        try! TinyLlama.scripted(["la ", "di ", "da "]).write(to: path)
        return path
    }()

    /// A model of its own for each test: tests run in parallel, and a model runs one thing at a time.
    static func load() throws -> LanguageModelBundle {
        try LanguageModelBundle(path: path, options: ModelOptions(contextLength: capacity, threads: 1))
    }

    static func window() throws -> ContextWindow {
        let tokenizer = try load().tokenizer
        return ContextWindow(format: try BuiltInChatFormat(tokenizer: tokenizer), tokenizer: tokenizer, capacity: capacity)
    }

    /// Runs one request to its end; returns its events.
    static func events(_ turns: [ChatTurn], replyLimit: Int, stopStrings: [String] = [],
                       mode: GenerationMode = .stream) throws -> [GenerationEvent] {
        let model = try load()
        let backend = EngineChatBackend(model: model.model, tokenizer: model.tokenizer,
                                        format: try BuiltInChatFormat(tokenizer: model.tokenizer), replyLimit: replyLimit)
        let events = Mutex<[GenerationEvent]>([])
        let done = DispatchSemaphore(value: 0)
        var settings = SamplerSettings()
        settings.stopStrings = stopStrings
        backend.start(GenerationRequest(id: 1, turns: turns, mode: mode), settings: LiveSamplerSettings(settings)) { event in
            events.withLock { $0.append(event) }
            if case .finished = event { done.signal() }
        }
        done.wait()
        return events.withLock { $0 }
    }

    /// A conversation of `exchanges` questions and answers, then a last question. As tokens:
    /// 11 for the system turn, 25 per exchange, 10 for the question, 11 for the reply's header.
    static func conversation(_ exchanges: Int) -> [ChatTurn] {
        [ChatTurn(role: .system, text: "S")]
            + (0 ..< exchanges).flatMap { _ in [ChatTurn(role: .user, text: "V?"), ChatTurn(role: .assistant, text: "la")] }
            + [ChatTurn(role: .user, text: "A?")]
    }

    static func contextSizes(_ events: [GenerationEvent]) -> [Int] {
        events.compactMap { if case .promptProcessed(let n) = $0 { n } else { nil } }
    }

    static func replyText(_ events: [GenerationEvent]) -> String {
        events.compactMap { if case .token(let t) = $0 { t.text } else { nil } }.joined()
    }

    @Test func aShortConversationIsSentWhole() throws {
        let turns = Self.conversation(1)
        let events = try Self.events(turns, replyLimit: 6)
        #expect(try Self.window().prompt(for: turns, reply: 0)?.dropped == 0)
        #expect(Self.replyText(events) == "la di da la di da ")
        #expect(events.last == .finished(.lengthLimit))
    }

    /// The prompt alone is longer than the context: the oldest exchanges go.
    @Test func aLongConversationDropsItsOldestTurns() throws {
        let turns = Self.conversation(4)  // 132 tokens
        let window = try Self.window()
        let fitted = try #require(try window.prompt(for: turns, reply: 0))
        #expect(fitted.dropped == 8)  // every exchange: one would not leave half of the context free
        #expect(try fitted.tokens == window.format.render([turns[0], turns.last!], tokenizer: window.tokenizer))
        let events = try Self.events(turns, replyLimit: 6)
        #expect(Self.contextSizes(events) == [fitted.tokens.count])
        #expect(Self.replyText(events) == "la di da la di da ")
    }

    /// A reply that runs past the end of the context shifts it (82 + 14 tokens: both exchanges
    /// go, leaving 32 + 14) and goes on.
    @Test func aLongReplyShiftsTheContextAndGoesOn() throws {
        let events = try Self.events(Self.conversation(2), replyLimit: 45)
        #expect(events.last == .finished(.lengthLimit))
        #expect(Self.replyText(events) == String(repeating: "la di da ", count: 15))
        #expect(Self.contextSizes(events) == [82, 46])
    }

    /// The question and the reply alone fill the context: nothing is left to drop.
    @Test func aReplyLongerThanTheContextEndsWithContextFull() throws {
        let events = try Self.events([ChatTurn(role: .user, text: "Sing.")], replyLimit: 500)
        #expect(events.last == .finished(.contextFull))
        #expect(events.filter { if case .token = $0 { true } else { false } }.count < Self.capacity)
    }

    // MARK: Stop strings

    static func replyTokens(_ events: [GenerationEvent]) -> [String] {
        events.compactMap { if case .token(let t) = $0 { t.text } else { nil } }
    }

    static let question = [ChatTurn(role: .user, text: "Sing.")]

    /// The stop string's tokens never reach the reply; it ends with `.stopString`.
    @Test func aStopStringEndsTheReplyBeforeIt() throws {
        let events = try Self.events(Self.question, replyLimit: 50, stopStrings: ["da"])
        #expect(Self.replyTokens(events) == ["la ", "di "])
        #expect(events.last == .finished(.stopString))
    }

    /// "i da la" starts inside "di " and spans two more tokens: "di " is cut to "d".
    @Test func aStopStringOverSeveralTokensCutsTheTokenItStartsIn() throws {
        let events = try Self.events(Self.question, replyLimit: 50, stopStrings: ["zzz", "i da la"])
        #expect(Self.replyTokens(events) == ["la ", "d"])
        #expect(events.last == .finished(.stopString))
    }

    /// Tokens held back as the possible start of a stop string come out when the limit ends
    /// the reply.
    @Test func heldTokensAreFlushedAtTheEnd() throws {
        let events = try Self.events(Self.question, replyLimit: 2, stopStrings: ["la di da!"])
        #expect(Self.replyTokens(events) == ["la ", "di "])
        #expect(events.last == .finished(.lengthLimit))
    }

    /// In step mode the user picks every token: a proposal is never held back or cut.
    @Test func stepModeProposalsIgnoreStopStrings() throws {
        let events = try Self.events(Self.question, replyLimit: 50, stopStrings: ["la"], mode: .proposeNext)
        let proposals = events.compactMap { if case .proposal(let t) = $0 { t.text } else { nil } }
        #expect(proposals == ["la "])
        #expect(events.last == .finished(.proposed))
    }
}
