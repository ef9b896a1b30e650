#if canImport(Glibc)
import Glibc
#endif

/// One allocation holding every repacked weight matrix of a model, on transparent huge pages
/// where the kernel allows them: fewer page faults while packing, fewer TLB misses while
/// decoding.
final class PackedArena: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let byteCount: Int
    private static let hugePage = 2 << 20

    init(byteCount: Int, for model: String) throws(NotEnoughMemory) {
        self.byteCount = max(byteCount, 1)
        base = try ModelMemory.allocate(self.byteCount, alignment: Self.hugePage, for: model)
        madvise(base, self.byteCount, MADV_HUGEPAGE)
    }

    deinit { free(base) }

    /// Where each matrix with a packed layout goes in the arena, each once (a matrix listed
    /// twice, as a tied output head is, the first time), and the arena's size.
    static func layout(_ matrices: [WeightMatrix]) -> (jobs: [(matrix: WeightMatrix, offset: Int)], byteCount: Int) {
        var seen = Set<ObjectIdentifier>()
        var jobs: [(matrix: WeightMatrix, offset: Int)] = []
        var total = 0
        for m in matrices where seen.insert(ObjectIdentifier(m)).inserted {
            let bytes = m.packedByteCount
            guard bytes > 0 else { continue }
            jobs.append((m, total))
            total += (bytes + 63) / 64 * 64
        }
        return (jobs, total)
    }

    /// Repacks, in parallel on `pool`, the matrices whose type has a packed layout.
    static func pack(_ matrices: [WeightMatrix], pool: WorkerPool, for model: String) throws(NotEnoughMemory) {
        let (jobs, total) = layout(matrices)
        guard total > 0 else { return }
        let arena = try PackedArena(byteCount: total, for: model)
        pool.parallelFor(jobs.count) { range, _ in
            for i in range { jobs[i].matrix.pack(into: arena.base + jobs[i].offset, owner: arena) }
        }
    }
}
