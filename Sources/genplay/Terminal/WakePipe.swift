import Glibc

/// A self-pipe: other threads write a zero byte to wake the frame loop out of `poll`; the
/// termination signal handler writes the signal's number.
final class WakePipe: Sendable {
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { fatalError("genplay: pipe failed: \(errno)") }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    /// Safe from any thread; a full pipe already means "wake up".
    var signal: @Sendable () -> Void {
        let descriptor = writeEnd
        return {
            var byte: UInt8 = 0
            _ = write(descriptor, &byte, 1)
        }
    }

    /// Empties the pipe; returns the termination signal among what was in it, if any.
    func drain() -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 256)
        var signal: Int32?
        while case let count = read(readEnd, &buffer, buffer.count), count > 0 {
            if let byte = buffer[..<count].first(where: { $0 != 0 }) { signal = Int32(byte) }
        }
        return signal
    }
}
