/// The merge rules of a BPE vocabulary keyed by the pair of token ids they join: rank (the
/// line in `tokenizer.ggml.merges`, lower merges first) and the token they make.
struct MergeTable: Sendable {
    /// `left << 32 | right` -> `rank << 32 | result`.
    private var rules: [UInt64: UInt64] = [:]

    /// Parses `tokenizer.ggml.merges` ("Ġ t" = the tokens "Ġ" and "t" make "Ġt").
    init(merges: [String], vocabulary: Vocabulary) throws(TokenizerError) {
        rules.reserveCapacity(merges.count)
        for (rank, merge) in merges.enumerated() {
            let bytes = Array(merge.utf8)
            // The left part may itself start with a space byte in odd vocabularies, so look
            // for the separator after the first byte, as llama.cpp does.
            guard let space = bytes.dropFirst().firstIndex(of: 0x20) else {
                throw .malformedMerge(index: rank, merge: merge)
            }
            let left = Array(bytes[..<space]), right = Array(bytes[(space + 1)...])
            func id(_ text: [UInt8]) throws(TokenizerError) -> Int32 {
                guard let id = vocabulary.id(ofText: text) else {
                    throw .mergeWithUnknownToken(index: rank, merge: merge, token: String(decoding: text, as: UTF8.self))
                }
                return id
            }
            let key = Self.key(try id(left), try id(right))
            let value = UInt64(rank) << 32 | UInt64(UInt32(try id(left + right)))
            // A repeated pair keeps its first (lowest) rank.
            if rules[key] == nil { rules[key] = value }
        }
    }

    @inline(__always)
    func rule(_ left: Int32, _ right: Int32) -> (rank: Int32, result: Int32)? {
        guard let value = rules[Self.key(left, right)] else { return nil }
        return (Int32(truncatingIfNeeded: value >> 32), Int32(truncatingIfNeeded: value))
    }

    @inline(__always)
    private static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }
}

/// Merges the bytes of one word into BPE tokens: the adjacent pair with the lowest rank merges
/// first (the leftmost among equals), until no pair has a rule. A heap of candidate pairs and a
/// linked list of symbols keep a word of n bytes at O(n log n), so a megabyte of one repeated
/// letter is as manageable as a sentence. One merger serves one text: it keeps its buffers
/// between words and remembers the tokens of short words, which prose repeats all the time.
struct BPEMerger {
    /// A pair of adjacent symbols that a rule can merge, as it was when found.
    fileprivate struct Candidate: MergeCandidate {
        /// `rank << 32 | left`: the heap order, lowest rank then leftmost, in one compare.
        var order: UInt64
        var right: Int32
        var leftID: Int32
        var rightID: Int32
        var result: Int32

        var left: Int32 { Int32(truncatingIfNeeded: order) }
    }

    private var ids: [Int32] = []
    private var next: [Int32] = []
    private var previous: [Int32] = []
    private var heap = MergeCandidateHeap<Candidate>()
    private var cache: [ArraySlice<UInt8>: [Int32]] = [:]
    private static let longestCachedWord = 32
    private static let cacheCapacity = 1 << 16

    /// Appends the tokens of `word` to `output`. `byteTokens` gives the token of each single
    /// byte; bytes without one (-1) are dropped, as llama.cpp drops them.
    mutating func merge(_ word: ArraySlice<UInt8>, byteTokens: [Int32], rules: MergeTable, into output: inout [Int32]) {
        guard word.count <= Self.longestCachedWord else {
            mergeUncached(word, byteTokens, rules, into: &output)
            return
        }
        if let tokens = cache[word] {
            output.append(contentsOf: tokens)
            return
        }
        let start = output.count
        mergeUncached(word, byteTokens, rules, into: &output)
        if cache.count < Self.cacheCapacity { cache[word] = Array(output[start...]) }
    }

    private mutating func mergeUncached(_ word: ArraySlice<UInt8>, _ byteTokens: [Int32], _ rules: MergeTable,
                                        into output: inout [Int32]) {
        let n = word.count
        ids.removeAll(keepingCapacity: true)
        for b in word { ids.append(byteTokens[Int(b)]) }
        guard n > 1 else {
            output.append(contentsOf: ids.filter { $0 >= 0 })
            return
        }
        next.removeAll(keepingCapacity: true)
        previous.removeAll(keepingCapacity: true)
        for i in 0 ..< n {
            next.append(i + 1 < n ? Int32(i + 1) : -1)
            previous.append(Int32(i - 1))
        }
        heap.removeAll()
        for i in 0 ..< n - 1 { consider(Int32(i), Int32(i + 1), rules) }

        while let best = heap.popFirst() {
            let l = Int(best.left), r = Int(best.right)
            // Skip pairs that an earlier merge changed.
            guard ids[l] == best.leftID, ids[r] == best.rightID, next[l] == best.right else { continue }
            ids[l] = best.result
            ids[r] = -2  // merged into its left neighbour
            next[l] = next[r]
            if next[r] >= 0 { previous[Int(next[r])] = best.left }
            consider(previous[l], best.left, rules)
            consider(best.left, next[l], rules)
        }

        var i: Int32 = 0
        while i >= 0 {
            if ids[Int(i)] >= 0 { output.append(ids[Int(i)]) }
            i = next[Int(i)]
        }
    }

    @inline(__always)
    private mutating func consider(_ left: Int32, _ right: Int32, _ rules: MergeTable) {
        guard left >= 0, right >= 0 else { return }
        let a = ids[Int(left)], b = ids[Int(right)]
        guard a >= 0, b >= 0, let rule = rules.rule(a, b) else { return }
        let order = UInt64(UInt32(rule.rank)) << 32 | UInt64(UInt32(left))
        heap.push(Candidate(order: order, right: right, leftID: a, rightID: b, result: rule.result))
    }
}
