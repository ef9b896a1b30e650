import CKernels
import Engine
import Foundation

/// `genplay bench --kernels`: each hot kernel over weights larger than the caches, reported as
/// GB/s of weights consumed next to the machine's plain read bandwidth measured in the same
/// run, so a kernel that regresses shows up as a lower fraction.
enum KernelBench {
    struct Row: Codable {
        let kernel: String
        let threads: Int
        let gigabytesPerSecond: Double
        let fractionOfReadBandwidth: Double
    }

    static func run(threads: Int, repetitions: Int) -> [Row] {
        let pool = WorkerPool(threads: threads)
        let bytes = 192 << 20 // larger than any L3 here
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer { buffer.deallocate() }
        memset(buffer, 1, bytes)
        let read = best(repetitions) {
            pool.parallelFor(bytes / 4096) { range, _ in
                _ = gp_read_all(buffer + range.lowerBound * 4096, range.count * 4096)
            }
        }
        let bandwidth = Double(bytes) / read / 1e9
        var results = [Row(kernel: "read (reference)", threads: threads, gigabytesPerSecond: bandwidth, fractionOfReadBandwidth: 1)]
        for (name, type, tokens) in [("Q4_1 × Q8_1 matvec (decode)", GGMLType.q4_1, 1), ("Q8_0 × Q8_0 matvec (decode)", .q8_0, 1),
                                     ("Q4_1 × Q8_1 matmul, 64 tokens (bytes × tokens)", .q4_1, 64)] {
            let columns = 1536, rows = bytes / 2 / type.rowBytes(columns) / 4 * 4
            let traits = gp_type_traits_of(Int32(type.rawValue))!, packing = traits.pointee.packing.pointee
            let packed = UnsafeMutableRawPointer.allocate(byteCount: packing.bytes(Int64(rows), Int64(columns)), alignment: 64)
            defer { packed.deallocate() }
            let source = [UInt8](repeating: 0x11, count: rows * type.rowBytes(columns))
            packing.pack(source, type.rowBytes(columns), Int64(rows), Int64(columns), packed)
            let input = (0 ..< tokens * columns).map { Float($0 % 17) - 8 }
            let stride = gp_activation_row_bytes(traits, Int64(columns))
            var prepared = [UInt8](repeating: 0, count: stride * tokens)
            gp_prepare_activations(traits, input, Int64(columns), Int64(tokens), &prepared)
            var out = [Float](repeating: 0, count: rows * tokens)
            let seconds = best(repetitions) {
                prepared.withUnsafeBytes { x in
                    out.withUnsafeMutableBufferPointer { o in
                        pool.parallelFor(rows, granule: 16) { range, _ in
                            packing.matmul(packed, Int64(columns), x.baseAddress, stride, Int64(tokens), o.baseAddress,
                                             Int64(rows), Int64(range.lowerBound), Int64(range.upperBound))
                        }
                    }
                }
            }
            // Weights streamed once per activation row: a matmul reuses them from cache, so its
            // figure can pass the read bandwidth (that is the point of batching).
            let rate = Double(rows * type.rowBytes(columns) * tokens) / seconds / 1e9
            results.append(Row(kernel: name, threads: threads, gigabytesPerSecond: rate, fractionOfReadBandwidth: rate / bandwidth))
        }
        return results
    }

    /// The fastest of `n` timed runs, in seconds.
    private static func best(_ n: Int, _ body: () -> Void) -> Double {
        (0 ..< max(1, n)).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }.min()!
    }
}
