/// Keys and values of every layer in half precision, [position][kvHead][headDim] per layer,
/// allocated once for the whole context.
final class KVCache {
    let layers: Int
    let capacity: Int
    /// Halves between consecutive positions (kvHeads × headDim).
    let rowLength: Int
    private let keys: UnsafeMutablePointer<UInt16>
    private let values: UnsafeMutablePointer<UInt16>

    init(layers: Int, capacity: Int, rowLength: Int) {
        self.layers = layers
        self.capacity = capacity
        self.rowLength = rowLength
        let count = layers * capacity * rowLength
        // Left uninitialised: only positions already written are read, and untouched pages
        // of a large allocation cost no resident memory.
        keys = .allocate(capacity: count)
        values = .allocate(capacity: count)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    func keys(layer: Int) -> UnsafeMutablePointer<UInt16> { keys + layer * capacity * rowLength }
    func values(layer: Int) -> UnsafeMutablePointer<UInt16> { values + layer * capacity * rowLength }

    var byteCount: Int { 2 * layers * capacity * rowLength * MemoryLayout<UInt16>.size }
}
