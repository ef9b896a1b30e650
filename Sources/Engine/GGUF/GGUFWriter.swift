import Foundation

/// Builds GGUF files in memory: used by tests, by the malformed-file corpus and to write tiny
/// random-weight models when no real model is available.
public struct GGUFWriter {
    public struct Tensor {
        public var name: String
        public var type: GGMLType
        public var shape: [Int]
        public var data: [UInt8]

        public init(name: String, type: GGMLType, shape: [Int], data: [UInt8]) {
            self.name = name
            self.type = type
            self.shape = shape
            self.data = data
        }
    }

    public var version: UInt32 = 3
    public var alignment = 32
    public var metadata: [(key: String, value: GGUFValue)] = []
    public var tensors: [Tensor] = []

    public init() {}

    public mutating func set(_ key: String, _ value: GGUFValue) {
        if let i = metadata.firstIndex(where: { $0.key == key }) { metadata[i].value = value } else {
            metadata.append((key, value))
        }
    }

    /// Adds an F32 tensor from floats.
    public mutating func addF32(_ name: String, shape: [Int], _ values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "\(name): \(values.count) values for shape \(shape)")
        let bytes = values.withUnsafeBytes { Array($0) }
        tensors.append(Tensor(name: name, type: .f32, shape: shape, data: bytes))
    }

    /// Adds an F16 tensor from floats (rounded to the nearest half).
    public mutating func addF16(_ name: String, shape: [Int], _ values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "\(name): \(values.count) values for shape \(shape)")
        let bytes = values.map { Float16($0).bitPattern }.withUnsafeBytes { Array($0) }
        tensors.append(Tensor(name: name, type: .f16, shape: shape, data: bytes))
    }

    public func serialize() -> [UInt8] {
        var out: [UInt8] = []
        out.append(contentsOf: Array("GGUF".utf8))
        append(version, to: &out)
        append(UInt64(tensors.count), to: &out)
        append(UInt64(metadata.count), to: &out)
        for (key, value) in metadata {
            appendString(key, to: &out)
            append(value.type.rawValue, to: &out)
            appendValue(value, to: &out)
        }
        var offset = 0
        var offsets: [Int] = []
        for t in tensors {
            offsets.append(offset)
            offset = (offset + t.data.count + alignment - 1) / alignment * alignment
        }
        for (t, tensorOffset) in zip(tensors, offsets) {
            appendString(t.name, to: &out)
            append(UInt32(t.shape.count), to: &out)
            for d in t.shape { append(UInt64(d), to: &out) }
            append(t.type.rawValue, to: &out)
            append(UInt64(tensorOffset), to: &out)
        }
        pad(&out)
        for t in tensors {
            out.append(contentsOf: t.data)
            pad(&out)
        }
        return out
    }

    /// Writes the file atomically (temporary file, then rename).
    public func write(to path: String) throws {
        try Data(serialize()).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private func pad(_ out: inout [UInt8]) {
        while out.count % alignment != 0 { out.append(0) }
    }

    private func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private func appendString(_ s: String, to out: inout [UInt8]) {
        append(UInt64(s.utf8.count), to: &out)
        out.append(contentsOf: Array(s.utf8))
    }

    private func appendValue(_ value: GGUFValue, to out: inout [UInt8]) {
        switch value {
        case let .uint8(v): append(v, to: &out)
        case let .int8(v): append(v, to: &out)
        case let .uint16(v): append(v, to: &out)
        case let .int16(v): append(v, to: &out)
        case let .uint32(v): append(v, to: &out)
        case let .int32(v): append(v, to: &out)
        case let .uint64(v): append(v, to: &out)
        case let .int64(v): append(v, to: &out)
        case let .float32(v): append(v.bitPattern, to: &out)
        case let .float64(v): append(v.bitPattern, to: &out)
        case let .bool(v): append(UInt8(v ? 1 : 0), to: &out)
        case let .string(s): appendString(s, to: &out)
        case let .array(element, items):
            append(element.rawValue, to: &out)
            append(UInt64(items.count), to: &out)
            for item in items { appendValue(item, to: &out) }
        }
    }
}
