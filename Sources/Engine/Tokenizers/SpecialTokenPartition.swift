import Glibc

/// A stretch of the input after special tokens are cut out: text still to tokenize (a byte
/// range) or a special token already recognised.
enum TextFragment: Equatable {
    case text(Range<Int>)
    case token(Int32)
}

/// Cuts special tokens out of text the way llama.cpp does: one special token at a time,
/// longest first, each taking every occurrence in the text the earlier ones left. (A single
/// left-to-right scan would differ: with `bcd` and `ab` in the vocabulary, "abcd" is
/// "a" + `bcd` here, because the longer token goes first.)
struct SpecialTokenPartition: Sendable {
    struct Entry: Sendable {
        let id: Int32
        let text: [UInt8]
        /// Control and unknown tokens are only recognised when parsing special tokens;
        /// user-defined ones always are.
        let needsParseSpecial: Bool
    }

    /// Longest text first; ties by id, so the order is stable.
    let entries: [Entry]

    init(vocabulary: Vocabulary) {
        var entries: [Entry] = []
        for (id, attr) in vocabulary.attributes.enumerated()
        where !attr.isDisjoint(with: [.control, .userDefined, .unknown]) && !vocabulary.texts[id].isEmpty {
            entries.append(Entry(id: Int32(id), text: Array(vocabulary.texts[id].utf8),
                                 needsParseSpecial: !attr.isDisjoint(with: [.control, .unknown])))
        }
        self.entries = entries.sorted { $0.text.count != $1.text.count ? $0.text.count > $1.text.count : $0.id < $1.id }
    }

    func fragments(of bytes: UnsafeBufferPointer<UInt8>, parseSpecial: Bool) -> [TextFragment] {
        var fragments: [TextFragment] = bytes.isEmpty ? [] : [.text(0 ..< bytes.count)]
        for entry in entries where parseSpecial || !entry.needsParseSpecial {
            var rebuilt: [TextFragment] = []
            var found = false
            for fragment in fragments {
                guard case var .text(rest) = fragment else {
                    rebuilt.append(fragment)
                    continue
                }
                while let match = Self.find(entry.text, in: bytes, within: rest) {
                    found = true
                    if match > rest.lowerBound { rebuilt.append(.text(rest.lowerBound ..< match)) }
                    rebuilt.append(.token(entry.id))
                    rest = match + entry.text.count ..< rest.upperBound
                }
                if !rest.isEmpty { rebuilt.append(.text(rest)) }
            }
            if found { fragments = rebuilt }
        }
        return fragments
    }

    /// The first occurrence of `needle` inside `range` of `bytes`. memchr jumps to candidate
    /// first bytes much faster than a byte loop, which matters since every special token scans
    /// the whole text.
    private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, within range: Range<Int>) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        var start = range.lowerBound
        let last = range.upperBound - needle.count
        while start <= last {
            guard let hit = memchr(base + start, Int32(first), last - start + 1) else { return nil }
            let position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if needle.withUnsafeBytes({ memcmp(hit, $0.baseAddress!, needle.count) }) == 0 { return position }
            start = position + 1
        }
        return nil
    }
}
