import Foundation
import Testing
@testable import Engine
import TestSupport

/// `Perplexity` against llama-perplexity's results on the same text and files
/// (Fixtures/llama/NAME-perplexity.json, from make_fixtures.sh): within 0.1 %.
enum PerplexityFixture {
    static let text = try! String(contentsOf: TestModels.fixture("llama/perplexity-sonnets.txt"), encoding: .utf8)

    struct Reference: Decodable {
        let context: Int
        let ppl: Double
        let error: Double
        let running: [Double]
    }

    static func check(_ name: String, path: String?) throws {
        let file = try GGUFFile(path: try #require(path))
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: TestModels.fixture("llama/\(name)-perplexity.json")))
        let model = try ModelRegistry.load(file, options: ModelOptions(contextLength: reference.context, threads: 2))
        let perplexity = try Perplexity(text: text, tokenizer: try loadTokenizer(from: file), context: reference.context)
        let result = try perplexity.run(model)
        let off = abs(result.perplexity / reference.ppl - 1)
        print("\(name): PPL = \(result.perplexity) ± \(result.error), llama-perplexity \(reference.ppl) ± \(reference.error): "
            + "relative difference \(off), \(String(format: "%.4f", result.bitsPerByte)) bits per byte")
        #expect(off <= 1e-3)
        #expect(abs(result.error / reference.error - 1) <= 1e-3)
        #expect(result.running.count == reference.running.count)
        for (ours, theirs) in zip(result.running, reference.running) { #expect(abs(ours / theirs - 1) <= 1e-3) }
    }
}

@Suite(.serialized) struct PerplexityTests {
    @Test(.enabled(if: TestModels.canRunSmolLM2, Comment(rawValue: TestModels.cannotRunSmolLM2)))
    func smolLM2MatchesLlamaPerplexity() throws { try PerplexityFixture.check("smollm2", path: TestModels.smolLM2Path) }

    @Test(.enabled(if: TestModels.canRunGemma3, Comment(rawValue: TestModels.cannotRunGemma3)))
    func gemma3MatchesLlamaPerplexity() throws { try PerplexityFixture.check("gemma3", path: TestModels.gemma3Path) }

    @Test(.enabled(if: RandomModelFiles.canRun, Comment(rawValue: RandomModelFiles.cannotRun)), arguments: RandomModel.allCases)
    func randomModelsMatchLlamaPerplexity(_ model: RandomModel) throws {
        try PerplexityFixture.check("random-\(model.rawValue)", path: RandomModelFiles.paths[model])
    }

    @Test(.enabled(if: QuantizedRandomModels.canRun, Comment(rawValue: QuantizedRandomModels.cannotRun)), arguments: QuantizedRandomModels.names)
    func quantizedRandomModelsMatchLlamaPerplexity(_ name: String) throws {
        try PerplexityFixture.check(name, path: QuantizedRandomModels.path(name))
    }

    /// The logits of every position are the ones the usual evaluation of the prefix gives, within
    /// float noise: the rows kept after the last attention are multiplied as a batch of their
    /// own, as in llama.cpp, which rounds differently from one row.
    @Test(.enabled(if: RandomModelFiles.canRun, Comment(rawValue: RandomModelFiles.cannotRun)))
    func everyPositionsLogitsAgreeWithTheLastTokensOnes() throws {
        let file = try GGUFFile(path: try #require(RandomModelFiles.paths[.qwen2]))
        let model = try ModelRegistry.load(file, options: ModelOptions(contextLength: 256, threads: 2))
        let tokens = Array(try loadTokenizer(from: file).encode(PerplexityFixture.text).prefix(40))
        var rows: [Int: [Float]] = [:]
        try model.evaluate(tokens, at: 0, logitsFrom: 30) { i, logits in rows[i] = Array(logits) }
        #expect(rows.keys.sorted() == Array(30 ..< 40))
        for end in [35, 40] {
            let last = Array(try model.evaluate(Array(tokens.prefix(end)), at: 0))
            let diff = zip(last, rows[end - 1]!).map { abs($0 - $1) }.max()!
            #expect(diff <= 1e-3, "position \(end - 1): \(diff)")
        }
    }

    @Test func aTextShorterThanTwoChunksIsAClearError() throws {
        let tokenizer = try TinyVocabulary().load()
        #expect(throws: Perplexity.Failure.tooShort(tokens: tokenizer.encode("ab", addSpecial: true, parseSpecial: false).count, context: 512)) {
            try Perplexity(text: "ab", tokenizer: tokenizer, context: 512)
        }
    }
}
