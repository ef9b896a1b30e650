import Glibc

/// A stretch of the input after special tokens are cut out: text still to tokenize (a byte
/// range) or a special token already recognised.
enum TextFragment: Equatable {
    case text(Range<Int>)
    case token(Int32)
}

/// Where in a text control tokens written out (`<|im_start|>`) are recognised; user-defined
/// tokens always are.
public enum SpecialTokenScope: Sendable, Equatable {
    case nowhere, everywhere
    /// Only matches lying wholly inside these UTF-8 byte ranges (sorted, apart): the text a
    /// chat template wrote, not the messages it wrote them around.
    case within([Range<Int>])

    func allows(_ match: Range<Int>) -> Bool {
        switch self {
        case .nowhere: return false
        case .everywhere: return true
        case let .within(ranges):
            // The last range starting at or before the match must hold it.
            var low = 0, high = ranges.count
            while low < high {
                let mid = (low + high) / 2
                if ranges[mid].lowerBound <= match.lowerBound { low = mid + 1 } else { high = mid }
            }
            return low > 0 && ranges[low - 1].upperBound >= match.upperBound
        }
    }
}

/// Cuts special tokens out of text the way llama.cpp does: one special token at a time,
/// longest first, each taking every occurrence in the text the earlier ones left. (A single
/// left-to-right scan would differ: with `bcd` and `ab` in the vocabulary, "abcd" is
/// "a" + `bcd` here, because the longer token goes first.) A token marked lstrip or rstrip
/// also removes the whitespace just before or after it.
struct SpecialTokenPartition: Sendable {
    struct Entry: Sendable {
        let id: Int32
        let text: [UInt8]
        /// Control and unknown tokens are only recognised when parsing special tokens;
        /// user-defined ones always are.
        let needsParseSpecial: Bool
        let lstrip: Bool
        let rstrip: Bool
    }

    /// Longest text first; ties by id, so the order is stable.
    let entries: [Entry]

    init(vocabulary: Vocabulary) {
        var entries: [Entry] = []
        for (id, attr) in vocabulary.attributes.enumerated()
        where !attr.isDisjoint(with: .special) && !vocabulary.texts[id].isEmpty {
            entries.append(Entry(id: Int32(id), text: Array(vocabulary.texts[id].utf8),
                                 needsParseSpecial: !attr.isDisjoint(with: [.control, .unknown]),
                                 lstrip: attr.contains(.lstrip), rstrip: attr.contains(.rstrip)))
        }
        self.entries = entries.sorted { $0.text.count != $1.text.count ? $0.text.count > $1.text.count : $0.id < $1.id }
    }

    func fragments(of bytes: UnsafeBufferPointer<UInt8>, scope: SpecialTokenScope) -> [TextFragment] {
        var fragments: [TextFragment] = bytes.isEmpty ? [] : [.text(0 ..< bytes.count)]
        for entry in entries where scope != .nowhere || !entry.needsParseSpecial {
            // Most special tokens (Gemma has 6 414) are in no text: rebuild from the first match only.
            let firstMatch = fragments.firstIndex {
                guard case let .text(range) = $0 else { return false }
                return Self.find(entry.text, in: bytes, within: range) != nil
            }
            guard let firstMatch else { continue }
            var rebuilt = Array(fragments[..<firstMatch])
            for fragment in fragments[firstMatch...] {
                guard case var .text(rest) = fragment else {
                    rebuilt.append(fragment)
                    continue
                }
                var searchFrom = rest.lowerBound
                while let match = Self.find(entry.text, in: bytes, within: searchFrom ..< rest.upperBound) {
                    guard !entry.needsParseSpecial || scope.allows(match ..< match + entry.text.count) else {
                        searchFrom = match + 1
                        continue
                    }
                    var left = rest.lowerBound ..< match
                    if entry.lstrip { while let last = left.last, Self.isSpace(bytes[last]) { left = left.dropLast() } }
                    if !left.isEmpty { rebuilt.append(.text(left)) }
                    rebuilt.append(.token(entry.id))
                    rest = match + entry.text.count ..< rest.upperBound
                    if entry.rstrip { while let first = rest.first, Self.isSpace(bytes[first]) { rest = rest.dropFirst() } }
                    searchFrom = rest.lowerBound
                }
                if !rest.isEmpty { rebuilt.append(.text(rest)) }
            }
            fragments = rebuilt
        }
        return fragments
    }

    /// C's `isspace` in the C locale, which llama.cpp strips with.
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09 ... 0x0D).contains(b) }

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
