import Glibc

/// Token ids by their stored text (UTF-8 bytes), in one open-addressing table over one buffer
/// holding every text. Building it for Gemma's 262 144 tokens takes a few milliseconds where a
/// `[[UInt8]: Int32]` dictionary takes a tenth of a second (an array and a SipHash per token),
/// and looking up a slice of the input allocates nothing. Bytes, not `String`s: String keys
/// would merge canonically equivalent spellings that are distinct tokens.
struct TokenTextIndex: Sendable {
    /// Every text, one after another: token i's is `bytes[starts[i] ..< starts[i + 1]]`.
    private let bytes: [UInt8]
    private let starts: [Int32]
    /// Token ids, -1 for an empty slot; the count is a power of two, at most half full.
    private let slots: [Int32]

    /// Indexes every non-empty text; a text that appears twice is an error naming both ids.
    init(texts: [String]) throws(TokenizerError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        var starts: [Int32] = []
        starts.reserveCapacity(texts.count + 1)
        for text in texts {
            starts.append(Int32(bytes.count))
            bytes.append(contentsOf: text.utf8)
        }
        starts.append(Int32(bytes.count))

        var capacity = 16
        while capacity < 2 * texts.count { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        // Unsafe buffers: with arrays, the probe loop pays a uniqueness check per store.
        let duplicate: (first: Int, second: Int)? = bytes.withUnsafeBufferPointer { all in
            starts.withUnsafeBufferPointer { starts in
                slots.withUnsafeMutableBufferPointer { slots in
                    func text(_ id: Int) -> UnsafeBufferPointer<UInt8> {
                        UnsafeBufferPointer(rebasing: all[Int(starts[id]) ..< Int(starts[id + 1])])
                    }
                    for id in 0 ..< starts.count - 1 where starts[id + 1] > starts[id] {
                        let new = text(id)
                        var slot = Self.hash(new) & mask
                        while slots[slot] >= 0 {
                            if Self.equal(new, text(Int(slots[slot]))) { return (Int(slots[slot]), id) }
                            slot = (slot + 1) & mask
                        }
                        slots[slot] = Int32(id)
                    }
                    return nil
                }
            }
        }
        if let duplicate {
            throw .duplicateToken(text: texts[duplicate.second], first: duplicate.first, second: duplicate.second)
        }
        self.bytes = bytes
        self.starts = starts
        self.slots = slots
    }

    func id(of text: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !text.isEmpty else { return nil }
        let mask = slots.count - 1
        return bytes.withUnsafeBufferPointer { all in
            slots.withUnsafeBufferPointer { slots in
                var slot = Self.hash(text) & mask
                while slots[slot] >= 0 {
                    let id = Int(slots[slot])
                    let stored = UnsafeBufferPointer(rebasing: all[Int(starts[id]) ..< Int(starts[id + 1])])
                    if Self.equal(text, stored) { return Int32(id) }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
    }

    func id(of text: [UInt8]) -> Int32? { text.withUnsafeBufferPointer { id(of: $0) } }

    /// FNV-1a: token texts are short, so a byte loop is as fast as anything cleverer.
    @inline(__always)
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always)
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }
}
