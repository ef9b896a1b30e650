import Foundation
import Testing
@testable import Engine

@Suite struct GGUFReaderTests {
    @Test func roundTripsMetadataAndTensors() throws {
        var w = GGUFWriter()
        w.set("general.architecture", .string("llama"))
        w.set("nested", .array(.array, [.array(.int32, [.int32(1), .int32(2)]), .array(.int32, [])]))
        w.addF32("a", shape: [4, 2], [1, 2, 3, 4, 5, 6, 7, 8])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID()).gguf").path
        try w.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let f = try GGUFFile(path: path)
        #expect(f.version == 3)
        #expect(try f.requireString("general.architecture") == "llama")
        #expect(f["nested"] == .array(.array, [.array(.int32, [.int32(1), .int32(2)]), .array(.int32, [])]))
        let t = try #require(f.tensor(named: "a"))
        #expect(t.shape == [4, 2] && t.type == .f32 && t.byteCount == 32)
        #expect(f.data(of: t).load(fromByteOffset: 28, as: Float.self) == 8)
    }
}
