import Foundation
@testable import Engine

/// Real models the tests use when they are in the local cache (`genplay pull NAME`).
enum TestModels {
    static var cacheDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["GENPLAY_MODELS"] { return dir }
        let base = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? NSHomeDirectory() + "/.cache"
        return base + "/genplay/models"
    }

    static func path(_ file: String) -> String? {
        let p = cacheDirectory + "/" + file
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    static let smolLM2Path = path("SmolLM2-135M-Instruct.Q4_1.gguf")
    static let missingSmolLM2 = "SmolLM2-135M-Instruct.Q4_1.gguf is not in \(cacheDirectory): run `genplay pull smollm2-135m-instruct` (needs network)"

    /// Fixture files next to the test sources.
    static func fixture(_ relative: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + relative)
    }
}
