import Engine
import Foundation
import Synchronization
import Testing
import TestSupport

/// The OpenAI endpoints on a tiny model: whole and streamed replies equal to the greedy token
/// stream, logprobs, stop strings, usage, KV-cache reuse across requests, the API key, and
/// requests answered one at a time in arrival order.
@Suite struct OpenAIServerTests {
    /// The greedy reply to `turns` as `TokenStream` makes it, up to `limit` tokens or the end of turn.
    static func greedyReply(_ turns: [ChatTurn], limit: Int) throws -> String {
        let bundle = try LanguageModelBundle(path: TestServer.modelPath, options: ModelOptions(contextLength: 256, threads: 1))
        let format = try BuiltInChatFormat(tokenizer: bundle.tokenizer)
        var settings = SamplerSettings()
        settings.temperature = 0
        let stream = TokenStream(model: bundle.model, tokenizer: bundle.tokenizer, settings: LiveSamplerSettings(settings))
        stream.reset(to: try format.render(turns, tokenizer: bundle.tokenizer))
        var text = ""
        for _ in 0 ..< limit {
            guard let token = try stream.next(), !format.endsReply(token.id, tokenizer: bundle.tokenizer) else { break }
            text += token.text
        }
        return text + stream.flushText()
    }

    static let question = #"{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Sing."}], "#

