import Engine
import Testing
@testable import TUI

/// A reply's reasoning in the Markdown export: kept, as a quote headed **Reasoning**.
@Suite struct MarkdownExportTests {
    static func exported(_ reply: String, user: String = "Hi?") -> String {
        var conversation = Conversation(id: "c", createdAt: 0)
        conversation.append(.user, user)
        conversation.append(.assistant, reply)
        let markdown = MarkdownExport.markdown(conversation, exportedAt: 0)
        return String(markdown[markdown.range(of: "## You")!.lowerBound...])
    }

    @Test func theReasoningIsAQuoteBeforeTheAnswer() {
        #expect(Self.exported("<think>\nThey greet me.\n\nBe kind.\n</think>\n\nHello!") == """
            ## You

            Hi?

            ## Assistant

            > **Reasoning**
            >
            > They greet me.
            >
            > Be kind.

            Hello!

            """)
    }

    @Test func unfinishedAndEmptySections() {
        #expect(Self.exported("<think>Hmm") == "## You\n\nHi?\n\n## Assistant\n\n> **Reasoning** (unfinished)\n>\n> Hmm\n\n\n")
        #expect(Self.exported("<think>\n\n</think>\n\nHello!") == "## You\n\nHi?\n\n## Assistant\n\nHello!\n")
    }

    @Test func aUsersTagsAndOtherRepliesStayAsWritten() {
        #expect(Self.exported("Plain.", user: "<think>x</think>") == "## You\n\n<think>x</think>\n\n## Assistant\n\nPlain.\n")
    }
}
