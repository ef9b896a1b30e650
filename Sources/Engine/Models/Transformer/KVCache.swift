#if canImport(Glibc)
import Glibc
#endif

/// Keys and values of every layer in half precision, [position][kvHead][headDim] per layer,
/// allocated once for the whole context.
final class KVCache {
    let layers: Int
    let capacity: Int
    /// Halves between consecutive positions (kvHeads × headDim).
    let rowLength: Int
    private let keys: UnsafeMutablePointer<UInt16>
    private let values: UnsafeMutablePointer<UInt16>

    init(layers: Int, capacity: Int, rowLength: Int, for model: String) throws(NotEnoughMemory) {
        self.layers = layers
        self.capacity = capacity
        self.rowLength = rowLength
        // One allocation, keys then values. Left uninitialised: only positions already written
        // are read, and untouched pages of a large allocation cost no resident memory.
        let bytes = Self.byteCount(layers: layers, capacity: capacity, rowLength: rowLength)
        keys = try ModelMemory.allocate(bytes, alignment: 64, for: model).bindMemory(to: UInt16.self, capacity: bytes / 2)
        values = keys + layers * capacity * rowLength
    }

    deinit { free(keys) }

    func keys(layer: Int) -> UnsafeMutablePointer<UInt16> { keys + layer * capacity * rowLength }
    func values(layer: Int) -> UnsafeMutablePointer<UInt16> { values + layer * capacity * rowLength }

    var byteCount: Int { Self.byteCount(layers: layers, capacity: capacity, rowLength: rowLength) }

    static func byteCount(layers: Int, capacity: Int, rowLength: Int) -> Int {
        2 * layers * capacity * rowLength * MemoryLayout<UInt16>.size
    }
}
