import Foundation
import Testing
@testable import Engine

/// The PyTorch parity fixtures in Fixtures/images and the checkpoints they were made from.
enum ImageFixtures {
    static let tolerance: Float = 1e-3
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The GAN is the last checkpoint to arrive: its tests wait for the file and its fixture.
    static let hasGAN = FileManager.default.fileExists(atPath: TestModels.fixture("images/gan-fixture.gguf").path)
        && FileManager.default.fileExists(atPath: checkpointPath(ImageCheckpoints.gan))

    static func fixture(_ name: String) throws -> GGUFFile {
        try GGUFFile(path: TestModels.fixture("images/" + name).path)
    }

    static func checkpointPath(_ name: String) -> String { repository.appendingPathComponent("Checkpoints/" + name).path }

    static func checkpoint(_ name: String) throws -> GGUFFile { try GGUFFile(path: checkpointPath(name)) }

    /// The checkpoint a fixture was made from; records an issue (stale fixture) when its
    /// SHA-256 differs from the one the fixture recorded.
    static func source(of fixture: GGUFFile) throws -> GGUFFile {
        let name = try fixture.requireString("fixture.checkpoint")
        let file = try checkpoint(name)
        var hash = SHA256()
        hash.update(UnsafeRawBufferPointer(file.file.bytes))
        let expected = try fixture.requireString("fixture.checkpoint_sha256")
        let found = hash.finalize()
        #expect(found == expected, "stale fixture: \(name) was re-exported; run Checkpoints/recipes/make_fixtures.py")
        return file
    }

    /// An F32 fixture tensor, flat, row-major.
    static func tensor(_ file: GGUFFile, _ name: String) throws -> [Float] {
        guard let info = file.tensor(named: name) else { throw ModelError.missingTensor(name) }
        let data = file.data(of: info)
        return Array(UnsafeBufferPointer(start: data.baseAddress!.assumingMemoryBound(to: Float.self), count: info.elementCount))
    }

    static func integers(_ file: GGUFFile, _ name: String) throws -> [Int] { try tensor(file, name).map { Int($0) } }

    static func maxAbs(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "\(a.count) vs \(b.count) values")
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    /// Expects a within tolerance of the fixture tensor, printing the max abs difference.
    static func expectClose(_ a: [Float], _ file: GGUFFile, _ name: String, tolerance: Float = tolerance,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try tensor(file, name)
        let error = maxAbs(a, expected)
        print("parity \(file.path.split(separator: "/").last!) \(name): max abs \(error)")
        #expect(error <= tolerance, "\(name): max abs \(error) > \(tolerance)", sourceLocation: sourceLocation)
    }
}
