import CZlib

/// Reads entries of a ZIP archive (a Python wheel) from a memory map: stored or deflated, no ZIP64.
public struct ZipArchive {
    public struct Entry: Equatable {
        public let name: String
        let method: UInt16
        let compressedSize: Int
        public let size: Int
        let headerOffset: Int
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notZip(String)
        case corrupt(String)
        case unsupported(String)

        public var description: String {
            switch self {
            case let .notZip(path): return "\(path) is not a ZIP archive"
            case let .corrupt(what): return "damaged archive: \(what)"
            case let .unsupported(what): return "unsupported archive feature: \(what)"
            }
        }
    }

    public let entries: [Entry]
    private let file: MappedFile

    public init(path: String) throws {
        file = try MappedFile(path: path)
        let bytes = file.bytes
        // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
        guard bytes.count >= 22, let end = (max(0, bytes.count - 65_557) ... bytes.count - 22).reversed()
            .first(where: { bytes.loadUnaligned(fromByteOffset: $0, as: UInt32.self) == 0x0605_4B50 })
        else { throw Failure.notZip(path) }
        let count = Int(bytes.loadUnaligned(fromByteOffset: end + 10, as: UInt16.self))
        var offset = Int(bytes.loadUnaligned(fromByteOffset: end + 16, as: UInt32.self))
        var entries: [Entry] = []
        for _ in 0 ..< count {
            guard offset + 46 <= bytes.count, bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self) == 0x0201_4B50
            else { throw Failure.corrupt("central directory at byte \(offset)") }
            func u16(_ at: Int) -> Int { Int(bytes.loadUnaligned(fromByteOffset: offset + at, as: UInt16.self)) }
            func u32(_ at: Int) -> Int { Int(bytes.loadUnaligned(fromByteOffset: offset + at, as: UInt32.self)) }
            let nameLength = u16(28), extraLength = u16(30), commentLength = u16(32)
            guard offset + 46 + nameLength <= bytes.count else { throw Failure.corrupt("entry name at byte \(offset)") }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset + 46 ..< offset + 46 + nameLength]), as: UTF8.self)
            if u32(20) == 0xFFFF_FFFF || u32(24) == 0xFFFF_FFFF { throw Failure.unsupported("ZIP64 entry \(name)") }
            entries.append(Entry(name: name, method: UInt16(u16(10)), compressedSize: u32(20), size: u32(24), headerOffset: u32(42)))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// Streams an entry's contents to `sink` in chunks.
    public func extract(_ entry: Entry, chunk: Int = 1 << 20, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let bytes = file.bytes
        let h = entry.headerOffset
        guard h + 30 <= bytes.count, bytes.loadUnaligned(fromByteOffset: h, as: UInt32.self) == 0x0403_4B50
        else { throw Failure.corrupt("local header of \(entry.name)") }
        let start = h + 30 + Int(bytes.loadUnaligned(fromByteOffset: h + 26, as: UInt16.self))
            + Int(bytes.loadUnaligned(fromByteOffset: h + 28, as: UInt16.self))
        guard start + entry.compressedSize <= bytes.count else { throw Failure.corrupt("data of \(entry.name) runs past the end") }
        let data = UnsafeRawBufferPointer(rebasing: bytes[start ..< start + entry.compressedSize])
        switch entry.method {
        case 0: try sink(data)
        case 8: try inflate(data, expected: entry.size, chunk: chunk, name: entry.name, to: sink)
        default: throw Failure.unsupported("compression method \(entry.method) for \(entry.name)")
        }
    }

    private func inflate(_ data: UnsafeRawBufferPointer, expected: Int, chunk: Int, name: String,
                         to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var stream = z_stream()
        guard gp_inflate_init_raw(&stream) == Z_OK else { throw Failure.corrupt("cannot start inflating \(name)") }
        defer { inflateEnd(&stream) }
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { out.deallocate() }
        stream.next_in = UnsafeMutablePointer(mutating: data.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(data.count)
        var produced = 0
        while true {
            stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(chunk)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            guard status == Z_OK || status == Z_STREAM_END else { throw Failure.corrupt("\(name) does not inflate (zlib \(status))") }
            let n = chunk - Int(stream.avail_out)
            produced += n
            if n > 0 { try sink(UnsafeRawBufferPointer(rebasing: out[0 ..< n])) }
            if status == Z_STREAM_END { break }
            if n == 0 && stream.avail_in == 0 { throw Failure.corrupt("\(name) ends early") }
        }
        guard produced == expected else { throw Failure.corrupt("\(name) inflated to \(produced) bytes, expected \(expected)") }
    }
}
