/// What the layers of one network share while running: the thread pool and each thread's
/// scratch (a packed im2col strip for convolutions, the score matrix for attention).
final class ImageExecution {
    let pool: WorkerPool
    private let scratch: FloatBuffer
    private let scratchStride: Int

    init(threads: Int, scratchFloats: Int) {
        pool = WorkerPool(threads: threads)
        scratchStride = (scratchFloats + 15) / 16 * 16
        scratch = FloatBuffer(count: scratchStride * pool.threadCount)
    }

    /// The scratch of thread `index` (0 is the caller).
    func scratch(thread index: Int) -> UnsafeMutablePointer<Float> { scratch.pointer + index * scratchStride }
}
