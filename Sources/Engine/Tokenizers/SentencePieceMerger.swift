/// Merges one stretch of text into SentencePiece tokens as llama.cpp's
/// `llm_tokenizer_spm_session` does: the text starts as one symbol per character; the adjacent
/// pair whose joined text is the token with the highest score merges first (the leftmost among
/// equal scores), until no adjacent pair joins into a token. A symbol left without a token
/// (only ever a single character, so llama.cpp's `resegment` has nothing to split) falls back
/// to one byte token per byte. A heap of candidate pairs and a linked list of symbols keep a
/// stretch of n characters at O(n log n). One merger serves one text and keeps its buffers
/// between stretches.
struct SentencePieceMerger {
    /// Two adjacent symbols whose joined text is a token, as they were when found.
    fileprivate struct Candidate: MergeCandidate {
        /// `descending score << 32 | left`: the heap order, best score then leftmost, in one compare.
        var order: UInt64
        var right: Int32
        /// Bytes of the two symbols together: if either has grown since, this pair is gone.
        var length: Int32
        var token: Int32

        var left: Int { Int(UInt32(truncatingIfNeeded: order)) }
    }

    /// The escaped text and its symbols: a byte range each (length 0 once merged into its left
    /// neighbour), the neighbours' indices (-1 at the ends) and the token it is (-1 for none).
    private var text: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var previous: [Int32] = []
    private var next: [Int32] = []
    private var tokens: [Int32] = []
    private var heap = MergeCandidateHeap<Candidate>()

    /// Appends the tokens of `stretch` (raw UTF-8) to `output`, after a `▁` when `spacePrefix`
    /// is set. A character left without a token, one of whose bytes has no byte token either,
    /// becomes one `unknown`, as in SentencePiece without byte fallback; llama.cpp stops with
    /// an error there (the vocabularies it meets have all 256 byte tokens).
    mutating func merge(_ stretch: ArraySlice<UInt8>, spacePrefix: Bool, vocabulary: Vocabulary, scores: [Float],
                        unknown: Int32?, into output: inout [Int32]) {
        text.removeAll(keepingCapacity: true)
        if spacePrefix { text.append(contentsOf: WhitespaceEscape.marker) }
        WhitespaceEscape.escape(stretch, into: &text)
        splitIntoCharacters(vocabulary)
        let count = starts.count
        guard count > 0 else { return }

        heap.removeAll()
        for i in 1 ..< count { consider(i - 1, i, vocabulary, scores) }
        while let best = heap.popFirst() {
            let l = best.left, r = Int(best.right)
            guard lengths[l] > 0, lengths[r] > 0, lengths[l] + lengths[r] == best.length else { continue }
            lengths[l] += lengths[r]
            lengths[r] = 0
            tokens[l] = best.token
            next[l] = next[r]
            if next[r] >= 0 { previous[Int(next[r])] = Int32(l) }
            consider(Int(previous[l]), l, vocabulary, scores)
            consider(l, Int(next[l]), vocabulary, scores)
        }

        var i = 0
        while i >= 0 {
            if tokens[i] >= 0 {
                output.append(tokens[i])
            } else {
                let bytes = text[Int(starts[i]) ..< Int(starts[i] + lengths[i])]
                let byteTokens = bytes.map { vocabulary.byteTokens[Int($0)] }
                if !byteTokens.contains(-1) {
                    output.append(contentsOf: byteTokens)
                } else if let unknown {
                    output.append(unknown)
                }
            }
            i = Int(next[i])
        }
    }

    /// One symbol per UTF-8 character of `text`, each already its token where it has one.
    private mutating func splitIntoCharacters(_ vocabulary: Vocabulary) {
        starts.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        var offset = 0
        while offset < text.count {
            let length = min(UTF8Sequence.length(leadByte: text[offset]), text.count - offset)
            starts.append(Int32(offset))
            lengths.append(Int32(length))
            tokens.append(token(offset, length, vocabulary) ?? -1)
            offset += length
        }
        let count = starts.count
        previous = (0 ..< count).map { Int32($0 - 1) }
        next = (0 ..< count).map { $0 + 1 < count ? Int32($0 + 1) : -1 }
    }

    private func token(_ start: Int, _ length: Int, _ vocabulary: Vocabulary) -> Int32? {
        text.withUnsafeBufferPointer { vocabulary.id(ofText: UnsafeBufferPointer(rebasing: $0[start ..< start + length])) }
    }

    /// Queues the pair `left`, `right` if their joined text is a token.
    private mutating func consider(_ left: Int, _ right: Int, _ vocabulary: Vocabulary, _ scores: [Float]) {
        guard left >= 0, right >= 0 else { return }
        let length = lengths[left] + lengths[right]
        guard let token = token(Int(starts[left]), Int(length), vocabulary) else { return }
        let order = UInt64(Self.descendingKey(scores[Int(token)])) << 32 | UInt64(left)
        heap.push(Candidate(order: order, right: Int32(right), length: length, token: token))
    }

    /// A key whose unsigned order is the reverse of the scores' order (higher scores first;
    /// -0 and +0 the same, as the float comparison in llama.cpp's queue has them).
    static func descendingKey(_ score: Float) -> UInt32 {
        let bits = (score == 0 ? 0 : score).bitPattern
        return ~(bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000)
    }
}
