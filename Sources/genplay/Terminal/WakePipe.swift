import Glibc

/// A self-pipe: other threads write a byte to wake the frame loop out of `poll`.
final class WakePipe: Sendable {
    let readEnd: Int32
    private let writeEnd: Int32

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
            var byte: UInt8 = 1
            _ = write(descriptor, &byte, 1)
        }
    }

    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }
}
