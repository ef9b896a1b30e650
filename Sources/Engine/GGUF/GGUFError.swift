/// Everything that can be wrong with a GGUF file, each case naming what was expected,
/// what was found and where (byte offset, key or tensor name).
public enum GGUFError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case notGGUF(path: String)
    case bigEndian
    case unsupportedVersion(UInt32)
    case truncated(what: String, offset: Int, needed: Int, available: Int)
    case countTooLarge(what: String, count: UInt64, offset: Int)
    case invalidUTF8(what: String, offset: Int)
    case unknownValueType(UInt32, key: String, offset: Int)
    case nestingTooDeep(key: String, offset: Int)
    case duplicateKey(String)
    case duplicateTensor(String)
    case badAlignment(UInt64)
    case wrongValueType(key: String, expected: String, found: String)
    case missingKey(String)
    case tooManyDimensions(tensor: String, dims: UInt32)
    case badShape(tensor: String, shape: [UInt64])
    case unknownTensorType(tensor: String, type: UInt32)
    case rowNotBlockAligned(tensor: String, type: String, rowLength: Int, blockSize: Int)
    case misalignedTensor(tensor: String, offset: UInt64, alignment: Int)
    case tensorOutOfBounds(tensor: String, offset: UInt64, bytes: Int, dataSize: Int)
    case overlappingTensors(String, String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open \(path): \(reason)"
        case let .notGGUF(path): return "\(path) is not a GGUF file (magic bytes are not 'GGUF')"
        case .bigEndian: return "big-endian GGUF files are not supported"
        case let .unsupportedVersion(v): return "unsupported GGUF version \(v) (supported: 2, 3)"
        case let .truncated(what, offset, needed, available):
            return "file truncated: \(what) at byte \(offset) needs \(needed) bytes, \(available) left"
        case let .countTooLarge(what, count, offset):
            return "\(what) at byte \(offset) is \(count), more than the file could hold"
        case let .invalidUTF8(what, offset): return "\(what) at byte \(offset) is not valid UTF-8"
        case let .unknownValueType(type, key, offset):
            return "metadata '\(key)' at byte \(offset) has unknown value type \(type)"
        case let .nestingTooDeep(key, offset):
            return "metadata '\(key)' at byte \(offset) nests arrays deeper than \(GGUFLimits.maxArrayDepth)"
        case let .duplicateKey(key): return "metadata key '\(key)' appears twice"
        case let .duplicateTensor(name): return "tensor '\(name)' appears twice"
        case let .badAlignment(a): return "general.alignment is \(a); it must be a power of two"
        case let .wrongValueType(key, expected, found):
            return "metadata '\(key)' should be \(expected) but is \(found)"
        case let .missingKey(key): return "required metadata '\(key)' is missing"
        case let .tooManyDimensions(tensor, dims):
            return "tensor '\(tensor)' has \(dims) dimensions (it must have 1 to \(GGUFLimits.maxDimensions))"
        case let .badShape(tensor, shape):
            return "tensor '\(tensor)' has an invalid shape \(shape) (zero or too many elements)"
        case let .unknownTensorType(tensor, type): return "tensor '\(tensor)' has unknown type \(type)"
        case let .rowNotBlockAligned(tensor, type, rowLength, blockSize):
            return "tensor '\(tensor)' of type \(type) has rows of \(rowLength), not a multiple of the block size \(blockSize)"
        case let .misalignedTensor(tensor, offset, alignment):
            return "tensor '\(tensor)' data offset \(offset) is not a multiple of the alignment \(alignment)"
        case let .tensorOutOfBounds(tensor, offset, bytes, dataSize):
            return "tensor '\(tensor)' data (\(bytes) bytes at offset \(offset)) runs past the end of the data section (\(dataSize) bytes)"
        case let .overlappingTensors(a, b): return "tensors '\(a)' and '\(b)' overlap in the data section"
        }
    }
}

/// Limits that keep a hostile file from making the reader allocate or recurse without bound.
public enum GGUFLimits {
    public static let maxArrayDepth = 8
    public static let maxDimensions = 4
    public static let maxNameLength = 4096
}
