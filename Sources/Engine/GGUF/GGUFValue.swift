/// GGUF metadata value type codes, as written in the file.
public enum GGUFValueType: UInt32, Sendable, CaseIterable {
    case uint8 = 0, int8 = 1, uint16 = 2, int16 = 3, uint32 = 4, int32 = 5
    case float32 = 6, bool = 7, string = 8, array = 9, uint64 = 10, int64 = 11, float64 = 12

    /// Bytes one value of this type occupies at least (strings: the length prefix; arrays:
    /// the element type and count). Used to reject element counts the file cannot hold.
    var minimumSize: Int {
        switch self {
        case .uint8, .int8, .bool: return 1
        case .uint16, .int16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64, .string: return 8
        case .array: return 12
        }
    }
}

/// One metadata value. Arrays keep their declared element type so `info` can show it even
/// when they are empty.
public enum GGUFValue: Sendable, Equatable {
    case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16), uint32(UInt32), int32(Int32)
    case float32(Float), bool(Bool), string(String), uint64(UInt64), int64(Int64), float64(Double)
    case array(GGUFValueType, [GGUFValue])

    public var type: GGUFValueType {
        switch self {
        case .uint8: return .uint8
        case .int8: return .int8
        case .uint16: return .uint16
        case .int16: return .int16
        case .uint32: return .uint32
        case .int32: return .int32
        case .float32: return .float32
        case .bool: return .bool
        case .string: return .string
        case .uint64: return .uint64
        case .int64: return .int64
        case .float64: return .float64
        case .array: return .array
        }
    }

    /// A human name for the type, e.g. "uint32" or "array[string]".
    public var typeName: String {
        if case let .array(element, _) = self { return "array[\(element)]" }
        return "\(type)"
    }

    /// The value as an integer, for any integer type (nil for other types or out-of-range).
    public var integer: Int? {
        switch self {
        case let .uint8(v): return Int(v)
        case let .int8(v): return Int(v)
        case let .uint16(v): return Int(v)
        case let .int16(v): return Int(v)
        case let .uint32(v): return Int(v)
        case let .int32(v): return Int(v)
        case let .uint64(v): return Int(exactly: v)
        case let .int64(v): return Int(v)
        default: return nil
        }
    }

    /// The value as a floating-point number, for float and integer types.
    public var double: Double? {
        switch self {
        case let .float32(v): return Double(v)
        case let .float64(v): return v
        default: return integer.map(Double.init)
        }
    }

    public var string: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var bool: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    public var array: [GGUFValue]? {
        if case let .array(_, values) = self { return values }
        return nil
    }
}

extension GGUFValue: CustomStringConvertible {
    /// A short rendering for `info`: long arrays and strings are abbreviated.
    public var description: String {
        switch self {
        case let .string(s):
            let escaped = s.unicodeScalars.prefix(80).map { $0.escaped(asASCII: false) }.joined()
            return "\"\(escaped)\"" + (s.unicodeScalars.count > 80 ? "…" : "")
        case let .array(_, values):
            let shown = values.prefix(6).map(\.description).joined(separator: ", ")
            return "[\(shown)\(values.count > 6 ? ", … (\(values.count) items)" : "")]"
        case let .float32(v): return "\(v)"
        case let .float64(v): return "\(v)"
        case let .bool(v): return "\(v)"
        case let .uint64(v): return "\(v)"
        default: return integer.map(String.init) ?? "?"
        }
    }
}
