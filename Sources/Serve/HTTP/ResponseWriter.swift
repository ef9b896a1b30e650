import Foundation

/// Writes the one response to a request: whole (with Content-Length), or as a stream of
/// server-sent events in chunked encoding, so the connection can be kept for the next request.
final class ResponseWriter {
    private let connection: SocketConnection
    private let limits: HTTPLimits
    /// The status sent, for the access log (0 until something is sent).
    private(set) var status = 0
    /// False once a write failed or the stream was cut: the connection must be closed.
    private(set) var connectionUsable = true
    /// True between `startEvents` and `finishEvents`.
    private(set) var streaming = false

    init(connection: SocketConnection, limits: HTTPLimits) {
        self.connection = connection
        self.limits = limits
    }

    /// Whether the client hung up (a generation for it should stop).
    var clientHasGone: Bool { !connectionUsable || connection.peerHasClosed }

    func respond(status: Int, json body: [UInt8], closing: Bool = false) {
        self.status = status
        var head = Self.statusLine(status)
        head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        if closing { head += "Connection: close\r\n" }
        write(Array((head + "\r\n").utf8) + body)
        if closing { connectionUsable = false }
    }

    /// Sends nothing: the client left before its response was ready (logged as 499, nginx's
    /// "client closed request").
    func abandon() {
        status = 499
        connectionUsable = false
    }

    /// Starts a `text/event-stream` response; `event` then sends each `data:` line.
    func startEvents() {
        status = 200
        streaming = true
        let head = Self.statusLine(200) + "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n"
        write(Array(head.utf8))
    }

    /// One server-sent event, `data: PAYLOAD`. Returns false once the client is gone.
    @discardableResult
    func event(_ payload: [UInt8]) -> Bool {
        chunk(Array("data: ".utf8) + payload + Array("\n\n".utf8))
        return connectionUsable
    }

    /// Ends the event stream (the zero-length chunk).
    func finishEvents() {
        guard streaming else { return }
        streaming = false
        write(Array("0\r\n\r\n".utf8))
    }

    private func chunk(_ bytes: [UInt8]) {
        write(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + [13, 10])
    }

    private func write(_ bytes: [UInt8]) {
        guard connectionUsable else { return }
        do {
            try connection.send(bytes, deadline: .now + .seconds(limits.writeSeconds))
        } catch {
            connectionUsable = false
        }
    }

    private static func statusLine(_ status: Int) -> String {
        "HTTP/1.1 \(status) \(reasons[status] ?? "Status")\r\nServer: genplay\r\n"
    }

    private static let reasons: [Int: String] = [
        200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 411: "Length Required", 413: "Content Too Large", 431: "Request Header Fields Too Large",
        500: "Internal Server Error", 503: "Service Unavailable",
    ]
}
