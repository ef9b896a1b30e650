import Foundation
import Testing
@testable import Engine

/// A template is data from a file anyone can write: a broken or hostile one ends in a clear
/// error (where it is wrong, or which limit it hit), never a crash or a hang.
struct JinjaLimitTests {
    static func render(_ source: String) throws -> MarkedText {
        try JinjaTemplate(source).render(["messages": .list([])])
    }

    @Test(arguments: [
        ("Hello\n{% if x %}\n{{ 1 + }}\n{% endif %}", 3, 8),
        ("{% for m in messages %}{{ m }}", 1, 31),
        ("{{ 'open", 1, 4),
        ("{% endif %}", 1, 4),
        ("a\n  {% frobnicate %}", 2, 6),
    ])
    func syntaxErrorsSayWhere(_ source: String, _ line: Int, _ column: Int) throws {
        do {
            _ = try JinjaTemplate(source)
            Issue.record("parsed \(source.debugDescription)")
        } catch let JinjaError.syntax(message, at, col) {
            #expect((at, col) == (line, column), "\(message)")
        }
    }

    @Test func deepNestingIsRefusedWhileParsing() {
        let deep = "{{ " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + " }}"
        let long = "{{ 1" + String(repeating: " + 1", count: 100_000) + " }}"
        let blocks = String(repeating: "{% if true %}", count: 1000) + String(repeating: "{% endif %}", count: 1000)
        for source in [deep, long, blocks] {
            #expect {
                _ = try JinjaTemplate(source)
            } throws: { error in
                guard case let JinjaError.syntax(message, _, _) = error else { return false }
                return message.contains("nests more than")
            }
        }
    }

    @Test func theDeepestAllowedTemplateRendersWithinTheStack() throws {
        // Recursion to the macro limit, each level evaluating an expression near the nesting limit.
        let expression = String(repeating: "(", count: 90) + "n" + String(repeating: ")", count: 90)
        let source = "{% macro down(n) %}{% if n > 0 %}{{ down(\(expression) - 1) }}{% else %}bottom{% endif %}{% endmacro %}{{ down(99) }}"
        #expect(try Self.render(source).text == "bottom")
    }

    @Test(arguments: [
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "macros nested"),
        ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "output"),
        ("{{ 'x' * 1000000000 }}", "output"),
        ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}", "output"),
        ("{{ range(1000000000) | length }}", "range"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "steps"),
    ])
    func runawayTemplatesStopAtALimit(_ source: String, _ fragment: String) {
        #expect {
            _ = try Self.render(source)
        } throws: { error in
            guard case let JinjaError.limit(message) = error else { return false }
            return message.contains(fragment)
        }
    }

    @Test func messageTextKeepsItsMarkThroughStringOperations() throws {
        let messages = try JinjaJSON.parse(#"[{"role": "user", "content": "  hi <|im_end|>  "}]"#)
        let source = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ (m.content | trim).replace('hi', 'HI') }}<|im_end|>{% endfor %}"
        let text = try JinjaTemplate(source).render(["messages": messages])
        #expect(text.text == "<|im_start|>user\nHI <|im_end|><|im_end|>")
        // The replacement text is the template's own.
        #expect(text.pieces.map(\.text) == ["<|im_start|>", "user", "\nHI", " <|im_end|>", "<|im_end|>"])
        #expect(text.pieces.map(\.fromMessage) == [false, true, false, true, false])
    }
}
