import Foundation
@testable import Engine
import TestSupport

/// Real models the tests use when they are in the local cache (`genplay pull NAME`).
enum TestModels {
    static var cacheDirectory: String { ModelCatalog.cacheDirectory }

    static func path(_ file: String) -> String? {
        let p = cacheDirectory + "/" + file
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    static let smolLM2Path = path("SmolLM2-135M-Instruct.Q4_1.gguf")
    static let missingSmolLM2 = "SmolLM2-135M-Instruct.Q4_1.gguf is not in \(cacheDirectory): run `genplay pull smollm2-135m-instruct` (needs network)"

    static let gemma3Path = path("gemma-3-270m-q4_k_m.gguf")
    static let missingGemma3 = "gemma-3-270m-q4_k_m.gguf is not in \(cacheDirectory): run `genplay pull gemma3-270m` (needs network)"

    static let canRunSmolLM2 = smolLM2Path != nil && BuildFlavor.optimized
    static let cannotRunSmolLM2 = smolLM2Path == nil ? missingSmolLM2 : debugBuild("SmolLM2")
    static let canRunGemma3 = gemma3Path != nil && BuildFlavor.optimized
    static let cannotRunGemma3 = gemma3Path == nil ? missingGemma3 : debugBuild("Gemma 3")

    static func debugBuild(_ model: String) -> String {
        "\(model) runs are skipped in debug builds: use `swift test -c release -Xswiftc -enable-testing`"
    }

    /// Fixture files next to the test sources.
    static func fixture(_ relative: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + relative)
    }
}
