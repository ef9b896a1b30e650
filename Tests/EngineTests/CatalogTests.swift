import Foundation
import Testing
@testable import Engine

@Suite struct CatalogTests {
    @Test func sha256MatchesKnownVectors() {
        var empty = SHA256()
        #expect(empty.finalize() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = SHA256()
        abc.update(Array("abc".utf8))
        #expect(abc.finalize() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // 1,000,000 × "a", fed in uneven chunks to cross block boundaries.
        var million = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 777)
        var left = 1_000_000
        while left > 0 {
            let n = min(left, chunk.count)
            million.update(Array(chunk[0 ..< n]))
            left -= n
        }
        #expect(million.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func zipArchiveInflatesAndCopies() throws {
        let archive = try ZipArchive(path: TestModels.fixture("catalog/tiny.whl").path)
        #expect(archive.entries.map(\.name) == ["pkg/data.txt", "pkg/stored.bin"])
        var text = Data()
        try archive.extract(archive.entries[0], chunk: 100) { text.append(contentsOf: $0) }
        #expect(String(decoding: text, as: UTF8.self) == String(repeating: "genplay ", count: 400))
        var stored = Data()
        try archive.extract(archive.entries[1]) { stored.append(contentsOf: $0) }
        #expect(Array(stored) == Array(0 ... 255))
    }

    @Test func zipArchiveRejectsOtherFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notzip-\(UUID())").path
        try Data("definitely not a zip archive".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ZipArchive.Failure.notZip(path)) { try ZipArchive(path: path) }
    }

    @Test func catalogResolvesNamesAndPaths() throws {
        #expect(ModelCatalog.named("SmolLM2-135M-Instruct")?.fileName == "SmolLM2-135M-Instruct.Q4_1.gguf")
        #expect(try ModelCatalog.resolve("/some/file.gguf") == "/some/file.gguf")
        #expect(ModelCatalog.named(ModelCatalog.defaultChatModel) != nil)
    }

    /// Each entry declares its architecture; what the registry cannot load is not offered as
    /// runnable, and a downloaded file's header agrees with the declaration.
    @Test func catalogEntriesDeclareArchitecturesTheRegistryKnows() throws {
        let runnable = ModelCatalog.runnable.map(\.name)
        #expect(runnable.contains(ModelCatalog.defaultChatModel))
        for model in ModelCatalog.models {
            #expect(runnable.contains(model.name) == ModelRegistry.supports(model.architecture), "\(model.name)")
            #expect((model.unsupportedReason == nil) == ModelRegistry.supports(model.architecture))
            if ModelCatalog.isDownloaded(model) {
                let file = try GGUFFile(path: ModelCatalog.localPath(model))
                #expect(try file.requireString(GGUFKey.architecture) == model.architecture, "\(model.name)'s file")
            }
        }
        #expect(ModelCatalog.runnable.map(\.name) == ["smollm2-135m-instruct", "gemma3-270m"])
    }
}
