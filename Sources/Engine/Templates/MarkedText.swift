/// Text a template renders, knowing which stretches came from the conversation: special tokens
/// are recognised only in the template's own text, so a user who types `<|im_end|>` cannot
/// close their own turn. Marks follow the text through concatenation, slicing, `trim`,
/// `replace` and the other string operations; lengths and offsets count Unicode scalars, as
/// Python's do.
public struct MarkedText: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A stretch of `count` scalars, from a message or from the template.
    public struct Run: Hashable, Sendable {
        public var count: Int
        public var fromMessage: Bool
    }

    public private(set) var text: String
    /// Consecutive runs differ in `fromMessage`; their counts add up to the scalar count.
    public private(set) var runs: [Run]

    /// Whether this is jinja2's `Markup` (what `|safe` and `|escape` return): `+` with a plain
    /// string escapes that string, as markupsafe does, and keeps the result markup.
    var isMarkup = false

    public init(_ text: String = "", fromMessage: Bool = false) {
        self.text = text
        let count = text.unicodeScalars.count
        runs = count == 0 ? [] : [Run(count: count, fromMessage: fromMessage)]
    }

    public var description: String { text }
    public var isEmpty: Bool { runs.isEmpty }
    public var count: Int { runs.reduce(0) { $0 + $1.count } }
    public var hasMessageText: Bool { runs.contains { $0.fromMessage } }

    /// The stretches as strings, in order.
    public var pieces: [(text: String, fromMessage: Bool)] {
        var scalars = Substring(text).unicodeScalars[...]
        return runs.map { run in
            let piece = String(String.UnicodeScalarView(scalars.prefix(run.count)))
            scalars = scalars.dropFirst(run.count)
            return (piece, run.fromMessage)
        }
    }

    public static func == (a: MarkedText, b: MarkedText) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
    /// Python orders strings by code point, which UTF-8 byte order matches.
    public static func < (a: MarkedText, b: MarkedText) -> Bool { a.text.utf8.lexicographicallyPrecedes(b.text.utf8) }

    public mutating func append(_ other: MarkedText) {
        text += other.text
        for run in other.runs { appendRun(run) }
    }

    public mutating func append(_ plain: String, fromMessage: Bool = false) {
        append(MarkedText(plain, fromMessage: fromMessage))
    }

    private mutating func appendRun(_ run: Run) {
        guard run.count > 0 else { return }
        if let last = runs.last, last.fromMessage == run.fromMessage {
            runs[runs.count - 1].count += run.count
        } else {
            runs.append(run)
        }
    }

    public static func + (a: MarkedText, b: MarkedText) -> MarkedText {
        var out = a
        out.append(b)
        return out
    }

    /// markupsafe's `escape`: `& < > " '` as entities, the result markup; markup stays as it is.
    var escaped: MarkedText {
        if isMarkup { return self }
        var out = mapRuns {
            $0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&#34;").replacingOccurrences(of: "'", with: "&#39;")
        }
        out.isMarkup = true
        return out
    }

    /// Python's `a + b` on strings, where markup escapes the other side.
    static func pythonConcatenation(_ a: MarkedText, _ b: MarkedText) -> MarkedText {
        guard a.isMarkup || b.isMarkup else {
            var out = a + b
            out.isMarkup = false
            return out
        }
        return a.escaped + b.escaped
    }

    /// The scalars in `range` (offsets clamped to the text), with their marks.
    public func slice(_ range: Range<Int>) -> MarkedText {
        let total = count
        let lower = max(0, min(range.lowerBound, total)), upper = max(lower, min(range.upperBound, total))
        let scalars = text.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: lower)
        let end = scalars.index(start, offsetBy: upper - lower)
        var out = MarkedText()
        out.text = String(scalars[start ..< end])
        var offset = 0
        for run in runs {
            let overlap = max(0, min(upper, offset + run.count) - max(lower, offset))
            out.appendRun(Run(count: overlap, fromMessage: run.fromMessage))
            offset += run.count
        }
        return out
    }

    /// The text without the leading and trailing scalars `strip` matches (Python's `strip`).
    public func trimmed(leading: Bool = true, trailing: Bool = true, where strip: (Unicode.Scalar) -> Bool = MarkedText.isWhitespace) -> MarkedText {
        let scalars = Array(text.unicodeScalars)
        var lower = 0, upper = scalars.count
        if leading { while lower < upper, strip(scalars[lower]) { lower += 1 } }
        if trailing { while upper > lower, strip(scalars[upper - 1]) { upper -= 1 } }
        return slice(lower ..< upper)
    }

    /// Each run's text changed by `transform` (upper- or lower-casing), marks kept per run.
    public func mapRuns(_ transform: (String) -> String) -> MarkedText {
        var out = MarkedText()
        for piece in pieces { out.append(transform(piece.text), fromMessage: piece.fromMessage) }
        return out
    }

    /// Scalar offsets where `needle` starts, left to right, not overlapping.
    public func occurrences(of needle: String, limit: Int = .max) -> [Int] {
        let hay = Array(text.unicodeScalars), pin = Array(needle.unicodeScalars)
        guard !pin.isEmpty, pin.count <= hay.count else { return [] }
        var found: [Int] = [], i = 0
        while i + pin.count <= hay.count, found.count < limit {
            if hay[i] == pin[0], Array(hay[i ..< i + pin.count]) == pin {
                found.append(i)
                i += pin.count
            } else {
                i += 1
            }
        }
        return found
    }

    /// The stretches between occurrences of `separator` (Python's `str.split(sep, maxsplit)`).
    public func split(separator: String, maxSplits: Int = .max) -> [MarkedText] {
        var parts: [MarkedText] = [], start = 0
        for offset in occurrences(of: separator, limit: maxSplits) {
            parts.append(slice(start ..< offset))
            start = offset + separator.unicodeScalars.count
        }
        parts.append(slice(start ..< count))
        return parts
    }

    /// Python's `text * times`.
    public func repeated(_ times: Int) -> MarkedText {
        guard times > 1, runs.count == 1 else { return MarkedText.joined(Array(repeating: self, count: max(0, times)), separator: MarkedText()) }
        return MarkedText(String(repeating: text, count: times), fromMessage: runs[0].fromMessage)
    }

    /// The pieces joined by `separator` (Python's `str.join`).
    public static func joined(_ parts: [MarkedText], separator: MarkedText) -> MarkedText {
        var out = MarkedText()
        for (i, part) in parts.enumerated() {
            if i > 0 { out.append(separator) }
            out.append(part)
        }
        return out
    }

    /// Python's `str.isspace` set: what `strip()` and `split()` without arguments remove.
    public static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09 ... 0x0D, 0x1C ... 0x20, 0x85, 0xA0, 0x1680, 0x2000 ... 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
