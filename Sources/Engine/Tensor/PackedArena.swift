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

    init(byteCount: Int) {
        self.byteCount = max(byteCount, 1)
        var pointer: UnsafeMutableRawPointer?
        posix_memalign(&pointer, Self.hugePage, self.byteCount)
        guard let pointer else { fatalError("cannot allocate \(byteCount) bytes for the model's weights") }
        madvise(pointer, self.byteCount, MADV_HUGEPAGE)
        base = pointer
    }

    deinit { free(base) }

    /// Repacks, in parallel on `pool`, the matrices whose type has a packed layout, each once
    /// (a matrix listed twice, as a tied output head is, is packed the first time).
    static func pack(_ matrices: [WeightMatrix], pool: WorkerPool) {
        var seen = Set<ObjectIdentifier>()
        var jobs: [(matrix: WeightMatrix, offset: Int)] = []
        var total = 0
        for m in matrices where seen.insert(ObjectIdentifier(m)).inserted {
            let bytes = m.packedByteCount
            guard bytes > 0 else { continue }
            jobs.append((m, total))
            total += (bytes + 63) / 64 * 64
        }
        guard total > 0 else { return }
        let arena = PackedArena(byteCount: total)
        pool.parallelFor(jobs.count) { range, _ in
            for i in range { jobs[i].matrix.pack(into: arena.base + jobs[i].offset, owner: arena) }
        }
    }
}
