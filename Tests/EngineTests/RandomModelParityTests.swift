import Foundation
import Testing
@testable import Engine
import TestSupport

/// The random-weight models (TestSupport/RandomModels.swift), written once per test process
/// into a temporary folder, or into `$GENPLAY_RANDOM_MODELS` when set: make_fixtures.sh sets it
/// to run llama.cpp on the very files the tests check. They need llama.cpp's vocabularies.
enum RandomModelFiles {
    static let vocabularies = TokenizerTestSupport.llamaCppSource.map { $0 + "/models" }
    static let canRun = vocabularies != nil && BuildFlavor.optimized
    static let cannotRun = vocabularies == nil ? TokenizerTestSupport.llamaCppMissing.rawValue : TestModels.debugBuild("the random-weight models")

    static let directory: String = {
        if let dir = ProcessInfo.processInfo.environment["GENPLAY_RANDOM_MODELS"], !dir.isEmpty { return dir }
        let dir = NSTemporaryDirectory() + "genplay-random-models-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    static let paths: [RandomModel: String] = {
        guard let vocabularies else { return [:] }
        var paths: [RandomModel: String] = [:]
        for model in RandomModel.allCases { paths[model] = try? model.write(into: directory, vocabularies: vocabularies) }
        return paths
    }()

    static func fixture(_ model: RandomModel) throws -> ParityFixture {
        try ParityFixture(name: "random \(model.rawValue)", path: paths[model], fixture: "random-\(model.rawValue)")
    }
}

@Suite(.serialized, .enabled(if: RandomModelFiles.canRun, Comment(rawValue: RandomModelFiles.cannotRun)))
struct RandomModelParityTests {
    /// The files are the ones llama.cpp ran on: their SHA-256 is recorded with the fixtures.
    @Test(arguments: RandomModel.allCases)
    func theWrittenFileIsTheOneTheFixturesCameFrom(_ model: RandomModel) throws {
        let path = try #require(RandomModelFiles.paths[model])
        let expected = try String(contentsOf: TestModels.fixture("llama/random-\(model.rawValue).sha256"), encoding: .utf8)
        var hash = SHA256()
        hash.update(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(hash.finalize() == expected.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: RandomModel.allCases)
    func loadsAsItsArchitecture(_ model: RandomModel) throws {
        let file = try GGUFFile(path: try #require(RandomModelFiles.paths[model]))
        let transformer = try #require(try ModelRegistry.load(file, options: ModelOptions(contextLength: 256, threads: 2)) as? Transformer)
        #expect(transformer.config.architecture == model.architecture)
        #expect(transformer.config.headDim == (model == .qwen3 ? 128 : 64))
    }

    @Test(arguments: RandomModel.allCases)
    func firstTokenLogitsMatchLlamaCpp(_ model: RandomModel) throws { try RandomModelFiles.fixture(model).checkFirstTokenLogits() }

    @Test(arguments: RandomModel.allCases)
    func greedyContinuationsMatchLlamaCpp(_ model: RandomModel) throws { try RandomModelFiles.fixture(model).checkGreedyContinuations() }

    /// Phi-3's LongRoPE factors follow the context: short ones up to the original context.
    @Test func longRopeFactorsFollowTheContext() throws {
        let file = try GGUFFile(path: try #require(RandomModelFiles.paths[.phi3]))
        let config = try TransformerConfig(file: file, architecture: "phi3")
        let tensors = ModelTensors(file)
        let short = try tensors.optionalFloats(TensorName.ropeFactorsShort, count: 32)
        let long = try tensors.optionalFloats(TensorName.ropeFactorsLong, count: 32)
        #expect(short != nil && long != nil && short != long)
        #expect(try tensors.ropeFactors(config, context: RandomModel.originalContext, longRope: true) == short)
        #expect(try tensors.ropeFactors(config, context: RandomModel.originalContext + 1, longRope: true) == long)
        #expect(config.ropeAttentionFactor == 1.190_238)
    }
}
