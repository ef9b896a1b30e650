import Engine
import Foundation
import Testing
import TestSupport
@testable import TUI

/// The Models tab's library reads each file's architecture and says what it cannot load.
@Suite struct EngineModelLibraryTests {
    static func write(_ writer: GGUFWriter, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID()).gguf").path
        try writer.write(to: path)
        return path
    }

    @Test func filesSayWhetherTheirArchitectureRuns() throws {
        let llama = try Self.write(TinyLlama.writer(), "llama")
        var gemma = TinyLlama.writer()
        gemma.set(GGUFKey.architecture, .string("gemma2"))
        let gemmaPath = try Self.write(gemma, "gemma")
        let junk = FileManager.default.temporaryDirectory.appendingPathComponent("junk-\(UUID()).gguf").path
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: junk))
        defer { for p in [llama, gemmaPath, junk] { try? FileManager.default.removeItem(atPath: p) } }

        #expect(EngineModelLibrary.unavailable(llama) == nil)
        #expect(EngineModelLibrary.unavailable(gemmaPath) == "Gemma 2: needs the gemma2 architecture")
        #expect(EngineModelLibrary.unavailable(junk)?.contains("is not a GGUF file") == true)

        let entries = EngineModelLibrary(options: ModelOptions(), extraPath: gemmaPath).availableModels()
        #expect(entries.firstIndex { $0.unavailable != nil }.map { i in entries[i...].allSatisfy { $0.unavailable != nil } } ?? true,
                "what cannot be loaded is listed after what can")
        #expect(entries.first { $0.id == gemmaPath }?.unavailable != nil)
    }
}
