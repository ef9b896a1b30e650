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

/// Malformed files give typed errors that say what and where, never a crash.
@Suite struct GGUFMalformedTests {
    static func bytes(_ edit: (inout GGUFWriter) -> Void = { _ in }) -> [UInt8] {
        var w = GGUFWriter()
        w.set("general.architecture", .string("llama"))
        w.addF32("t", shape: [2, 2], [1, 2, 3, 4])
        edit(&w)
        return w.serialize()
    }

    static func open(_ bytes: [UInt8]) throws -> GGUFFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).gguf").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try GGUFFile(path: path)
    }

    static func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { for (i, b) in $0.enumerated() { bytes[offset + i] = b } }
    }

    /// Byte offsets of a tensor info's type and data-offset fields, found by its name record.
    static func tensorFields(_ name: String, dims: Int, in bytes: [UInt8]) -> (type: Int, offset: Int) {
        var record: [UInt8] = []
        withUnsafeBytes(of: UInt64(name.utf8.count).littleEndian) { record += $0 }
        record += Array(name.utf8)
        withUnsafeBytes(of: UInt32(dims).littleEndian) { record += $0 }
        let start = bytes.indices.first { bytes[$0...].starts(with: record) }!
        let type = start + record.count + 8 * dims
        return (type, type + 4)
    }

    @Test func wrongMagicAndVersions() {
        var b = Self.bytes()
        b[0] = UInt8(ascii: "X")
        #expect { try Self.open(b) } throws: { "\($0)".hasSuffix("is not a GGUF file (magic bytes are not 'GGUF')") }
        var v1 = Self.bytes()
        Self.put(UInt32(1), at: 4, in: &v1)
        #expect(throws: GGUFError.unsupportedVersion(1)) { try Self.open(v1) }
        var swapped = Self.bytes()
        Self.put(UInt32(3).byteSwapped, at: 4, in: &swapped)
        #expect(throws: GGUFError.bigEndian) { try Self.open(swapped) }
    }

    @Test func countsLargerThanTheFile() {
        var b = Self.bytes()
        Self.put(UInt64(1) << 63, at: 8, in: &b) // tensor count
        #expect(throws: GGUFError.countTooLarge(what: "tensor count", count: 1 << 63, offset: 8)) { try Self.open(b) }
    }

    @Test func everyTruncationIsATypedError() {
        let full = Self.bytes()
        for length in 0 ..< full.count - 32 { // the last bytes are tensor data and padding
            #expect(throws: GGUFError.self) { try Self.open(Array(full[0 ..< length])) }
        }
    }

    @Test func stringLengthPastTheEnd() {
        var b = Self.bytes()
        Self.put(UInt64(1_000_000), at: 24, in: &b) // length of the first key
        #expect(throws: GGUFError.countTooLarge(what: "key of metadata #0", count: 1_000_000, offset: 24)) { try Self.open(b) }
    }

    @Test func tensorProblemsNameTheTensor() throws {
        #expect(throws: GGUFError.duplicateKey("k")) {
            try Self.open(Self.bytes { w in w.metadata.append(("k", .uint8(1))); w.metadata.append(("k", .uint8(2))) })
        }
        #expect(throws: GGUFError.duplicateTensor("t")) { try Self.open(Self.bytes { $0.addF32("t", shape: [1], [0]) }) }
        #expect(throws: GGUFError.tooManyDimensions(tensor: "five", dims: 5)) {
            try Self.open(Self.bytes { $0.tensors.append(.init(name: "five", type: .f32, shape: [1, 1, 1, 1, 1], data: [0, 0, 0, 0])) })
        }
        #expect(throws: GGUFError.badShape(tensor: "zero", shape: [0, 4])) {
            try Self.open(Self.bytes { $0.tensors.append(.init(name: "zero", type: .f32, shape: [0, 4], data: [])) })
        }
        #expect(throws: GGUFError.rowNotBlockAligned(tensor: "q", type: "Q8_0", rowLength: 16, blockSize: 32)) {
            try Self.open(Self.bytes { $0.tensors.append(.init(name: "q", type: .q8_0, shape: [16], data: [UInt8](repeating: 0, count: 34))) })
        }
        var b = Self.bytes()
        Self.put(UInt32(99), at: Self.tensorFields("t", dims: 2, in: b).type, in: &b) // no type 99
        #expect(throws: GGUFError.unknownTensorType(tensor: "t", type: 99)) { try Self.open(b) }
    }

    @Test func tensorDataOutOfBoundsOrOverlapping() {
        var out = Self.bytes()
        out.removeLast(32) // the tensor's data
        #expect(throws: GGUFError.tensorOutOfBounds(tensor: "t", offset: 0, bytes: 16, dataSize: 0)) { try Self.open(out) }
        var two = GGUFWriter()
        two.addF32("a", shape: [8], Array(repeating: 1, count: 8))
        two.addF32("b", shape: [8], Array(repeating: 2, count: 8))
        let bytes = two.serialize()
        var misaligned = bytes
        Self.put(UInt64(16), at: Self.tensorFields("b", dims: 1, in: bytes).offset, in: &misaligned)
        #expect(throws: GGUFError.misalignedTensor(tensor: "b", offset: 16, alignment: 32)) { try Self.open(misaligned) }
        var overlapping = bytes
        Self.put(UInt64(0), at: Self.tensorFields("b", dims: 1, in: bytes).offset, in: &overlapping)
        #expect(throws: GGUFError.overlappingTensors("a", "b")) { try Self.open(overlapping) }
    }

    @Test func loaderErrorsNameTheProblem() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("arch-\(UUID()).gguf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var w = GGUFWriter()
        w.set("general.architecture", .string("mamba"))
        try w.write(to: path)
        #expect(throws: ModelError.unsupportedArchitecture("mamba")) { try ModelRegistry.load(GGUFFile(path: path), options: ModelOptions()) }
        var tiny = TinyLlama.writer()
        let i = tiny.tensors.firstIndex { $0.name == "blk.0.attn_q.weight" }!
        tiny.tensors[i] = .init(name: "blk.0.attn_q.weight", type: .q6_K, shape: [256, 64], data: [UInt8](repeating: 0, count: 64 * 210))
        try tiny.write(to: path)
        #expect(throws: ModelError.unsupportedTensorType(tensor: "blk.0.attn_q.weight", type: "Q6_K")) {
            try ModelRegistry.load(GGUFFile(path: path), options: ModelOptions())
        }
    }
}
