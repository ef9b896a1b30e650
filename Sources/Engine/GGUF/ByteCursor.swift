/// Reads little-endian values from a byte buffer, checking every read against the end.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    mutating func require(_ count: Int, _ what: @autoclosure () -> String) throws {
        guard count <= remaining else {
            throw GGUFError.truncated(what: what(), offset: offset, needed: count, available: remaining)
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws -> T {
        try require(MemoryLayout<T>.size, what())
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func readFloat(_ what: @autoclosure () -> String) throws -> Float {
        Float(bitPattern: try read(UInt32.self, what()))
    }

    mutating func readDouble(_ what: @autoclosure () -> String) throws -> Double {
        Double(bitPattern: try read(UInt64.self, what()))
    }

    /// A count that must fit `minimumSize`-byte items in what is left of the file.
    mutating func readCount(minimumSize: Int, _ what: @autoclosure () -> String) throws -> Int {
        let at = offset
        let count = try read(UInt64.self, what())
        let (needed, overflow) = count.multipliedReportingOverflow(by: UInt64(max(minimumSize, 1)))
        guard !overflow, needed <= UInt64(remaining) else {
            throw GGUFError.countTooLarge(what: what(), count: count, offset: at)
        }
        return Int(count)
    }

    /// How many `T`s to reserve room for when the file announces `count` of them: never more
    /// bytes than are left in the file. Arrays grow past that only as items are actually
    /// parsed, and each parsed item takes file bytes, so an announced count costs nothing.
    func reservation<T>(_ count: Int, of _: T.Type) -> Int {
        min(count, remaining / max(MemoryLayout<T>.stride, 1))
    }

    /// A GGUF string: u64 length then bytes. Keys and names must be valid UTF-8; values are
    /// decoded with replacement characters so an odd vocabulary entry does not reject a model.
    mutating func readString(_ what: @autoclosure () -> String, strict: Bool) throws -> String {
        let at = offset
        let length = try readCount(minimumSize: 1, "length of \(what())")
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + length])
        offset += length
        if strict {
            guard let s = String(validating: slice, as: UTF8.self) else {
                throw GGUFError.invalidUTF8(what: what(), offset: at)
            }
            return s
        }
        return String(decoding: slice, as: UTF8.self)
    }
}