    @Test func chatCompletionIsTheGreedyReply() throws {
        let server = try TestServer()
        defer { _ = server.stop() }
        let response = try RawHTTPClient.post(port: server.port, "/v1/chat/completions",
                                              json: Self.question + #""temperature": 0, "max_tokens": 12, "unknown_field": [1, 2]}"#)
        #expect(response.status == 200, "\(response.body)")
        let choice = try #require((response.json["choices"] as? [[String: Any]])?.first)
        let message = try #require(choice["message"] as? [String: Any])
        let expected = try Self.greedyReply([ChatTurn(role: .system, text: "Be brief."), ChatTurn(role: .user, text: "Sing.")], limit: 12)
        #expect(!expected.isEmpty)
        #expect(message["content"] as? String == expected)
        #expect(message["role"] as? String == "assistant")
        #expect(choice["finish_reason"] as? String == "length")
        let usage = try #require(response.json["usage"] as? [String: Int])
        #expect(usage["completion_tokens"] == 12)
        #expect(usage["total_tokens"] == usage["prompt_tokens"]! + 12)
        #expect(response.json["object"] as? String == "chat.completion")
        #expect((response.json["id"] as? String)?.hasPrefix("chatcmpl-") == true)
    }

    @Test func streamedChunksAddUpToTheWholeReply() throws {
        let server = try TestServer()
        defer { _ = server.stop() }
        let whole = try RawHTTPClient.post(port: server.port, "/v1/chat/completions", json: Self.question + #""temperature": 0, "max_tokens": 9}"#)
        let streamed = try RawHTTPClient.post(port: server.port, "/v1/chat/completions",
                                              json: Self.question + #""temperature": 0, "max_tokens": 9, "stream": true, "stream_options": {"include_usage": true}}"#)
        #expect(streamed.status == 200)
        #expect(streamed.headers["content-type"] == "text/event-stream")
        let events = streamed.events
        #expect(events.last == "[DONE]")
        let chunks = events.dropLast().compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        #expect(chunks.count == events.count - 1)
        let deltas = chunks.compactMap { (($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any]) }
        #expect(deltas.first?["role"] as? String == "assistant")
        let text = deltas.compactMap { $0["content"] as? String }.joined()
        let wholeText = (((whole.json["choices"] as? [[String: Any]])?.first?["message"]) as? [String: Any])?["content"] as? String
        #expect(text == wholeText)
        let finish = chunks.compactMap { ($0["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String }
        #expect(finish == ["length"])
        #expect((chunks.last?["usage"] as? [String: Int])?["completion_tokens"] == 9)
        #expect((chunks.last?["choices"] as? [Any])?.isEmpty == true)
    }

    @Test func logprobsCarryEachTokenAndItsAlternatives() throws {
        let server = try TestServer()
        defer { _ = server.stop() }
        let chat = try RawHTTPClient.post(port: server.port, "/v1/chat/completions",
                                          json: Self.question + #""temperature": 0, "max_tokens": 5, "logprobs": true, "top_logprobs": 3}"#)
        let choice = try #require((chat.json["choices"] as? [[String: Any]])?.first)
        let content = try #require((choice["logprobs"] as? [String: Any])?["content"] as? [[String: Any]])
        #expect(content.count == 5)
        let text = (choice["message"] as? [String: Any])?["content"] as? String
        #expect(content.map { $0["token"] as? String ?? "?" }.joined() == text)
        for entry in content {
            let top = try #require(entry["top_logprobs"] as? [[String: Any]])
            #expect(top.count == 3)
            // Greedy: the chosen token is the most likely one, and logprobs are ≤ 0.
            #expect(top[0]["token"] as? String == entry["token"] as? String)
            #expect((entry["logprob"] as? Double).map { $0 <= 0 } == true)
            #expect((entry["bytes"] as? [Int]) == Array(((entry["token"] as? String) ?? "").utf8).map(Int.init))
        }

        let text2 = try RawHTTPClient.post(port: server.port, "/v1/completions", json: #"{"prompt": "la", "temperature": 0, "max_tokens": 4, "logprobs": 2}"#)
        let logprobs = try #require(((text2.json["choices"] as? [[String: Any]])?.first?["logprobs"]) as? [String: Any])
        #expect((logprobs["tokens"] as? [String])?.count == 4)
        #expect((logprobs["token_logprobs"] as? [Double])?.count == 4)
        #expect((logprobs["top_logprobs"] as? [[String: Double]])?.allSatisfy { $0.count == 2 } == true)
        #expect((logprobs["text_offset"] as? [Int])?.first == 0)

        // Streamed, each chunk's offset is where its token starts in the whole reply.
        let streamed = try RawHTTPClient.post(port: server.port, "/v1/completions",
                                              json: #"{"prompt": "la", "temperature": 0, "max_tokens": 4, "logprobs": 1, "stream": true}"#)
        var reply = ""
        for event in streamed.events.dropLast() {
            let choice = ((try? JSONSerialization.jsonObject(with: Data(event.utf8))) as? [String: Any]).flatMap { ($0["choices"] as? [[String: Any]])?.first }
            if let offsets = (choice?["logprobs"] as? [String: Any])?["text_offset"] as? [Int] { #expect(offsets == [reply.utf8.count]) }
            reply += choice?["text"] as? String ?? ""
        }
        #expect(reply.utf8.count > 0)
    }

    @Test func stopStringsEndTheReplyAndAreLeftOut() throws {
        let server = try TestServer()
        defer { _ = server.stop() }
        let full = try RawHTTPClient.post(port: server.port, "/v1/completions", json: #"{"prompt": "la", "temperature": 0, "max_tokens": 12}"#)
        let fullText = try #require(((full.json["choices"] as? [[String: Any]])?.first?["text"]) as? String)
        let stop = String(fullText.dropFirst(3).prefix(4))  // a stop string from within the reply
        let cut = try RawHTTPClient.post(port: server.port, "/v1/completions",
                                         json: #"{"prompt": "la", "temperature": 0, "max_tokens": 12, "stop": ["\#(stop)", "never"]}"#)
        let choice = try #require((cut.json["choices"] as? [[String: Any]])?.first)
        let cutText = try #require(choice["text"] as? String)
        #expect(fullText.hasPrefix(cutText + stop))
        #expect(!cutText.contains(stop))
        #expect(choice["finish_reason"] as? String == "stop")
    }

    /// A chat client resends the whole history: the second request finds all of the first's
    /// prompt and reply in the KV cache.
    @Test func aFollowUpReusesTheCachedPrefix() throws {
        let server = try TestServer()
        defer { _ = server.stop() }
        let first = try RawHTTPClient.post(port: server.port, "/v1/chat/completions", json: Self.question + #""temperature": 0, "max_tokens": 6}"#)
        let reply = try #require((((first.json["choices"] as? [[String: Any]])?.first?["message"]) as? [String: Any])?["content"] as? String)
        let promptTokens = try #require((first.json["usage"] as? [String: Int])?["prompt_tokens"])
        let followUp = #"{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Sing."}, "#
            + #"{"role": "assistant", "content": \#(String(decoding: try JSONEncoder().encode(reply), as: UTF8.self))}, "#
            + #"{"role": "user", "content": "Again."}], "temperature": 0, "max_tokens": 3}"#
        let second = try RawHTTPClient.post(port: server.port, "/v1/chat/completions", json: followUp)
        #expect(second.status == 200, "\(second.body)")
        let line = try #require(server.waitForLog("prompt \((second.json["usage"] as? [String: Int])?["prompt_tokens"] ?? -1) ("))
        let cached = Int(line.split(separator: "(")[1].split(separator: " ")[0]) ?? 0
        #expect(cached >= promptTokens, "\(line)")
    }

    @Test func theAPIKeyIsRequiredEverywhereButHealth() throws {
        let server = try TestServer { $0.apiKey = "s3cret" }
        defer { _ = server.stop() }
        #expect(try RawHTTPClient.request(port: server.port, "GET", "/v1/models").status == 401)
        let wrong = try RawHTTPClient.request(port: server.port, "GET", "/v1/models", headers: ["Authorization": "Bearer s3cre7"])
        #expect(wrong.status == 401)
        #expect((wrong.json["error"] as? [String: Any])?["code"] as? String == "invalid_api_key")
        let right = try RawHTTPClient.request(port: server.port, "GET", "/v1/models", headers: ["Authorization": "Bearer s3cret"])
        #expect(right.status == 200)
        #expect(((right.json["data"] as? [[String: Any]])?.first?["id"]) as? String == "la-di-da")
        #expect(try RawHTTPClient.request(port: server.port, "GET", "/health").body == #"{"status":"ok"}"#)
    }

    /// Four clients at once: each gets its whole, correct reply, and the model took them one
    /// at a time (four access-log lines, no request failed).
    @Test func concurrentRequestsAreAnsweredInTurn() throws {
        let server = try TestServer()
        defer { _ = server.stop() }
        let expected = try Self.greedyReply([ChatTurn(role: .user, text: "Hum.")], limit: 20)
        let replies = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let response = try? RawHTTPClient.post(port: server.port, "/v1/chat/completions",
                                                   json: #"{"messages": [{"role": "user", "content": "Hum."}], "temperature": 0, "max_tokens": 20}"#)
            let text = (((response?.json["choices"] as? [[String: Any]])?.first?["message"]) as? [String: Any])?["content"] as? String
            replies.withLock { $0.append(text ?? "failed: \(response?.body ?? "no response")") }
        }
        #expect(replies.withLock { $0 } == Array(repeating: expected, count: 4))
        #expect(server.log.filter { $0.contains("\"POST /v1/chat/completions\" 200") }.count == 4)
    }
}
