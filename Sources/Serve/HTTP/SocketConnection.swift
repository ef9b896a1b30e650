import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// POLLRDHUP (Linux): the peer shut down its writing side. Not in Swift's Glibc module.
private let pollReadHangUp: Int16 = 0x2000

/// Why a socket read or write gave up.
enum SocketError: Error, Equatable {
    /// The deadline passed with the peer still silent (or not reading what we write).
    case timedOut
    /// The peer closed the connection or reset it.
    case closed
}

/// One accepted TCP connection. Every read and write waits at most until a deadline, so a
/// client that trickles bytes or stops reading cannot hold a worker thread.
/// Used by one thread at a time: the accepting one, then the one serving it.
final class SocketConnection: @unchecked Sendable {
    let descriptor: Int32
    /// "address:port" of the client, for the access log.
    let peer: String

    init(descriptor: Int32, peer: String) {
        self.descriptor = descriptor
        self.peer = peer
    }

    /// A lingering close: our side is shut first and what the client still sends is read and
    /// dropped for up to a second, so a response sent before its request was read in full (a
    /// 413, a 431) is not destroyed by a reset.
    deinit {
        shutdown(descriptor, Int32(SHUT_WR))
        var scratch: [UInt8] = []
        let deadline = ContinuousClock.now + .seconds(1)
        while (try? receive(into: &scratch, deadline: deadline)) != nil { scratch.removeAll(keepingCapacity: true) }
        close(descriptor)
    }

    /// Appends what arrives (at most `limit` bytes) to `buffer`, waiting until `deadline`.
    /// `giveUp` is asked a few times a second while waiting (a server that is draining).
    func receive(into buffer: inout [UInt8], limit: Int = 65536, deadline: ContinuousClock.Instant,
                 giveUp: () -> Bool = { false }) throws {
        try wait(for: Int16(POLLIN), until: deadline, giveUp: giveUp)
        var chunk = [UInt8](repeating: 0, count: limit)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, limit, 0) }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { return }
        guard count > 0 else { throw SocketError.closed }
        buffer += chunk[..<count]
    }

    /// Writes all of `bytes`, giving up at `deadline` (or on a closed peer: never SIGPIPE).
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws {
        var sent = 0
        while sent < bytes.count {
            try wait(for: Int16(POLLOUT), until: deadline)
            let count = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else { throw SocketError.closed }
            sent += count
        }
    }

    /// Whether the client has gone: hung up, reset, or closed its side (a generation for it
    /// should stop). Bytes waiting to be read (a next request) do not count.
    var peerHasClosed: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN) | pollReadHangUp, revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return false }
        if entry.revents & (Int16(POLLHUP) | Int16(POLLERR) | pollReadHangUp) != 0 { return true }
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 0
    }

    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, giveUp: () -> Bool = { false }) throws {
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero, !giveUp() else { throw SocketError.timedOut }
            // Slices of at most 250 ms, so `giveUp` is asked while a client idles.
            let milliseconds = Int32(min(250, max(1, (left / .milliseconds(1)).rounded(.up))))
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 {
                if entry.revents & (Int16(POLLERR) | Int16(POLLNVAL)) != 0 { throw SocketError.closed }
                return
            }
            if ready < 0 && errno != EINTR { throw SocketError.closed }
        }
    }
}
