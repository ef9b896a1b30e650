import CKernels
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A persistent pool of threads for data-parallel loops. `parallelFor` cuts the work into a
/// few chunks per thread that threads claim one by one (the caller too), so a thread the OS
/// has descheduled delays nothing it has not claimed. Idle workers spin briefly, then park on a
/// condition variable: back-to-back matmuls cost no wake-ups and an idle pool costs no CPU.
public final class WorkerPool: @unchecked Sendable {
    public let threadCount: Int
    private let generation = Atomic<Int>(0)
    /// Next chunk to claim; `closed` between jobs so late workers find nothing.
    private let nextChunk = Atomic<Int>(WorkerPool.closed)
    private let finished = Atomic<Int>(0)
    private let active = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let shuttingDown = Atomic<Bool>(false)
    private static let closed = Int.max / 2
    // The job: written only while `nextChunk` is closed, published by its release store.
    private var body: ((Range<Int>, Int) -> Void)?
    private var count = 0, granule = 1, units = 0, chunks = 0
    private var mutex = pthread_mutex_t()
    private var wake = pthread_cond_t()
    private var threads: [pthread_t] = []
    /// Spin iterations before an idle worker parks (tens of microseconds of `pause`).
    private let spinLimit = 2000
    private let chunksPerThread = 4

    public init(threads: Int) {
        threadCount = max(1, threads)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&wake, nil)
        for index in 1 ..< threadCount {
            let box = Unmanaged.passRetained(WorkerStart(pool: self, index: index))
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { raw in
                let start = Unmanaged<WorkerStart>.fromOpaque(raw!).takeRetainedValue()
                start.pool.workerLoop(index: start.index)
                return nil
            }, box.toOpaque())
            // Out of memory for a stack: fewer workers (the caller claims what they leave).
            guard created == 0 else {
                box.release()
                break
            }
            self.threads.append(thread)
        }
    }

    deinit {
        shuttingDown.store(true, ordering: .sequentiallyConsistent)
        generation.add(1, ordering: .sequentiallyConsistent)
        pthread_mutex_lock(&mutex)
        pthread_cond_broadcast(&wake)
        pthread_mutex_unlock(&mutex)
        for thread in threads { pthread_join(thread, nil) }
        pthread_cond_destroy(&wake)
        pthread_mutex_destroy(&mutex)
    }

    /// Splits `0..<count` into `granule`-aligned ranges and calls `body(range, threadIndex)` for
    /// each, spread over the pool; returns when all are done. Thread index 0 is the caller.
    public func parallelFor(_ count: Int, granule: Int = 1, _ body: (Range<Int>, Int) -> Void) {
        let units = (count + granule - 1) / granule
        let chunks = min(units, threadCount * chunksPerThread)
        if threadCount == 1 || chunks <= 1 {
            if count > 0 { body(0 ..< count, 0) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            self.body = escapable
            self.count = count
            self.granule = granule
            self.units = units
            self.chunks = chunks
            finished.store(0, ordering: .relaxed)
            nextChunk.store(0, ordering: .releasing)
            // Sequentially consistent on both sides of the park handshake: either this load
            // sees the sleeper, or the sleeper's re-check sees the new generation.
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(&mutex)
                pthread_cond_broadcast(&wake)
                pthread_mutex_unlock(&mutex)
            }
            runChunks(thread: 0)
            Self.wait { finished.load(ordering: .acquiring) >= chunks }
            nextChunk.store(Self.closed, ordering: .sequentiallyConsistent)
            Self.wait { active.load(ordering: .sequentiallyConsistent) == 0 }
            self.body = nil
        }
    }

    private func runChunks(thread: Int) {
        while true {
            let chunk = nextChunk.add(1, ordering: .acquiringAndReleasing).oldValue
            guard chunk < chunks else { return }
            let start = units * chunk / chunks * granule
            let end = min(count, units * (chunk + 1) / chunks * granule)
            if start < end { body?(start ..< end, thread) }
            finished.add(1, ordering: .releasing)
        }
    }

    /// Spins, then yields the CPU: under oversubscription the thread we wait for needs it.
    private static func wait(until done: () -> Bool) {
        var spins = 0
        while !done() {
            spins += 1
            if spins < 256 { gp_cpu_relax() } else { sched_yield() }
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
            if shuttingDown.load(ordering: .sequentiallyConsistent) { return }
            active.add(1, ordering: .sequentiallyConsistent)
            seen = generation.load(ordering: .sequentiallyConsistent)
            runChunks(thread: index)
            active.subtract(1, ordering: .sequentiallyConsistent)
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
