import Engine
import Foundation
import Testing
import TestSupport

/// `genplay soak` (Benchmarks/soak.sh runs it for 10,000 tokens on SmolLM2): here a short run on
/// a tiny model that says "la di da" forever, in a context so small that a chat's third
/// exchange drops earlier turns, with a new chat every third message.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct SoakTests {
    @Test func keepsGeneratingAcrossContextShiftsAndNewChats() throws {
        let model = Genplay.scratch("soak-la-di-da.gguf")
        try TinyLlama.scripted(["la ", "di ", "da "], context: 256).write(to: model)
        let result = try Genplay.run(["soak", "-m", model, "-n", "400", "--every", "100", "-c", "256",
                                      "--reply", "40", "--chat-turns", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "context 256 tokens, replies up to 40, a new chat every 3 messages")
        let rows = lines.filter { $0.hasPrefix("| ") && $0.first(where: \.isNumber) == $0.dropFirst(2).first }
            .map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(rows.map { $0[0] } == ["100", "200", "300", "400"])
        // 400 tokens in replies of 40: ten requests, a new chat after every third. The third
        // exchange of a chat (its questions are spelled byte by byte) overflows 256 positions.
        #expect(rows.map { $0[3] } == ["1", "2", "3", "4"])
        #expect(rows.map { $0[4] } == ["1", "1", "2", "2"])
        #expect(rows.allSatisfy { (Double($0[1]) ?? 0) > 0 && (Double($0[2]) ?? 0) > 0 })
        let summary = try #require(lines.last)
        #expect(summary.hasPrefix("after warm-up (100 tokens): RSS "))
        #expect(summary.hasSuffix("; 4 chats, 2 context shifts"))
    }
}
