import Foundation
import Testing
@testable import Engine

/// Each sampler on a tiny hand-made distribution.
@Suite struct SamplingTests {
    /// logits ln(0.5), ln(0.25), ln(0.15), ln(0.1): probabilities 0.5, 0.25, 0.15, 0.1.
    static let probabilities: [Float] = [0.5, 0.25, 0.15, 0.1]
    static var candidates: TokenCandidates {
        TokenCandidates(probabilities.enumerated().map { TokenCandidate(id: Int32($0.offset), logit: logf($0.element)) })
    }

    func ids(_ c: TokenCandidates) -> [Int32] { c.items.map(\.id) }

    @Test func topKKeepsTheKBest() {
        var c = Self.candidates
        c.items.reverse()
        TopKSampler(k: 2).apply(&c)
        #expect(ids(c) == [0, 1])
        var all = Self.candidates
        TopKSampler(k: 0).apply(&all)
        #expect(all.items.count == 4)
    }

    @Test func topKSelectsFromALargeSetLikeASort() {
        var rng = SeededGenerator(seed: 7)
        let logits = (0 ..< 5000).map { _ in Float(rng.nextUnit() * 10).rounded() } // many ties
        var c = TokenCandidates(logits.enumerated().map { TokenCandidate(id: Int32($0.offset), logit: $0.element) })
        c.keepTop(40)
        let expected = logits.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
            .prefix(40).map { Int32($0.offset) }
        #expect(ids(c) == expected)
    }

    @Test func topPKeepsTheSmallestNucleus() {
        var c = Self.candidates
        TopPSampler(p: 0.7).apply(&c)
        #expect(ids(c) == [0, 1]) // 0.5 < 0.7 <= 0.75
        var d = Self.candidates
        TopPSampler(p: 0.5).apply(&d)
        #expect(ids(d) == [0])
        var e = Self.candidates
        TopPSampler(p: 1).apply(&e)
        #expect(e.items.count == 4)
    }

    @Test func minPKeepsTokensNearTheBest() {
        var c = Self.candidates
        MinPSampler(p: 0.3).apply(&c) // keeps p >= 0.15
        #expect(ids(c) == [0, 1, 2])
        var d = Self.candidates
        MinPSampler(p: 0.6).apply(&d) // keeps p >= 0.3
        #expect(ids(d) == [0])
    }

    @Test func temperatureSharpensOrFlattens() {
        var c = Self.candidates
        TemperatureSampler(temperature: 0.5).apply(&c)
        c.normalize()
        // p ∝ p0^2: 0.25, 0.0625, 0.0225, 0.01 over 0.345
        #expect(abs(c.items[0].probability - 0.25 / 0.345) < 1e-5)
        var g = Self.candidates
        g.items.reverse()
        TemperatureSampler(temperature: 0).apply(&g)
        #expect(ids(g) == [0])
    }

    @Test func penaltiesFollowLlamaCpp() {
        var c = TokenCandidates([TokenCandidate(id: 0, logit: 2), TokenCandidate(id: 1, logit: -2), TokenCandidate(id: 2, logit: 1)])
        PenaltySampler(lastN: 3, repeatPenalty: 2, frequencyPenalty: 0.5, presencePenalty: 0.25)
            .apply(&c, history: [5, 0, 1, 1])
        // token 0 (count 1): 2/2 - 0.5 - 0.25; token 1 (count 2): -2*2 - 1 - 0.25; token 2 untouched
        #expect(c.items.map(\.logit) == [0.25, -5.25, 1])
        var window = TokenCandidates([TokenCandidate(id: 5, logit: 4)])
        PenaltySampler(lastN: 3, repeatPenalty: 2, frequencyPenalty: 0, presencePenalty: 0).apply(&window, history: [5, 0, 1, 1])
        #expect(window.items[0].logit == 4) // 5 is outside the last 3
    }

    @Test func greedyPicksTheArgmaxAndReportsTheSoftmax() {
        let logits: [Float] = Self.probabilities.map { logf($0) }
        var chain = SamplerChain()
        var settings = SamplerSettings()
        settings.temperature = 0
        let result = logits.withUnsafeBufferPointer { chain.sample($0, history: [], position: 0, settings: settings, alternatives: 3) }
        #expect(result.id == 0)
        #expect(abs(result.probability - 0.5) < 1e-6)
        #expect(result.alternatives.map(\.id) == [0, 1, 2])
        #expect(abs(result.alternatives[2].probability - 0.15) < 1e-6)
    }

