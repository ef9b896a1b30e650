import Foundation

/// One HTTP/1.1 request, headers' names in lower case.
struct HTTPRequest {
    let method: String
    /// The path without its query string.
    let path: String
    /// "HTTP/1.1" or "HTTP/1.0".
    let version: String
    let headers: [String: String]
    let body: [UInt8]

    /// HTTP/1.1 keeps the connection unless the client says `Connection: close`; HTTP/1.0
    /// only when it asks for `keep-alive`.
    var keepsAlive: Bool {
        let connection = headers["connection"]?.lowercased()
        return version == "HTTP/1.0" ? connection == "keep-alive" : connection != "close"
    }
}

/// A request that cannot be served, answered with `status` and the connection closed.
struct HTTPError: Error {
    let status: Int
    let message: String
}

/// How long and how much a client may take to send a request.
public struct HTTPLimits: Sendable {
    /// Request line and headers.
    public var headerBytes = 16 * 1024
    public var bodyBytes = 1 << 20
    /// From a request's first byte to its last header.
    public var headerSeconds = 10.0
    /// For the whole body, once the headers are in.
    public var bodySeconds = 30.0
    /// Between two requests on a kept-alive connection.
    public var idleSeconds = 15.0
    /// For a response write the client does not read.
    public var writeSeconds = 30.0

    public init() {}
}

/// Reads requests off one connection, keeping bytes that arrive past a request (pipelining).
struct HTTPRequestReader {
    let connection: SocketConnection
    let limits: HTTPLimits
    private var buffer: [UInt8] = []

    init(connection: SocketConnection, limits: HTTPLimits) {
        self.connection = connection
        self.limits = limits
    }

    /// The next request; nil when the client closed the connection or stayed idle between
    /// requests (or `giveUp` said the server is stopping). Throws `HTTPError` for a request that
    /// is malformed, too large or too slow.
    mutating func next(giveUp: () -> Bool) throws -> HTTPRequest? {
        if buffer.isEmpty {
            do {
                try connection.receive(into: &buffer, deadline: .now + .seconds(limits.idleSeconds), giveUp: giveUp)
            } catch is SocketError { return nil }
        }
        let headerDeadline = ContinuousClock.now + .seconds(limits.headerSeconds)
        var end = Self.headerEnd(buffer)
        while end == nil {
            guard buffer.count <= limits.headerBytes else { throw HTTPError(status: 431, message: "request headers larger than \(limits.headerBytes) bytes") }
            try receive(until: headerDeadline, timeout: "headers")
            end = Self.headerEnd(buffer)
        }
        guard let end, end <= limits.headerBytes else { throw HTTPError(status: 431, message: "request headers larger than \(limits.headerBytes) bytes") }
        let head = try Self.parseHead(Array(buffer[..<end]))
        buffer.removeFirst(end + 4)
        let length = try bodyLength(head.headers)
        if head.headers["expect"]?.lowercased() == "100-continue" {
            try? connection.send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), deadline: .now + .seconds(limits.writeSeconds))
        }
        let bodyDeadline = ContinuousClock.now + .seconds(limits.bodySeconds)
        while buffer.count < length { try receive(until: bodyDeadline, timeout: "body") }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return HTTPRequest(method: head.method, path: head.path, version: head.version, headers: head.headers, body: body)
    }

    private mutating func receive(until deadline: ContinuousClock.Instant, timeout part: String) throws {
        do {
            try connection.receive(into: &buffer, deadline: deadline)
        } catch SocketError.timedOut {
            throw HTTPError(status: 408, message: "the request's \(part) did not arrive in time")
        }
    }

    private func bodyLength(_ headers: [String: String]) throws -> Int {
        if headers["transfer-encoding"] != nil {
            throw HTTPError(status: 411, message: "chunked request bodies are not accepted; send Content-Length")
        }
        guard let text = headers["content-length"] else { return 0 }
        guard let length = Int(text.trimmingCharacters(in: .whitespaces)), length >= 0 else {
            throw HTTPError(status: 400, message: "Content-Length is not a number")
        }
        guard length <= limits.bodyBytes else {
            throw HTTPError(status: 413, message: "request body of \(length) bytes is larger than the limit of \(limits.bodyBytes)")
        }
        return length
    }

    /// Index of the blank line ending the headers.
    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0 ... bytes.count - 4 where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }

    private static func parseHead(_ bytes: [UInt8]) throws -> (method: String, path: String, version: String, headers: [String: String]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw HTTPError(status: 400, message: "request headers are not UTF-8") }
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1."), !requestLine[0].isEmpty, requestLine[1].hasPrefix("/") else {
            throw HTTPError(status: 400, message: "malformed request line")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw HTTPError(status: 400, message: "malformed header line")
            }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-length", let earlier = headers[name], earlier != value {
                throw HTTPError(status: 400, message: "conflicting Content-Length headers")
            }
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
            if name == "content-length" { headers[name] = value }
        }
        let target = requestLine[1]
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return (String(requestLine[0]), String(path), String(requestLine[2]), headers)
    }
}
