import Foundation

/// Seconds since 1970 that never jump: the wall-clock time at start plus the time elapsed
/// since on a monotonic clock. Notices and playback measure intervals with it, so setting the
/// system clock cannot stretch a notice or stall an animation; chat ids still read as dates.
public struct MonotonicClock: Sendable {
    private let startDate = Date().timeIntervalSince1970
    private let start = ContinuousClock.now

    public init() {}

    public func now() -> Double {
        let elapsed = start.duration(to: .now).components
        return startDate + Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
