import Foundation

/// One token under consideration: its logit and, once normalised, its probability.
public struct TokenCandidate: Sendable, Equatable {
    public var id: Int32
    public var logit: Float
    public var probability: Float

    public init(id: Int32, logit: Float, probability: Float = 0) {
        self.id = id
        self.logit = logit
        self.probability = probability
    }
}

/// The working set a sampler chain narrows down, like llama.cpp's llama_token_data_array.
public struct TokenCandidates: Sendable {
    public var items: [TokenCandidate]
    /// True when `items` is sorted by logit, highest first.
    public var isSorted: Bool

    public init(_ items: [TokenCandidate], isSorted: Bool = false) {
        self.items = items
        self.isSorted = isSorted
    }

    public init(logits: UnsafeBufferPointer<Float>) {
        items = logits.enumerated().map { TokenCandidate(id: Int32($0.offset), logit: $0.element) }
        isSorted = false
    }

    /// Refills from a logits vector, reusing storage.
    public mutating func reset(logits: UnsafeBufferPointer<Float>) {
        items.removeAll(keepingCapacity: true)
        for (i, logit) in logits.enumerated() { items.append(TokenCandidate(id: Int32(i), logit: logit)) }
        isSorted = false
    }

    /// Sorts the best `k` to the front (descending logit, lower id first on ties) and drops the rest.
    public mutating func keepTop(_ k: Int) {
        let k = max(1, min(k, items.count))
        if !isSorted {
            if k < items.count / 8 {
                items = Self.selectTop(items, k)
            } else {
                items.sort(by: Self.before)
            }
            isSorted = true
        }
        if items.count > k { items.removeSubrange(k...) }
    }

    public mutating func sort() { keepTop(items.count) }

    /// Softmax over the logits into `probability` (stable: shifted by the maximum).
    public mutating func normalize() {
        guard let maxLogit = items.map(\.logit).max() else { return }
        var sum: Double = 0
        for i in items.indices {
            let p = expf(items[i].logit - maxLogit)
            items[i].probability = p
            sum += Double(p)
        }
        for i in items.indices { items[i].probability = Float(Double(items[i].probability) / sum) }
    }

    static func before(_ a: TokenCandidate, _ b: TokenCandidate) -> Bool {
        a.logit > b.logit || (a.logit == b.logit && a.id < b.id)
    }

    /// The best k of many without sorting all of them: one pass with a small sorted buffer.
    private static func selectTop(_ items: [TokenCandidate], _ k: Int) -> [TokenCandidate] {
        var top: [TokenCandidate] = []
        top.reserveCapacity(k + 1)
        for item in items {
            if top.count == k, let last = top.last, !before(item, last) { continue }
            var lo = 0, hi = top.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if before(top[mid], item) { lo = mid + 1 } else { hi = mid }
            }
            top.insert(item, at: lo)
            if top.count > k { top.removeLast() }
        }
        return top
    }
}
