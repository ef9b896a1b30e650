/// Stop strings as llama.cpp's server applies them: generated text is appended piece by piece,
/// and generation should end as soon as the text contains one of the strings. The stop string
/// and whatever follows it never reach the reply.
///
/// Text that could still turn out to be the start of a stop string is held back, and handed
/// out once it cannot (or by `flush()` when generation ends for another reason), so nothing
/// shown ever has to be taken back. Matching is on UTF-8 bytes, as llama.cpp's is: "e" is found
/// in "e\u{301}" (a decomposed "é"), and a held-back or cut text always ends between scalars.
///
/// When the same piece completes several stop strings, the one that starts first wins; empty
/// strings are ignored. Each string is followed with its Knuth–Morris–Pratt automaton, so a
/// piece costs time in proportion to its length, however long the stop strings are.
public struct StopStrings: Sendable {
    /// The stop strings in effect. Changing them (a live setting) checks the held-back text
    /// against the new ones with the next piece; text already handed out stays.
    public var stops: [String] {
        didSet {
            guard stops != oldValue else { return }
            patterns = Self.patterns(stops)
            scanned = 0
        }
    }

    /// The stop string found, once one has ended the text.
    public private(set) var matched: String?

    private struct Pattern: Sendable {
        let text: String
        let bytes: [UInt8]
        /// KMP failure function: `failure[i]` is the length of the longest proper prefix of
        /// `bytes[...i]` that is also its suffix.
        let failure: [Int]
        /// How many leading bytes match the end of the text so far.
        var state = 0
    }

    private var patterns: [Pattern]
    /// Text not handed out yet: the longest end of the text that is a start of a stop string.
    private var pending: [UInt8] = []
    /// How many bytes of `pending` the patterns' states have seen (fewer after `stops` changed).
    private var scanned = 0

    public init(_ stops: [String]) {
        self.stops = stops
        patterns = Self.patterns(stops)
    }

    public var isStopped: Bool { matched != nil }

    /// Adds `piece` to the text; returns what of the text is now safe to show. Once a stop
    /// string is found, that is the text before it, and every later piece returns "".
    public mutating func append(_ piece: String) -> String {
        guard matched == nil else { return "" }
        pending += piece.utf8
        var stop: (start: Int, pattern: Int)?
        for position in scanned ..< pending.count {
            let byte = pending[position]
            for index in patterns.indices {
                guard Self.advance(&patterns[index], with: byte) else { continue }
                let start = position + 1 - patterns[index].bytes.count
                if stop.map({ start < $0.start }) ?? true { stop = (start, index) }
            }
        }
        if let stop {
            matched = patterns[stop.pattern].text
            let before = String(decoding: pending[..<stop.start], as: UTF8.self)
            pending = []
            return before
        }
        let held = patterns.map(\.state).max() ?? 0
        let safe = String(decoding: pending[..<(pending.count - held)], as: UTF8.self)
        pending.removeFirst(pending.count - held)
        scanned = pending.count
        return safe
    }

    /// Hands out the held-back text when generation ends for another reason (after checking
    /// it against stop strings changed since the last piece). Text after it starts afresh.
    public mutating func flush() -> String {
        let text = append("") + String(decoding: pending, as: UTF8.self)
        pending = []
        scanned = 0
        for index in patterns.indices { patterns[index].state = 0 }
        return text
    }

    /// Feeds one byte to a pattern's automaton; true when the pattern has just matched whole.
    private static func advance(_ pattern: inout Pattern, with byte: UInt8) -> Bool {
        var state = pattern.state
        while state > 0 && pattern.bytes[state] != byte { state = pattern.failure[state - 1] }
        if pattern.bytes[state] == byte { state += 1 }
        let complete = state == pattern.bytes.count
        pattern.state = complete ? pattern.failure[state - 1] : state
        return complete
    }

    private static func patterns(_ stops: [String]) -> [Pattern] {
        stops.filter { !$0.isEmpty }.map { text in
            let bytes = Array(text.utf8)
            var failure = [Int](repeating: 0, count: bytes.count)
            var length = 0
            for i in bytes.indices.dropFirst() {
                while length > 0 && bytes[i] != bytes[length] { length = failure[length - 1] }
                if bytes[i] == bytes[length] { length += 1 }
                failure[i] = length
            }
            return Pattern(text: text, bytes: bytes, failure: failure)
        }
    }
}
