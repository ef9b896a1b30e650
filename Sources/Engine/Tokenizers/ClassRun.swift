/// A set of scalars as a pre-tokenizer regex names it: classes (`\p{N}`, `\s`) and literal
/// ranges (`[0-9]`, `[\r\n]`).
struct ScalarSet: Sendable {
    var classes: ScalarClass = []
    var ranges: [ClosedRange<UInt32>] = []

    @inline(__always)
    func contains(_ scalar: UInt32, _ cls: ScalarClass) -> Bool {
        if !cls.isDisjoint(with: classes) { return true }
        // llama.cpp replaces non-ASCII whitespace with U+000B before it runs a regex with
        // literal ranges, so such a space never falls in one (U+3000 is inside 一-龥 and co).
        if scalar >= 0x80, cls.contains(.whitespace) { return false }
        return ranges.contains { $0.contains(scalar) }
    }
}

/// A regex of the shape `P?C{min,max}` whose matches become pieces of their own, as do the
/// stretches between them: the simple patterns some pre types list besides the big ones
/// (`\p{N}`, `[0-9][0-9][0-9]`, `\s?\p{L}+`, ...), which llama.cpp runs through std::regex.
struct ClassRun: Sendable {
    var prefix: ScalarSet?
    var body: ScalarSet
    var min = 1
    var max = Int.max

    init(prefix: ScalarSet? = nil, _ body: ScalarSet, min: Int = 1, max: Int = Int.max) {
        self.prefix = prefix
        self.body = body
        self.min = min
        self.max = max
    }
}

extension ScalarText {
    func split(_ bounds: Range<Int>, by run: ClassRun, into out: inout PieceCollector) {
        var pos = bounds.lowerBound
        out.begin(at: pos)
        while pos < bounds.upperBound {
            if let end = matchEnd(of: run, at: pos, in: bounds) {
                out.cut(at: pos)
                out.cut(at: end)
                pos = end
            } else {
                pos += 1
            }
        }
        out.cut(at: bounds.upperBound)
    }

    /// Where a match starting at `position` ends, trying the optional prefix first as a greedy
    /// regex engine does.
    private func matchEnd(of run: ClassRun, at position: Int, in bounds: Range<Int>) -> Int? {
        if let prefix = run.prefix, prefix.contains(scalars[position], classes[position]) {
            let count = bodyCount(of: run, from: position + 1, in: bounds)
            if count >= run.min { return position + 1 + count }
        }
        let count = bodyCount(of: run, from: position, in: bounds)
        return count >= run.min ? position + count : nil
    }

    private func bodyCount(of run: ClassRun, from start: Int, in bounds: Range<Int>) -> Int {
        var end = start
        while end < bounds.upperBound, end - start < run.max, run.body.contains(scalars[end], classes[end]) {
            end += 1
        }
        return end - start
    }
}
