import Foundation
import Testing
import TestSupport
@testable import Engine

/// Generation on the tiny random model: cache reuse, branching, stepping and live settings.
@Suite struct TokenStreamTests {
    static let path: String = {
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-llama-stream-\(getpid()).gguf").path
        try! TinyLlama.writer().write(to: p)
        return p
    }()

    func makeStream(_ settings: SamplerSettings) throws -> TokenStream {
        let file = try GGUFFile(path: Self.path)
        let model = try ModelRegistry.load(file, options: ModelOptions(contextLength: 256, threads: 2))
        return TokenStream(model: model, tokenizer: try loadTokenizer(from: file), settings: LiveSamplerSettings(settings))
    }

    func generate(_ stream: TokenStream, _ count: Int) throws -> [Int32] {
        var out: [Int32] = []
        while out.count < count, let t = try stream.next() { out.append(t.id) }
        return out
    }

    var sampling: SamplerSettings {
        var s = SamplerSettings()
        s.temperature = 1.5
        s.topK = 0
        s.topP = 1
        s.minP = 0
        s.seed = 77
        return s
    }

    @Test func branchingReusesTheCacheAndMatchesAFreshRun() throws {
        let stream = try makeStream(sampling)
        let prompt = stream.tokenizer.encode("hello there")
        stream.reset(to: prompt)
        let first = try generate(stream, 12)
        // Branch after 5 generated tokens onto another token, then continue.
        let branch = prompt + first.prefix(5) + [Int32(65)]
        #expect(stream.reset(to: branch) == prompt.count + 5) // only the new token is evaluated
        let continued = try generate(stream, 8)
        let fresh = try makeStream(sampling)
        fresh.reset(to: branch)
        #expect(try generate(fresh, 8) == continued)
    }

    @Test func steppingGivesTheSameTokensAsStreaming() throws {
        let stream = try makeStream(sampling)
        let prompt = stream.tokenizer.encode("once upon")
        stream.reset(to: prompt)
        let streamed = try generate(stream, 10)
        let stepper = try makeStream(sampling)
        var accepted: [Int32] = []
        for _ in 0 ..< 10 {
            stepper.reset(to: prompt + accepted, replyStart: prompt.count)
            accepted.append(try #require(try stepper.next()).id)
        }
        #expect(accepted == streamed)
    }

    @Test func settingsChangedMidStreamApplyToTheNextToken() throws {
        let stream = try makeStream(sampling)
        stream.reset(to: stream.tokenizer.encode("abc"))
        _ = try generate(stream, 3)
        stream.settings.update { $0.temperature = 0 }
        for _ in 0 ..< 5 {
            let token = try #require(try stream.next())
            #expect(token.alternatives.first?.id == token.id) // greedy: the most likely token
            #expect(token.probability == token.alternatives.first?.probability)
        }
    }

    @Test func contextFullIsReported() throws {
        let stream = try makeStream(sampling)
        stream.reset(to: Array(repeating: 65, count: 250))
        _ = try generate(stream, 6)
        #expect(throws: InferenceError.contextFull(needed: 257, capacity: 256)) { try stream.next() }
    }

    @Test func detokenizerKeepsCharactersWholeAcrossTheReplyBoundary() throws {
        let stream = try makeStream(sampling)
        let euro = Array("€".utf8).map { Int32($0) } // three byte tokens
        stream.reset(to: [65] + euro.prefix(2), replyStart: 1)
        let token = stream.append(euro[2])
        #expect(token.text == "€")
    }
}
