import CKernels
import Foundation
import Testing
@testable import Engine

/// The flash-attention kernels over a half-precision cache, with and without a sliding window,
/// against a softmax computed in double precision.
@Suite struct AttentionKernelTests {
    static let d = 32, positions = 160

    struct Cache {
        var keys: [UInt16] = [], values: [UInt16] = [], queries: [Float] = []
        init(seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            let count = AttentionKernelTests.positions * AttentionKernelTests.d
            keys = (0 ..< count).map { _ in gp_float_to_half(rng.nextUnit() * 2 - 1) }
            values = (0 ..< count).map { _ in gp_float_to_half(rng.nextUnit() * 2 - 1) }
            queries = (0 ..< count).map { _ in rng.nextUnit() * 2 - 1 }
        }

        /// softmax(scale · q·k) · v over positions [lower, upper) in double, the query rounded to
        /// half as the one-query kernel rounds it when `halfQuery`.
        func reference(query p: Int, lower: Int, upper: Int, scale: Float) -> [Double] {
            let d = AttentionKernelTests.d
            let q = (0 ..< d).map { Double(queries[p * d + $0]) }
            let scores = (lower ..< upper).map { j in
                Double(scale) * (0 ..< d).reduce(0.0) { $0 + q[$1] * Double(gp_half_to_float(keys[j * d + $1])) }
            }
            let m = scores.max()!, weights = scores.map { Foundation.exp($0 - m) }, total = weights.reduce(0, +)
            return (0 ..< d).map { c in
                zip(lower ..< upper, weights).reduce(0.0) { $0 + $1.1 * Double(gp_half_to_float(values[$1.0 * d + c])) } / total
            }
        }

        func oneQuery(_ p: Int, first: Int, scale: Float) -> [Float] {
            let d = AttentionKernelTests.d
            var out = [Float](repeating: 0, count: d), scratch = [UInt16](repeating: 0, count: 2 * d)
            queries.withUnsafeBufferPointer { q in
                gp_attend_f16(Int64(d), q.baseAddress! + p * d, keys, values, Int64(d), Int64(first), Int64(p + 1), scale, &out, &scratch)
            }
            return out
        }

        /// `count` queries from position `from`, in one call of the tiled kernel.
        func tiled(from: Int, count: Int, window: Int, scale: Float) -> [Float] {
            let d = AttentionKernelTests.d
            var out = [Float](repeating: 0, count: count * d)
            var scratch = [Float](repeating: 0, count: gp_attend_tiled_scratch(Int64(d), Int64(count)))
            queries.withUnsafeBufferPointer { q in
                gp_attend_tiled(Int64(d), q.baseAddress! + from * d, Int64(d), Int64(count), Int64(from), Int64(window),
                                keys, values, Int64(d), scale, &out, Int64(d), &scratch)
            }
            return out
        }
    }

    static let scale = 1 / Float(d).squareRoot()

    @Test func aWindowSkipsPositionsExactlyAsAShorterCacheWould() {
        let cache = Cache(seed: 1), d = Self.d, p = 120, first = 57
        var shifted = cache
        shifted.keys = Array(cache.keys[(first * d)...])
        shifted.values = Array(cache.values[(first * d)...])
        shifted.queries = Array(cache.queries[(first * d)...])
        let windowed = cache.oneQuery(p, first: first, scale: Self.scale)
        #expect(windowed.map(\.bitPattern) == shifted.oneQuery(p - first, first: 0, scale: Self.scale).map(\.bitPattern))
        let expected = cache.reference(query: p, lower: first, upper: p + 1, scale: Self.scale)
        for c in 0 ..< d { #expect(abs(Double(windowed[c]) - expected[c]) < 5e-3) }
    }

    /// 40 queries at positions 100...139 with a window of 50: the windows start in different
    /// KV tiles (51...90), so tiles are skipped, partly masked and whole.
    @Test func tiledAttentionKeepsEachQueryInsideItsWindow() {
        let cache = Cache(seed: 2), d = Self.d, from = 100, count = 40, window = 50
        let out = cache.tiled(from: from, count: count, window: window, scale: Self.scale)
        for i in 0 ..< count {
            let p = from + i
            let expected = cache.reference(query: p, lower: p - window + 1, upper: p + 1, scale: Self.scale)
            let oneQuery = cache.oneQuery(p, first: p - window + 1, scale: Self.scale)
            for c in 0 ..< d {
                #expect(abs(Double(out[i * d + c]) - expected[c]) < 1e-5, "query \(p), channel \(c)")
                #expect(abs(oneQuery[c] - out[i * d + c]) < 5e-3)
            }
        }
    }

    @Test func aWindowOverEveryPositionChangesNothing() {
        let cache = Cache(seed: 3), from = 70, count = 64
        let plain = cache.tiled(from: from, count: count, window: 0, scale: Self.scale)
        let wide = cache.tiled(from: from, count: count, window: from + count, scale: Self.scale)
        #expect(plain.map(\.bitPattern) == wide.map(\.bitPattern))
    }

    @Test func aWindowOfOneSeesOnlyItself() {
        let cache = Cache(seed: 4), d = Self.d, from = 90, count = 20
        let out = cache.tiled(from: from, count: count, window: 1, scale: Self.scale)
        for i in 0 ..< count {
            let own = (0 ..< d).map { gp_half_to_float(cache.values[(from + i) * d + $0]) }
            #expect(Array(out[i * d ..< (i + 1) * d]) == own)
            #expect(cache.oneQuery(from + i, first: from + i, scale: Self.scale) == own)
        }
    }
}
