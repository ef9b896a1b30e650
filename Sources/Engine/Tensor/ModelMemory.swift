#if canImport(Glibc)
import Glibc
#endif

/// A model that does not fit in the memory the process may have (its address-space limit,
/// `ulimit -v`, or what the system will give).
public struct NotEnoughMemory: Error, CustomStringConvertible, Equatable {
    public let model: String
    /// What loading the model takes in all, roughly.
    public let bytes: Int

    public var description: String {
        "not enough memory to load \(model) (needs ≈ \(max(1, (bytes + 500_000) / 1_000_000)) MB)"
    }
}

/// The model-sized allocations: each fails as an error, never as a trap (Swift's own
/// allocations abort the process when the system refuses them).
enum ModelMemory {
    /// Room, beyond the weights and KV cache, for what a load allocates through Swift: the
    /// tokenizer's tables (built meanwhile, on another thread), the activation buffers,
    /// worker stacks.
    static let headroom = 96 << 20

    /// Checks that `bytes` more of address space can be had now, by mapping that much without
    /// touching it and unmapping it again, so a load that cannot fit stops before it starts.
    static func ensureAvailable(_ bytes: Int, loading model: String, alreadyMapped: Int) throws(NotEnoughMemory) {
        let probe = mmap(nil, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let probe, probe != MAP_FAILED else {
            throw NotEnoughMemory(model: model, bytes: alreadyMapped + bytes)
        }
        munmap(probe, bytes)
    }

    /// `byteCount` bytes aligned to `alignment` (a power of two, at least the pointer size);
    /// free them with `free`.
    static func allocate(_ byteCount: Int, alignment: Int, for model: String) throws(NotEnoughMemory) -> UnsafeMutableRawPointer {
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, alignment, max(1, byteCount)) == 0, let pointer else {
            throw NotEnoughMemory(model: model, bytes: byteCount)
        }
        return pointer
    }
}
