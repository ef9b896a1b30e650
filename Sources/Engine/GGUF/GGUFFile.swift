/// Where a tensor's data lives in the file, with its type and shape (ggml order: ne0 first,
/// so a matrix of `rows` rows of `ne0` columns has shape [ne0, rows]).
public struct GGUFTensorInfo: Sendable, Equatable {
    public let name: String
    public let type: GGMLType
    public let shape: [Int]
    /// Absolute byte offset of the data in the file.
    public let fileOffset: Int
    public let byteCount: Int

    public var elementCount: Int { shape.reduce(1, *) }
}

/// A parsed GGUF file: metadata, tensor directory and the memory map the tensor data lives in.
/// Every length, count, offset and shape is checked against the file size before use.
public final class GGUFFile: @unchecked Sendable {
    public let path: String
    public let version: UInt32
    /// Metadata in file order.
    public let metadata: [(key: String, value: GGUFValue)]
    public let tensors: [GGUFTensorInfo]
    public let alignment: Int
    public let dataOffset: Int
    public let file: MappedFile
    private let keyIndex: [String: Int]
    private let tensorIndex: [String: Int]

    public convenience init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    public init(file: MappedFile) throws {
        self.file = file
        path = file.path
        var cursor = ByteCursor(file.bytes)
        guard file.bytes.count >= 4, try cursor.read(UInt32.self, "magic") == 0x4655_4747 else {
            throw GGUFError.notGGUF(path: file.path)
        }
        let version = try cursor.read(UInt32.self, "version")
        if version & 0xFFFF == 0, version != 0 { throw GGUFError.bigEndian }
        guard version == 2 || version == 3 else { throw GGUFError.unsupportedVersion(version) }
        self.version = version
        // Tensor infos take at least 4+8+4+8 bytes plus a name; metadata pairs at least 8+4+1.
        let tensorCount = try cursor.readCount(minimumSize: 25, "tensor count")
        let kvCount = try cursor.readCount(minimumSize: 13, "metadata count")

        var metadata: [(key: String, value: GGUFValue)] = []
        var keyIndex: [String: Int] = [:]
        metadata.reserveCapacity(cursor.reservation(kvCount, of: (key: String, value: GGUFValue).self))
        for i in 0 ..< kvCount {
            let key = try cursor.readString("key of metadata #\(i)", strict: true)
            guard keyIndex[key] == nil else { throw GGUFError.duplicateKey(key) }
            let typeOffset = cursor.offset
            let rawType = try cursor.read(UInt32.self, "type of '\(key)'")
            guard let type = GGUFValueType(rawValue: rawType) else {
                throw GGUFError.unknownValueType(rawType, key: key, offset: typeOffset)
            }
            let value = try Self.readValue(type, key: key, depth: 0, &cursor)
            keyIndex[key] = metadata.count
            metadata.append((key, value))
        }
        self.metadata = metadata
        self.keyIndex = keyIndex

        let alignment: Int
        if let index = keyIndex[GGUFKey.alignment] {
            guard case let .uint32(a) = metadata[index].value else {
                throw GGUFError.wrongValueType(key: GGUFKey.alignment, expected: "uint32",
                                               found: metadata[index].value.typeName)
            }
            guard a > 0, a & (a - 1) == 0 else { throw GGUFError.badAlignment(UInt64(a)) }
            alignment = Int(a)
        } else {
            alignment = 32
        }
        self.alignment = alignment

        var raw: [RawTensorInfo] = []
        var tensorIndex: [String: Int] = [:]
        raw.reserveCapacity(cursor.reservation(tensorCount, of: RawTensorInfo.self))
        for i in 0 ..< tensorCount {
            let t = try Self.readTensorInfo(index: i, &cursor)
            guard tensorIndex[t.name] == nil else { throw GGUFError.duplicateTensor(t.name) }
            tensorIndex[t.name] = raw.count
            raw.append(t)
        }
        self.tensorIndex = tensorIndex

        let padded = (cursor.offset + alignment - 1) / alignment * alignment
        dataOffset = min(padded, file.bytes.count)
        let dataSize = file.bytes.count - dataOffset
        var tensors: [GGUFTensorInfo] = []
        tensors.reserveCapacity(raw.count)
        for t in raw {
            guard t.offset % UInt64(alignment) == 0 else {
                throw GGUFError.misalignedTensor(tensor: t.name, offset: t.offset, alignment: alignment)
            }
            guard t.offset <= UInt64(dataSize), t.bytes <= dataSize - Int(t.offset) else {
                throw GGUFError.tensorOutOfBounds(tensor: t.name, offset: t.offset, bytes: t.bytes, dataSize: dataSize)
            }
            tensors.append(GGUFTensorInfo(name: t.name, type: t.type, shape: t.shape,
                                          fileOffset: dataOffset + Int(t.offset), byteCount: t.bytes))
        }
        let byOffset = tensors.sorted { $0.fileOffset < $1.fileOffset }
        for (a, b) in zip(byOffset, byOffset.dropFirst()) where a.fileOffset + a.byteCount > b.fileOffset {
            throw GGUFError.overlappingTensors(a.name, b.name)
        }
        self.tensors = tensors
    }

