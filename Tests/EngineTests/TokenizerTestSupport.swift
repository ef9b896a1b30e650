import Foundation
import Testing
@testable import Engine

/// Where the tokenizer tests find what they need besides the committed fixtures: the SmolLM2
/// and Gemma 3 models (see `TestModels`) and the llama.cpp source tree the anchor script
/// unpacks. Tests that need one skip with a message saying what is missing.
enum TokenizerTestSupport {
    static var smolLM2Path: String? { TestModels.smolLM2Path }
    static let smolLM2Missing = Comment(rawValue: TestModels.missingSmolLM2)

    /// llama.cpp's source tree from `../shared/tools/llamacpp-anchor` (`$LLAMACPP_ANCHOR_DIR`,
    /// default `~/.cache/llamacpp-anchor`).
    static var llamaCppSourcePath: String {
        let env = ProcessInfo.processInfo.environment
        let root = env["LLAMACPP_ANCHOR_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory() + "/.cache/llamacpp-anchor"
        let version = env["LLAMACPP_PY_VERSION"] ?? "0.3.36"
        return "\(root)/\(version)/src/vendor/llama.cpp"
    }

    static var llamaCppSource: String? {
        FileManager.default.fileExists(atPath: llamaCppSourcePath + "/models") ? llamaCppSourcePath : nil
    }

    static let llamaCppMissing = Comment(rawValue:
        "llama.cpp source not found at \(llamaCppSourcePath) (run ../shared/tools/llamacpp-anchor)")

    static func fixtureURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/tokenizer").appendingPathComponent(name)
    }

    static func loadSmolLM2() throws -> any Tokenizer {
        guard let path = smolLM2Path else { throw GGUFError.cannotOpen(path: TestModels.missingSmolLM2, reason: "not found") }
        return try loadTokenizer(from: GGUFFile(path: path))
    }

    static var gemma3Path: String? { TestModels.gemma3Path }
    static let gemma3Missing = Comment(rawValue: TestModels.missingGemma3)

    static func loadGemma3() throws -> any Tokenizer {
        guard let path = gemma3Path else { throw GGUFError.cannotOpen(path: TestModels.missingGemma3, reason: "not found") }
        return try loadTokenizer(from: GGUFFile(path: path))
    }
}
