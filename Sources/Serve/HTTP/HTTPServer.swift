import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A listening socket that could not be opened.
public struct ListenError: Error, CustomStringConvertible {
    public let description: String
}

/// An HTTP/1.1 server over POSIX sockets: a thread per connection up to `maxConnections`
/// (the next one is told 503 and closed), keep-alive, an access-log line per request. `run`
/// returns once `stopDescriptor` becomes readable and every connection has finished what it
/// was doing (an idle kept-alive connection is closed; a running request completes).
final class HTTPServer: @unchecked Sendable {
    /// Answers one request; what it returns is appended to the request's access-log line.
    typealias Handler = @Sendable (HTTPRequest, ResponseWriter) -> String
    /// The body of an error response the HTTP layer sends itself (408, 413, 503, …).
    typealias ErrorBody = @Sendable (_ status: Int, _ message: String) -> [UInt8]

    /// The port listened on (the one the system picked for port 0).
    let port: Int
    private let listener: Int32
    private let limits: HTTPLimits
    private let maxConnections: Int
    private let handler: Handler
    private let errorBody: ErrorBody
    private let log: @Sendable (String) -> Void
    private let active = Mutex(0)
    private let draining = Atomic<Bool>(false)

    init(host: String, port: Int, limits: HTTPLimits, maxConnections: Int, errorBody: @escaping ErrorBody,
         log: @escaping @Sendable (String) -> Void, handler: @escaping Handler) throws {
        (listener, self.port) = try Self.listen(host: host, port: port)
        self.limits = limits
        self.maxConnections = maxConnections
        self.errorBody = errorBody
        self.log = log
        self.handler = handler
    }

    deinit { close(listener) }

    func run(stopDescriptor: Int32) {
        var entries = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: stopDescriptor, events: Int16(POLLIN), revents: 0)]
        while true {
            entries[0].revents = 0
            entries[1].revents = 0
            guard poll(&entries, 2, -1) >= 0 || errno == EINTR else { break }
            if entries[1].revents != 0 { break }
            guard entries[0].revents != 0 else { continue }
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let descriptor = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener, $0, &length) }
            }
            guard descriptor >= 0 else { continue }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            let connection = SocketConnection(descriptor: descriptor, peer: Self.describe(&address, length))
            let admitted = active.withLock { count in
                guard count < maxConnections else { return false }
                count += 1
                return true
            }
            guard admitted else {
                ResponseWriter(connection: connection, limits: limits)
                    .respond(status: 503, json: errorBody(503, "the server is at its limit of \(maxConnections) connections; try again"), closing: true)
                log("\(connection.peer) refused: \(maxConnections) connections open")
                Thread.detachNewThread { _ = connection }  // its lingering close must not hold up accepting
                continue
            }
            Thread.detachNewThread { [self] in
                serve(connection)
                active.withLock { $0 -= 1 }
            }
        }
        draining.store(true, ordering: .releasing)
        while active.withLock({ $0 }) > 0 { usleep(20_000) }
    }

    private func serve(_ connection: SocketConnection) {
        var reader = HTTPRequestReader(connection: connection, limits: limits)
        while true {
            let start = ContinuousClock.now
            let writer = ResponseWriter(connection: connection, limits: limits)
            let request: HTTPRequest
            do {
                guard let next = try reader.next(giveUp: { draining.load(ordering: .acquiring) }) else { return }
                request = next
            } catch let error as HTTPError {
                writer.respond(status: error.status, json: errorBody(error.status, error.message), closing: true)
                log("\(connection.peer) \(error.status) \(error.message)")
                return
            } catch {
                return
            }
            let note = handler(request, writer)
            if writer.status == 0 {
                writer.respond(status: 500, json: errorBody(500, "no response"), closing: true)
            }
            let seconds = start.duration(to: .now) / .seconds(1)
            log(String(format: "%@ \"%@ %@\" %d %.3f s", connection.peer, request.method, request.path, writer.status, seconds)
                + (note.isEmpty ? "" : " \(note)"))
            guard request.keepsAlive, writer.connectionUsable, !writer.streaming, !draining.load(ordering: .acquiring) else { return }
        }
    }

    private static func listen(host: String, port: Int) throws -> (Int32, Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, let first = found else {
            throw ListenError(description: "cannot listen on \(host):\(port): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(found) }
        let descriptor = socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard descriptor >= 0, bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0, Glibc.listen(descriptor, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw ListenError(description: "cannot listen on \(host):\(port): \(reason)")
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        let bound = Int(describe(&address, length).split(separator: ":").last.flatMap { Int($0) } ?? port)
        return (descriptor, bound)
    }

    /// "address:port" of a socket address.
    private static func describe(_ address: inout sockaddr_storage, _ length: socklen_t) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard status == 0 else { return "?" }
        func text(_ characters: [CChar]) -> String { String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return text(host) + ":" + text(service)
    }
}
