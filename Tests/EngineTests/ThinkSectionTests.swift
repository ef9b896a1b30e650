import Testing
@testable import Engine

/// Finding a reasoning model's `<think> … </think>` in its reply.
@Suite struct ThinkSectionTests {
    /// (reasoning, answer, closed) of `reply`, or nil without a think section.
    static func parts(_ reply: String) -> (String, String, Bool)? {
        guard let section = ThinkSection(in: reply) else { return nil }
        return (String(reply[section.reasoning]), String(section.answer(in: reply)), section.isClosed)
    }

    @Test func aSectionAtTheStartThenTheAnswer() {
        let parts = Self.parts("<think>\nThe user greets me.\n</think>\n\nHello!")
        #expect(parts?.0 == "\nThe user greets me.\n")
        #expect(parts?.1 == "Hello!")
        #expect(parts?.2 == true)
        #expect(Self.parts("  \n<think>x</think>y")?.1 == "y")  // whitespace before it belongs to it
    }

    @Test func anUnclosedSectionIsAllReasoning() {
        let parts = Self.parts("<think>\nStill thinking about 2+2")
        #expect(parts?.0 == "\nStill thinking about 2+2")
        #expect(parts?.1 == "")
        #expect(parts?.2 == false)
        #expect(Self.parts("<think>")?.0 == "")
    }

    /// The prompt opened the section (DeepSeek-R1's template): the reply only closes it.
    @Test func onlyAClosingTagMeansTheReplyBeganInside() {
        let parts = Self.parts("Let me see.\n</think>\n\n4")
        #expect(parts?.0 == "Let me see.\n")
        #expect(parts?.1 == "4")
        #expect(parts?.2 == true)
    }

    @Test func repliesWithoutASection() {
        #expect(Self.parts("") == nil)
        #expect(Self.parts("Hello") == nil)
        #expect(Self.parts("Use <think> tags like this.") == nil)  // not at the start
        #expect(Self.parts("<thinking>no</thinking>") == nil)
        #expect(Self.parts("<thi") == nil)
    }

    @Test func onlyTheFirstClosingTagEndsIt() {
        #expect(Self.parts("<think>a</think>b</think>c")?.1 == "b</think>c")
    }

    @Test func unicodeAroundTheTags() {
        let parts = Self.parts("<think>café 👨‍👩‍👧</think>\u{301}日本")
        #expect(parts?.0 == "café 👨‍👩‍👧")
        #expect(parts?.1.unicodeScalars.first == "\u{301}")  // a stray mark after the tag stays with the answer
    }
}
