/// Collects the pieces one splitting step cuts out of a stretch of scalars.
struct PieceCollector {
    private(set) var pieces: [Range<Int>] = []
    private var start = 0

    mutating func begin(at position: Int) { start = position }

    /// Ends the current piece at `end` (nothing when it would be empty).
    mutating func cut(at end: Int) {
        if end > start { pieces.append(start ..< end) }
        start = end
    }
}

/// The hand-written splitters llama.cpp uses in place of the regexes of GPT-2, Llama 3 and
/// Qwen. They must reproduce llama.cpp's pieces exactly, quirks included, so each rule below
/// follows the alternation of its regex in order: the first rule that matches at a position
/// wins, as in a backtracking regex engine.
extension ScalarText {
    /// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`
    func splitGPT2(_ bounds: Range<Int>, into out: inout PieceCollector) {
        let inRun: [(ScalarClass) -> Bool] = [
            { $0.contains(.letter) },
            { $0.contains(.number) },
            { !$0.isEmpty && $0.isDisjoint(with: [.whitespace, .letter, .number]) },
        ]
        var pos = bounds.lowerBound
        out.begin(at: pos)
        nextPiece: while pos < bounds.upperBound {
            if let length = contractionLength(at: pos, in: bounds, ignoringCase: false) {
                pos += length
                out.cut(at: pos)
                continue
            }
            // ` ?X+`: an optional leading space joins the run that follows it.
            let space = scalars[pos] == 0x20
            let lead = space ? classAt(pos + 1, in: bounds) : classes[pos]
            for matches in inRun where matches(lead) {
                pos += space ? 2 : 1
                while matches(classAt(pos, in: bounds)) { pos += 1 }
                out.cut(at: pos)
                continue nextPiece
            }
            pos = whitespaceRunEnd(at: pos, in: bounds, endsAtNewline: false) ?? pos + 1
            out.cut(at: pos)
        }
    }

    /// Llama 3: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
    /// ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`. Qwen 2 groups digits one by one
    /// (`maxDigits` 1) and Qwen 3.5 lets letter runs take combining marks (`\p{M}`) too.
    func splitLlama3(_ bounds: Range<Int>, maxDigits: Int, marksJoinLetters: Bool, into out: inout PieceCollector) {
        let wordClass: ScalarClass = marksJoinLetters ? [.letter, .mark] : .letter
        var pos = bounds.lowerBound
        out.begin(at: pos)
        while pos < bounds.upperBound {
            let scalar = scalars[pos], cls = classes[pos]
            if let length = contractionLength(at: pos, in: bounds, ignoringCase: true) {
                pos += length
                out.cut(at: pos)
                continue
            }
            // `[^\r\n\p{L}\p{N}]?\p{L}+`: any one other character may lead a run of letters.
            if !Self.isNewline(scalar), !cls.contains(.number),
               !cls.isDisjoint(with: wordClass) || !classAt(pos + 1, in: bounds).isDisjoint(with: wordClass) {
                pos += 1
                while !classAt(pos, in: bounds).isDisjoint(with: wordClass) { pos += 1 }
                out.cut(at: pos)
                continue
            }
            // `\p{N}{1,3}`: a run of digits cut into groups of three from the left.
            if cls.contains(.number) {
                var groupStart = pos
                while classAt(pos, in: bounds).contains(.number) {
                    pos += 1
                    if pos - groupStart == maxDigits {
                        out.cut(at: pos)
                        groupStart = pos
                    }
                }
                out.cut(at: pos)
                continue
            }
            // ` ?[^\s\p{L}\p{N}]+[\r\n]*`; llama.cpp also enters this rule for a space that ends
            // the piece, which then stands alone as it would by the whitespace rules.
            let notInRun: ScalarClass = wordClass.union([.whitespace, .number])
            let space = scalar == 0x20
            var lead = space ? classAt(pos + 1, in: bounds) : cls
            if lead.isDisjoint(with: notInRun) {
                if space { pos += 1 }
                while !lead.isEmpty, lead.isDisjoint(with: notInRun) {
                    pos += 1
                    lead = classAt(pos, in: bounds)
                }
                while let next = scalarAt(pos, in: bounds), Self.isNewline(next) { pos += 1 }
                out.cut(at: pos)
                continue
            }
            pos = whitespaceRunEnd(at: pos, in: bounds, endsAtNewline: true) ?? pos + 1
            out.cut(at: pos)
        }
    }

    /// Length of an English contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`) at
    /// `position`. Only ASCII letters lower-case to these, so ASCII case folding is exact.
    private func contractionLength(at position: Int, in bounds: Range<Int>, ignoringCase: Bool) -> Int? {
        guard scalars[position] == 0x27, position + 1 < bounds.upperBound else { return nil }
        func letter(_ i: Int) -> UInt32 {
            let s = scalars[i]
            return ignoringCase && (0x41 ... 0x5A).contains(s) ? s + 0x20 : s
        }
        switch letter(position + 1) {
        case 0x73, 0x74, 0x6D, 0x64: return 2  // s t m d
        case let first where position + 2 < bounds.upperBound:
            switch (first, letter(position + 2)) {
            case (0x72, 0x65), (0x76, 0x65), (0x6C, 0x6C): return 3  // re ve ll
            default: return nil
            }
        default: return nil
        }
    }

    /// The end of the whitespace piece starting at `position`, or nil when there is no
    /// whitespace there. In order: `\s*[\r\n]+` (only when `endsAtNewline`: up to the last
    /// newline of the run), `\s+(?!\S)` (all but the last space when a non-space follows in the
    /// piece), `\s+`.
    private func whitespaceRunEnd(at position: Int, in bounds: Range<Int>, endsAtNewline: Bool) -> Int? {
        var end = position
        var afterLastNewline: Int?
        while classAt(end, in: bounds).contains(.whitespace) {
            if endsAtNewline, Self.isNewline(scalars[end]) { afterLastNewline = end + 1 }
            end += 1
        }
        if let afterLastNewline { return afterLastNewline }
        if end - position > 1, end < bounds.upperBound { return end - 1 }
        return end > position ? end : nil
    }

    @inline(__always)
    private static func isNewline(_ scalar: UInt32) -> Bool { scalar == 0x0A || scalar == 0x0D }
}
