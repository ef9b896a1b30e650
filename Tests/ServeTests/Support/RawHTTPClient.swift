import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A response as a test reads it: status, headers (lower-case names) and the body, de-chunked.
struct RawResponse {
    let status: Int
    let headers: [String: String]
    let body: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    var errorMessage: String? { (json["error"] as? [String: Any])?["message"] as? String }

    /// The `data:` payloads of a server-sent event stream.
    var events: [String] {
        body.components(separatedBy: "\n\n").compactMap { $0.hasPrefix("data: ") ? String($0.dropFirst(6)) : nil }
    }
}

/// A client over a plain socket, so tests can send exactly the bytes they mean (malformed,
/// slow, pipelined) and hang up when they like.
final class RawHTTPClient {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Sends a request with `Connection: close` and reads the response to the end.
    static func request(port: Int, _ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) throws -> RawResponse {
        let client = try RawHTTPClient(port: port)
        client.send(requestText(method, path, body: body, headers: headers.merging(["Connection": "close"]) { a, _ in a }))
        return try parse(client.readToEnd())
    }

    static func post(port: Int, _ path: String, json: String, headers: [String: String] = [:]) throws -> RawResponse {
        try request(port: port, "POST", path, body: json, headers: headers)
    }

    static func requestText(_ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:]) -> String {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)" } else { text += "\r\n" }
        return text
    }

    /// Everything until the server closes the connection.
    func readToEnd() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            bytes += chunk[..<n]
        }
        return bytes
    }

    /// Reads until `text` has arrived (or the connection ends); returns what came.
    func read(until text: String) -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while !String(decoding: bytes, as: UTF8.self).contains(text), recv(descriptor, &byte, 1, 0) == 1 { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits responses off `bytes`, de-chunking chunked bodies.
    static func parseAll(_ bytes: [UInt8]) throws -> [RawResponse] {
        var rest = bytes[...]
        var responses: [RawResponse] = []
        while !rest.isEmpty {
            guard let end = find([13, 10, 13, 10], in: rest) else { throw POSIXError(.EBADMSG) }
            let head = String(decoding: rest[rest.startIndex ..< end], as: UTF8.self).components(separatedBy: "\r\n")
            rest = rest[(end + 4)...]
            let status = Int(head[0].split(separator: " ")[1]) ?? 0
            var headers: [String: String] = [:]
            for line in head.dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                headers[parts[0].lowercased()] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            }
            var body: [UInt8] = []
            if headers["transfer-encoding"] == "chunked" {
                while let lineEnd = find([13, 10], in: rest), let size = Int(String(decoding: rest[rest.startIndex ..< lineEnd], as: UTF8.self), radix: 16) {
                    let start = lineEnd + 2
                    guard rest.endIndex >= start + size + 2 else { body += rest[start...]; rest = rest[rest.endIndex...]; break }
                    body += rest[start ..< start + size]
                    rest = rest[(start + size + 2)...]
                    if size == 0 { break }
                }
            } else {
                let length = min(Int(headers["content-length"] ?? "") ?? rest.count, rest.count)
                body = Array(rest.prefix(length))
                rest = rest.dropFirst(length)
            }
            if status != 100 { responses.append(RawResponse(status: status, headers: headers, body: String(decoding: body, as: UTF8.self))) }
        }
        return responses
    }

    static func parse(_ bytes: [UInt8]) throws -> RawResponse {
        guard let last = try parseAll(bytes).last else { throw POSIXError(.EBADMSG) }
        return last
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.startIndex
        while i <= haystack.endIndex - needle.count {
            if haystack[i ..< i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