    private static func readValue(_ type: GGUFValueType, key: String, depth: Int,
                                  _ c: inout ByteCursor) throws -> GGUFValue {
        // Error descriptions are autoclosures: built only when a read fails.
        switch type {
        case .uint8: return .uint8(try c.read(UInt8.self, "value of '\(key)'"))
        case .int8: return .int8(try c.read(Int8.self, "value of '\(key)'"))
        case .uint16: return .uint16(try c.read(UInt16.self, "value of '\(key)'"))
        case .int16: return .int16(try c.read(Int16.self, "value of '\(key)'"))
        case .uint32: return .uint32(try c.read(UInt32.self, "value of '\(key)'"))
        case .int32: return .int32(try c.read(Int32.self, "value of '\(key)'"))
        case .uint64: return .uint64(try c.read(UInt64.self, "value of '\(key)'"))
        case .int64: return .int64(try c.read(Int64.self, "value of '\(key)'"))
        case .float32: return .float32(try c.readFloat("value of '\(key)'"))
        case .float64: return .float64(try c.readDouble("value of '\(key)'"))
        case .bool: return .bool(try c.read(UInt8.self, "value of '\(key)'") != 0)
        case .string: return .string(try c.readString("value of '\(key)'", strict: false))
        case .array:
            let typeOffset = c.offset
            guard depth < GGUFLimits.maxArrayDepth else { throw GGUFError.nestingTooDeep(key: key, offset: typeOffset) }
            let rawType = try c.read(UInt32.self, "element type of '\(key)'")
            guard let element = GGUFValueType(rawValue: rawType) else {
                throw GGUFError.unknownValueType(rawType, key: key, offset: typeOffset)
            }
            let count = try c.readCount(minimumSize: element.minimumSize, "element count of '\(key)'")
            var values: [GGUFValue] = []
            values.reserveCapacity(c.reservation(count, of: GGUFValue.self))
            for _ in 0 ..< count { values.append(try readValue(element, key: key, depth: depth + 1, &c)) }
            return .array(element, values)
        }
    }

    /// A tensor info as read, before its offset is checked against the data section.
    private typealias RawTensorInfo = (name: String, type: GGMLType, shape: [Int], offset: UInt64, bytes: Int)

    private static func readTensorInfo(index: Int, _ c: inout ByteCursor) throws -> RawTensorInfo {
        let name = try c.readString("name of tensor #\(index)", strict: true)
        let dims = try c.read(UInt32.self, "dimension count of '\(name)'")
        guard dims >= 1, dims <= UInt32(GGUFLimits.maxDimensions) else {
            throw GGUFError.tooManyDimensions(tensor: name, dims: dims)
        }
        var raw: [UInt64] = []
        for _ in 0 ..< dims { raw.append(try c.read(UInt64.self, "shape of '\(name)'")) }
        let rawType = try c.read(UInt32.self, "type of '\(name)'")
        let offset = try c.read(UInt64.self, "data offset of '\(name)'")
        // The element count must be positive and its byte size must fit in the address space.
        var elements: UInt64 = 1
        for d in raw {
            let (product, overflow) = elements.multipliedReportingOverflow(by: d)
            guard d > 0, !overflow, product <= UInt64(Int.max / 8) else { throw GGUFError.badShape(tensor: name, shape: raw) }
            elements = product
        }
        guard let type = GGMLType(rawValue: rawType) else { throw GGUFError.unknownTensorType(tensor: name, type: rawType) }
        let shape = raw.map { Int($0) }
        guard shape[0] % type.blockSize == 0 else {
            throw GGUFError.rowNotBlockAligned(tensor: name, type: type.name, rowLength: shape[0], blockSize: type.blockSize)
        }
        return (name, type, shape, offset, Int(elements) / type.blockSize * type.blockBytes)
    }

    // MARK: - Lookup

    public subscript(key: String) -> GGUFValue? {
        keyIndex[key].map { metadata[$0].value }
    }

    public func tensor(named name: String) -> GGUFTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }

    /// The raw bytes of a tensor, in place in the memory map.
    public func data(of tensor: GGUFTensorInfo) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.bytes[tensor.fileOffset ..< tensor.fileOffset + tensor.byteCount])
    }
}
