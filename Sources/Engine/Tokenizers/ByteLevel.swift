/// GPT-2's reversible map between bytes and printable characters. Byte-level BPE vocabularies
/// store every token as the characters of its bytes under this map, so that no token holds a
/// space, a control character or a lone piece of a UTF-8 sequence: printable Latin-1 bytes
/// (`!`...`~`, `¡`...`¬`, `®`...`ÿ`) stand for themselves and the other 68 bytes, in order,
/// for U+0100, U+0101, ... (the space 0x20 becomes `Ġ` U+0120, the newline `Ċ` U+010A).
public enum ByteLevel {
    /// The character standing for each byte.
    public static let scalarForByte: [UInt32] = {
        let printable = Array(0x21 ... 0x7E) + Array(0xA1 ... 0xAC) + Array(0xAE ... 0xFF)
        var table = [UInt32](repeating: 0, count: 256)
        for b in printable { table[b] = UInt32(b) }
        var next: UInt32 = 0x100
        for b in 0 ..< 256 where !printable.contains(b) {
            table[b] = next
            next += 1
        }
        return table
    }()

    /// The byte a character stands for, indexed by scalar value (all lie below U+0144).
    private static let byteForScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: 0x144)
        for (b, scalar) in scalarForByte.enumerated() { table[Int(scalar)] = Int16(b) }
        return table
    }()

    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let v = Int(scalar.value)
        return v < byteForScalar.count && byteForScalar[v] >= 0 ? UInt8(byteForScalar[v]) : nil
    }

    /// The bytes a vocabulary entry stands for. A character outside the map (some added
    /// tokens are stored as plain text) contributes its own UTF-8 bytes.
    static func decode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let b = byte(for: scalar) { bytes.append(b) } else { bytes.append(contentsOf: String(scalar).utf8) }
        }
        return bytes
    }

    /// The vocabulary spelling (as UTF-8) of some bytes.
    public static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var text: [UInt8] = []
        for b in bytes {
            // Every mapped character is below U+0800: one or two UTF-8 bytes.
            let scalar = scalarForByte[Int(b)]
            if scalar < 0x80 {
                text.append(UInt8(scalar))
            } else {
                text.append(0xC0 | UInt8(scalar >> 6))
                text.append(0x80 | UInt8(scalar & 0x3F))
            }
        }
        return text
    }
}
