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
            guard let first = entry.text.first else { continue }
            var rebuilt: [TextFragment] = []
            var found = false
            for fragment in fragments {
                guard case var .text(rest) = fragment else {
                    rebuilt.append(fragment)
                    continue
                }
                while let match = Self.find(entry.text, first: first, in: bytes, within: rest) {
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

    /// The first occurrence of `needle` inside `range` of `bytes`.
    private static func find(_ needle: [UInt8], first: UInt8, in bytes: UnsafeBufferPointer<UInt8>,
                             within range: Range<Int>) -> Int? {
        guard needle.count <= range.count else { return nil }
        var i = range.lowerBound
        let last = range.upperBound - needle.count
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
