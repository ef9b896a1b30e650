import Foundation
import Testing

/// What a client can get wrong, on purpose or not: each gets a 4xx with an OpenAI error
/// object (or the connection closed), and the server goes on serving the next one.
@Suite struct ServerRobustnessTests {
    @Test func badRequestsGetAnErrorObjectAndTheServerGoesOn() throws {
        let server = try TestServer { $0.limits.bodyBytes = 4096 }
        defer { _ = server.stop() }
        let cases: [(path: String, body: String, status: Int, message: String)] = [
            ("/v1/chat/completions", #"{"messages": [{"role": "user", "content": "hi"}"#, 400, "not valid JSON"),
            ("/v1/chat/completions", #"{"messages": "hi"}"#, 400, "'messages' must be an array"),
            ("/v1/chat/completions", #"{"messages": [{"role": "user", "content": "hi"}], "temperature": "hot"}"#, 400, "'temperature' must be a number"),
            ("/v1/chat/completions", #"{"messages": [{"role": "user", "content": "hi"}], "stream": 1}"#, 400, "'stream' must be a boolean"),
            ("/v1/chat/completions", #"{"model": "x"}"#, 400, "'messages' is required"),
            ("/v1/chat/completions", #"{"messages": []}"#, 400, "messages is empty"),
            ("/v1/chat/completions", #"{"messages": [{"role": "tool", "content": "42"}]}"#, 400, "role 'tool' is not supported"),
            ("/v1/chat/completions", #"{"messages": [{"role": "user", "content": "hi"}], "max_tokens": 100000}"#, 400, "max_tokens must be between 0 and the context length, 256"),
            ("/v1/chat/completions", #"{"messages": [{"role": "user", "content": "hi"}], "top_p": 2}"#, 400, "top_p must be between"),
            ("/v1/chat/completions", #"{"messages": [{"role": "user", "content": "hi"}], "n": 3}"#, 400, "only n = 1"),
            ("/v1/completions", #"{"prompt": 7}"#, 400, "'prompt' must be a string or a list of token ids"),
            ("/v1/completions", #"{"prompt": [1, 99999]}"#, 400, "token id 99999 is not in the vocabulary"),
            ("/v1/completions", #"{"prompt": "\#(String(repeating: "word ", count: 60))"}"#, 400, "but the context holds 256"),
            ("/v1/completions", #"{"prompt": "\#(String(repeating: "x", count: 5000))"}"#, 413, "larger than the limit of 4096"),
            ("/v1/nothing", "{}", 404, "no such endpoint"),
        ]
        for item in cases {
            let response = try RawHTTPClient.post(port: server.port, item.path, json: item.body)
            #expect(response.status == item.status, "\(item.body.prefix(80)): \(response.body)")
            #expect(response.errorMessage?.contains(item.message) == true, "\(item.body.prefix(80)): \(response.body)")
        }
        let overflow = try RawHTTPClient.post(port: server.port, "/v1/completions", json: #"{"prompt": "\#(String(repeating: "word ", count: 60))"}"#)
        #expect((overflow.json["error"] as? [String: Any])?["code"] as? String == "context_length_exceeded")
        #expect((overflow.json["error"] as? [String: Any])?["param"] as? String == "prompt")
        let longChat = #"{"messages": [{"role": "user", "content": "\#(String(repeating: "word ", count: 60))"}]}"#
        let chatOverflow = try RawHTTPClient.post(port: server.port, "/v1/chat/completions", json: longChat)
        #expect((chatOverflow.json["error"] as? [String: Any])?["param"] as? String == "messages")
        #expect(try RawHTTPClient.request(port: server.port, "GET", "/v1/completions").status == 405)
        #expect(try RawHTTPClient.request(port: server.port, "GET", "/health").status == 200)
    }

    @Test func malformedHTTPIsRefusedAndClosed() throws {
        let server = try TestServer()
        defer { _ = server.stop() }
        let cases: [(request: String, status: Int)] = [
            ("GARBAGE\r\n\r\n", 400),
            ("GET /health HTTP/1.1\r\nno colon here\r\n\r\n", 400),
            ("POST /v1/completions HTTP/1.1\r\nContent-Length: ten\r\n\r\n", 400),
            ("POST /v1/completions HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400),
            ("POST /v1/completions HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 411),
            ("GET /health HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 20000))\r\n\r\n", 431),
        ]
        for item in cases {
            let client = try RawHTTPClient(port: server.port)
            client.send(item.request)
            let response = try RawHTTPClient.parse(client.readToEnd())  // ends: the server closed it
            #expect(response.status == item.status, "\(item.request.prefix(60))")
            #expect(response.errorMessage != nil)
        }
        #expect(try RawHTTPClient.request(port: server.port, "GET", "/health").status == 200)
    }

    /// Two requests in one write, on one kept-alive connection: two answers in order.
    @Test func pipelinedRequestsOnOneConnection() throws {
        let server = try TestServer()
        defer { _ = server.stop() }
        let client = try RawHTTPClient(port: server.port)
        let completion = #"{"prompt": "la", "temperature": 0, "max_tokens": 2}"#
        client.send(RawHTTPClient.requestText("GET", "/health") + RawHTTPClient.requestText("POST", "/v1/completions", body: completion)
                    + RawHTTPClient.requestText("GET", "/v1/models", headers: ["Connection": "close"]))
        let responses = try RawHTTPClient.parseAll(client.readToEnd())
        #expect(responses.map(\.status) == [200, 200, 200])
        #expect(responses.count == 3 && responses[1].json["object"] as? String == "text_completion")
    }

    /// A client that sends half its headers and then nothing is cut off when its time is up,
    /// while others are served meanwhile.
    @Test func aSlowClientIsTimedOut() throws {
        let server = try TestServer { $0.limits.headerSeconds = 0.5; $0.limits.bodySeconds = 0.5 }
        defer { _ = server.stop() }
        let slowHeaders = try RawHTTPClient(port: server.port)
        slowHeaders.send("POST /v1/completions HTTP/1.1\r\nHost: x\r\n")
        let slowBody = try RawHTTPClient(port: server.port)
        slowBody.send("POST /v1/completions HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"prompt\"")
        #expect(try RawHTTPClient.request(port: server.port, "GET", "/health").status == 200)
        let start = Date()
        #expect(try RawHTTPClient.parse(slowHeaders.readToEnd()).status == 408)
        #expect(try RawHTTPClient.parse(slowBody.readToEnd()).status == 408)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    /// Connections beyond the cap are told 503 at once instead of waiting.
    @Test func connectionsBeyondTheCapAreRefused() throws {
        let server = try TestServer { $0.maxConnections = 2 }
        defer { _ = server.stop() }
        let idle = try [RawHTTPClient(port: server.port), RawHTTPClient(port: server.port)]
        try withExtendedLifetime(idle) {
            #expect(server.waitForLog("nothing yet", seconds: 0.3) == nil)  // both accepted
            let refused = try RawHTTPClient.request(port: server.port, "GET", "/health")
            #expect(refused.status == 503)
            #expect(refused.errorMessage?.contains("limit of 2 connections") == true)
        }
    }

    /// A client that hangs up mid-stream stops its generation: far fewer tokens than it asked for.
    @Test func aClientThatLeavesMidStreamStopsItsGeneration() throws {
        let server = try TestServer(context: 4096)
        defer { _ = server.stop() }
        let client = try RawHTTPClient(port: server.port)
        client.send(RawHTTPClient.requestText("POST", "/v1/completions", body: #"{"prompt": "la", "temperature": 0, "max_tokens": 4000, "stream": true}"#))
        #expect(client.read(until: "data: ").contains("200 OK"))
        close(client.descriptor)
        let line = try #require(server.waitForLog("client gone", seconds: 60))
        let completion = Int(line.components(separatedBy: "completion ")[1].split(separator: " ")[0]) ?? 4000
        #expect(completion < 4000, "\(line)")
        #expect(try RawHTTPClient.request(port: server.port, "GET", "/health").status == 200)
    }

    /// Stopping (SIGINT in `genplay serve`) lets a running request finish, then returns.
    @Test func stoppingDrainsTheRunningRequest() throws {
        let server = try TestServer(context: 4096)
        let client = try RawHTTPClient(port: server.port)
        client.send(RawHTTPClient.requestText("POST", "/v1/completions", body: #"{"prompt": "la", "temperature": 0, "max_tokens": 600, "stream": true}"#,
                                              headers: ["Connection": "close"]))
        _ = client.read(until: "data: ")
        #expect(server.stop())
        let rest = String(decoding: client.readToEnd(), as: UTF8.self)
        #expect(rest.hasSuffix("data: [DONE]\n\n\r\n0\r\n\r\n"))
    }
}
