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

    /// The files' SHA-256, as recorded with their fixtures.
    static func recordedHash(_ fixture: String) throws -> String {
        try String(contentsOf: TestModels.fixture("llama/\(fixture).sha256"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func hash(ofFile path: String) throws -> String {
        var hash = SHA256()
        hash.update(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        return hash.finalize()
    }
}

/// The random-weight models quantized by llama.cpp's llama-quantize (Q8_0, and Q4_K_M: Q4_K
/// with Q6_K for some matrices), which genplay cannot write: make_fixtures.sh makes them into
/// the genplay cache (or `$GENPLAY_RANDOM_MODELS`), and the tests run where they are.
enum QuantizedRandomModels {
    static let quantizations = ["Q8_0", "Q4_K_M"]
    static let names = RandomModel.allCases.flatMap { m in quantizations.map { "random-\(m.rawValue)-\($0)" } }
    static let directory = ProcessInfo.processInfo.environment["GENPLAY_RANDOM_MODELS"].flatMap { $0.isEmpty ? nil : $0 }
        ?? (ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? NSHomeDirectory() + "/.cache") + "/genplay/random-models"
    static func path(_ name: String) -> String { directory + "/" + name + ".gguf" }
    static let present = names.allSatisfy { FileManager.default.fileExists(atPath: path($0)) }
    static let canRun = present && BuildFlavor.optimized
    static let cannotRun = !present
        ? "the quantized random-weight models are not in \(directory): Tests/EngineTests/Fixtures/llama/make_fixtures.sh random makes them with llama.cpp's llama-quantize"
        : TestModels.debugBuild("the quantized random-weight models")

    static func fixture(_ name: String) throws -> ParityFixture {
        #expect(try RandomModelFiles.hash(ofFile: path(name)) == RandomModelFiles.recordedHash(name), "\(path(name)) is not the file the fixtures came from")
        return try ParityFixture(name: name, path: path(name), fixture: name)
    }
}

@Suite(.serialized, .enabled(if: QuantizedRandomModels.canRun, Comment(rawValue: QuantizedRandomModels.cannotRun)))
struct QuantizedRandomModelParityTests {
    @Test(arguments: QuantizedRandomModels.names)
    func firstTokenLogitsMatchLlamaCpp(_ name: String) throws { try QuantizedRandomModels.fixture(name).checkFirstTokenLogits() }

    @Test(arguments: QuantizedRandomModels.names)
    func greedyContinuationsMatchLlamaCpp(_ name: String) throws { try QuantizedRandomModels.fixture(name).checkGreedyContinuations() }
}

@Suite(.serialized, .enabled(if: RandomModelFiles.canRun, Comment(rawValue: RandomModelFiles.cannotRun)))
struct RandomModelParityTests {
    /// The files are the ones llama.cpp ran on: their SHA-256 is recorded with the fixtures.
    @Test(arguments: RandomModel.allCases)
    func theWrittenFileIsTheOneTheFixturesCameFrom(_ model: RandomModel) throws {
        let path = try #require(RandomModelFiles.paths[model])
        #expect(try RandomModelFiles.hash(ofFile: path) == RandomModelFiles.recordedHash("random-\(model.rawValue)"))
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
