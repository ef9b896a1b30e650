import CZlib
import Foundation

/// Greyscale image files: binary PGM ("P5") and 8-bit greyscale PNG.
public enum ImageFileFormat: String, Sendable, CaseIterable {
    case png, pgm

    public var fileExtension: String { rawValue }

    public func encode(_ image: GrayImage) -> [UInt8] {
        switch self {
        case .pgm: return Array("P5\n\(image.width) \(image.height)\n255\n".utf8) + image.pixels
        case .png: return PNGEncoder.encode(image)
        }
    }

    /// Writes atomically: on a full disk or any other failure the file that was there stays,
    /// and no empty or cut-short image is left behind.
    public func write(_ image: GrayImage, to path: String) throws(AtomicFile.Failure) {
        try AtomicFile.write(Data(encode(image)), to: URL(fileURLWithPath: path), permissions: 0o644)
    }
}

/// A minimal PNG writer: signature, IHDR (8-bit grey), one IDAT holding the zlib-deflated rows
/// (each behind filter byte 0, "none"), IEND; every chunk closed by its CRC-32.
public enum PNGEncoder {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    public static func encode(_ image: GrayImage) -> [UInt8] {
        var header: [UInt8] = []
        header += bigEndian(UInt32(image.width)) + bigEndian(UInt32(image.height))
        header += [8, 0, 0, 0, 0] // bit depth 8, colour type 0 (grey), deflate, adaptive filters, no interlace
        var raw: [UInt8] = []
        raw.reserveCapacity((image.width + 1) * image.height)
        for y in 0 ..< image.height {
            raw.append(0)
            raw += image.pixels[y * image.width ..< (y + 1) * image.width]
        }
        return signature + chunk("IHDR", header) + chunk("IDAT", deflate(raw)) + chunk("IEND", [])
    }

    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = compress2(&out, &size, bytes, uLong(bytes.count), Z_BEST_COMPRESSION)
        precondition(status == Z_OK, "zlib compress2 failed (\(status))")
        return Array(out[0 ..< Int(size)])
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        let crc = body.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc)
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
}
