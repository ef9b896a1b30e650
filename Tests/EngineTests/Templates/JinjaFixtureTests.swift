import Foundation
import Testing
@testable import Engine

/// Every chat template in llama.cpp's `models/templates/` over the conversations in
/// `Fixtures/templates/conversations.json`, against what Python's jinja2 renders with Hugging
/// Face's settings (`rendered.json`, made by `make_fixtures.py` next to it): the same text
/// byte for byte, the same `raise_exception` message, or an error where jinja2 fails too.
@Suite(.enabled(if: TokenizerTestSupport.llamaCppSource != nil, TokenizerTestSupport.llamaCppMissing))
struct JinjaFixtureTests {
    struct Case: Decodable {
        var template: String
        var conversation: String
        var add_generation_prompt: Bool
        var output: String?
        var raises: String?
        var error: String?
    }

    struct Fixture: Decodable {
        var date: String
        var bos_token: String
        var eos_token: String
        var cases: [Case]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/templates")

    /// The conversations by name, each as the context's `messages`, `tools` and `enable_thinking`.
    static func conversations() throws -> [String: [String: JinjaValue]] {
        let text = try String(contentsOf: folder.appendingPathComponent("conversations.json"), encoding: .utf8)
        guard case let .list(items) = try JinjaJSON.parse(text) else { throw JinjaError.runtime("conversations.json is not a list") }
        var byName: [String: [String: JinjaValue]] = [:]
        for item in items {
            guard case let .dict(d) = item, case let .string(name)? = d["name"] else { continue }
            var context: [String: JinjaValue] = ["messages": d["messages"] ?? .list([]), "tools": d["tools"] ?? .none, "documents": .none]
            if let thinking = d["enable_thinking"] { context["enable_thinking"] = thinking }
            byName[name.text] = context
        }
        return byName
    }

    /// Where two texts first differ, with a little of each around it.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var i = 0
        while i < min(x.count, y.count), x[i] == y[i] { i += 1 }
        func around(_ s: [Unicode.Scalar]) -> String {
            String(String.UnicodeScalarView(s[max(0, i - 30) ..< min(s.count, i + 30)])).debugDescription
        }
        return "at scalar \(i) of \(y.count): got \(around(x)), want \(around(y))"
    }

    @Test func everyTemplateRendersAsJinja2Does() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("rendered.json"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: data)
        let conversations = try Self.conversations()
        let date = try #require(JinjaDate(day: fixture.date))
        let templatesFolder = TokenizerTestSupport.llamaCppSource! + "/models/templates/"
        var parsed: [String: Result<JinjaTemplate, Error>] = [:]
        var failures: [String] = []
        for test in fixture.cases {
            if parsed[test.template] == nil {
                parsed[test.template] = Result {
                    try JinjaTemplate(String(contentsOfFile: templatesFolder + test.template, encoding: .utf8))
                }
            }
            var context = try #require(conversations[test.conversation])
            context["add_generation_prompt"] = .bool(test.add_generation_prompt)
            context["bos_token"] = .string(MarkedText(fixture.bos_token))
            context["eos_token"] = .string(MarkedText(fixture.eos_token))
            let name = "\(test.template) [\(test.conversation), \(test.add_generation_prompt)]"
            let result = Result { try parsed[test.template]!.get().render(context, date: date).text }
            switch (result, test.output, test.raises) {
            case let (.success(text), want?, _):
                if text != want { failures.append("\(name): \(Self.firstDifference(text, want))") }
            case let (.failure(JinjaError.raised(message)), _, want?):
                if message != want { failures.append("\(name): raised \(message.debugDescription), want \(want.debugDescription)") }
            case (.failure, nil, nil):
                break
            case (.success, nil, _):
                failures.append("\(name): rendered, want \(test.raises ?? test.error ?? "")")
            case let (.failure(error), _, _):
                failures.append("\(name): \(error), want \(test.output.map { _ in "output" } ?? test.raises ?? "")")
            }
        }
        let templates = Set(fixture.cases.map(\.template))
        let failing = Set(failures.map { String($0.prefix(while: { $0 != " " })) })
        print("templates rendered as jinja2 does: \(templates.count - failing.count)/\(templates.count)")
        for failure in failures.prefix(60) { print(failure) }
        #expect(failures.count == 0, "\(failures.count) of \(fixture.cases.count) cases differ")
    }
}
