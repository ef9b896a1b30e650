/// A pair of adjacent symbols that may merge, ordered by one integer: lowest first.
protocol MergeCandidate {
    var order: UInt64 { get }
}

/// A binary min-heap of merge candidates (BPE's and SentencePiece's). It works through unsafe
/// buffers and moves a hole instead of swapping: a megabyte-long word keeps about a million
/// candidates in it.
struct MergeCandidateHeap<Candidate: MergeCandidate> {
    private var items: [Candidate] = []

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ candidate: Candidate) {
        items.append(candidate)
        items.withUnsafeMutableBufferPointer { buffer in
            let heap = buffer.baseAddress!
            var hole = buffer.count - 1
            while hole > 0 {
                let parent = (hole - 1) / 2
                guard candidate.order < heap[parent].order else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = candidate
        }
    }

    mutating func popFirst() -> Candidate? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        return items.withUnsafeMutableBufferPointer { buffer in
            let heap = buffer.baseAddress!, count = buffer.count
            let first = heap[0]
            var hole = 0
            while true {
                var child = 2 * hole + 1
                guard child < count else { break }
                if child + 1 < count, heap[child + 1].order < heap[child].order { child += 1 }
                guard heap[child].order < last.order else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = last
            return first
        }
    }
}
