import CKernels
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A persistent pool of threads for data-parallel loops. `run` hands every thread (the caller
/// included, as index 0) the same job and returns when all have finished. Idle workers spin
/// briefly, then park on a condition variable, so back-to-back matmuls cost no thread wake-ups
/// and an idle pool costs no CPU.
public final class WorkerPool: @unchecked Sendable {
    public let threadCount: Int
    private let generation = Atomic<Int>(0)
    private let pending = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let shuttingDown = Atomic<Bool>(false)
    private var job: ((Int) -> Void)?
    private var mutex = pthread_mutex_t()
    private var wake = pthread_cond_t()
    private var threads: [pthread_t] = []
    /// Spin iterations before a worker parks (about 50 µs of `pause`).
    private let spinLimit = 2000

    public init(threads: Int) {
        threadCount = max(1, threads)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&wake, nil)
        for index in 1 ..< threadCount {
            let box = Unmanaged.passRetained(WorkerStart(pool: self, index: index))
            var thread = pthread_t()
            pthread_create(&thread, nil, { raw in
                let start = Unmanaged<WorkerStart>.fromOpaque(raw!).takeRetainedValue()
                start.pool.workerLoop(index: start.index)
                return nil
            }, box.toOpaque())
            self.threads.append(thread)
        }
    }

    deinit {
        shuttingDown.store(true, ordering: .releasing)
        generation.add(1, ordering: .releasing)
        pthread_mutex_lock(&mutex)
        pthread_cond_broadcast(&wake)
        pthread_mutex_unlock(&mutex)
        for thread in threads { pthread_join(thread, nil) }
        pthread_cond_destroy(&wake)
        pthread_mutex_destroy(&mutex)
    }

    /// Runs `body(threadIndex)` on every thread and waits for all of them.
    public func run(_ body: (Int) -> Void) {
        if threadCount == 1 { body(0); return }
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            pending.store(threadCount - 1, ordering: .relaxed)
            // Sequentially consistent on both sides of the park handshake: either this load sees
            // the sleeper, or the sleeper's re-check sees the new generation.
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(&mutex)
                pthread_cond_broadcast(&wake)
                pthread_mutex_unlock(&mutex)
            }
            escapable(0)
            while pending.load(ordering: .acquiring) > 0 { gp_cpu_relax() }
            job = nil
        }
    }

    /// Splits `0..<count` into one contiguous range per thread (`granule` aligned) and calls
    /// `body(range, threadIndex)` for each non-empty range.
    public func parallelFor(_ count: Int, granule: Int = 1, _ body: (Range<Int>, Int) -> Void) {
        let units = (count + granule - 1) / granule
        let threads = min(threadCount, max(1, units))
        if threads == 1 { body(0 ..< count, 0); return }
        run { index in
            guard index < threads else { return }
            let start = units * index / threads * granule
            let end = min(count, units * (index + 1) / threads * granule)
            if start < end { body(start ..< end, index) }
        }
    }

    private func workerLoop(index: Int) {
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < spinLimit { gp_cpu_relax(); continue }
                pthread_mutex_lock(&mutex)
                sleepers.add(1, ordering: .sequentiallyConsistent)
                while generation.load(ordering: .sequentiallyConsistent) == seen { pthread_cond_wait(&wake, &mutex) }
                sleepers.subtract(1, ordering: .relaxed)
                pthread_mutex_unlock(&mutex)
            }
            seen = generation.load(ordering: .acquiring)
            if shuttingDown.load(ordering: .acquiring) { return }
            job?(index)
            pending.subtract(1, ordering: .releasing)
        }
    }
}

private final class WorkerStart {
    // Unowned: the pool joins its threads in deinit, so it outlives every worker loop.
    unowned(unsafe) let pool: WorkerPool
    let index: Int
    init(pool: WorkerPool, index: Int) {
        self.pool = pool
        self.index = index
    }
}