    @Test func sameSeedSameDrawsAndFrequenciesFollowTheDistribution() {
        let logits: [Float] = Self.probabilities.map { logf($0) }
        var settings = SamplerSettings()
        settings.temperature = 1
        settings.topK = 0
        settings.topP = 1
        settings.minP = 0
        settings.seed = 42
        func draws() -> [Int32] {
            var chain = SamplerChain()
            return (0 ..< 4000).map { p in logits.withUnsafeBufferPointer { chain.sample($0, history: [], position: p, settings: settings).id } }
        }
        let a = draws(), b = draws()
        #expect(a == b)
        for (id, p) in Self.probabilities.enumerated() {
            let freq = Double(a.filter { $0 == Int32(id) }.count) / Double(a.count)
            #expect(abs(freq - Double(p)) < 0.03, "token \(id): \(freq) vs \(p)")
        }
        settings.seed = 43
        var other = SamplerChain()
        let c = (0 ..< 4000).map { p in logits.withUnsafeBufferPointer { other.sample($0, history: [], position: p, settings: settings).id } }
        #expect(c != a)
    }

    @Test func aDrawDependsOnlyOnSeedAndPosition() {
        let logits: [Float] = [0, 0, 0, 0, 0, 0, 0, 0]
        var settings = SamplerSettings()
        settings.temperature = 1
        settings.seed = 9
        var streaming = SamplerChain()
        let stream = (0 ..< 32).map { p in logits.withUnsafeBufferPointer { streaming.sample($0, history: [], position: p, settings: settings).id } }
        // One fresh chain per token, as step mode and branches use it, gives the same tokens.
        let stepped = (0 ..< 32).map { p -> Int32 in
            var chain = SamplerChain()
            return logits.withUnsafeBufferPointer { chain.sample($0, history: [], position: p, settings: settings).id }
        }
        #expect(stream == stepped)
        #expect(Set(stream).count > 3)
    }

    /// Settings a hand-edited chat file can carry: the chain still draws a token, never traps.
    @Test(arguments: [(Float(2), Float(0.95), 40), (0.05, 0, 40), (50, 0.95, 0), (Float.nan, Float.nan, 1)])
    func settingsThatFilterEverythingStillGiveTheMostLikelyToken(minP: Float, topP: Float, topK: Int) {
        let logits: [Float] = [0.5, 3, 1, -2]
        var settings = SamplerSettings()
        (settings.minP, settings.topP, settings.topK, settings.temperature) = (minP, topP, topK, 1e30)
        var chain = SamplerChain()
        let token = logits.withUnsafeBufferPointer { chain.sample($0, history: [], position: 0, settings: settings) }
        // min-p above 1 acts as 1 and top-p 0 keeps one: only the best is left. NaNs filter nothing.
        #expect(minP.isNaN ? (0 ..< 4).contains(token.id) : token.id == 1, "min-p \(minP): \(token)")
    }

    @Test func clampedBringsEveryKnobWithinItsLimits() {
        var wild = SamplerSettings()
        (wild.temperature, wild.topK, wild.topP, wild.minP) = (1e30, -3, .nan, 2)
        (wild.repeatPenalty, wild.repeatLastN, wild.presencePenalty, wild.frequencyPenalty) = (0, -9, 1e9, -.infinity)
        wild.stopStrings = ["", "ok", String(repeating: "x", count: 5000)] + Array(repeating: "s", count: 100)
        let (settings, changed) = wild.clamped()
        #expect(settings.temperature == 100 && settings.topK == 0 && settings.topP == SamplerSettings().topP && settings.minP == 1)
        #expect(settings.repeatPenalty == 0.01 && settings.repeatLastN == -1 && settings.presencePenalty == 100 && settings.frequencyPenalty == -100)
        #expect(settings.stopStrings.count == 64 && settings.stopStrings[0] == "ok" && settings.stopStrings[1].count == 1024)
        #expect(changed == ["temperature", "top-k", "top-p", "min-p", "repeat penalty", "repeat window", "presence penalty",
                            "frequency penalty", "stop strings"])
        #expect(SamplerSettings().clamped().changed.isEmpty && SamplerSettings().clamped().settings == SamplerSettings())
    }
}
