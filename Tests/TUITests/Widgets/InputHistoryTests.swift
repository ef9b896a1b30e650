import Testing
@testable import TUI

@Suite struct InputHistoryTests {
    @Test func browsesBackAndForthAndRestoresTheDraft() {
        var history = InputHistory()
        history.record("first")
        history.record("second")
        #expect(history.previous(current: "draft") == "second")
        #expect(history.previous(current: "second") == "first")
        #expect(history.previous(current: "first") == nil)
        #expect(history.next() == "second")
        #expect(history.next() == "draft")
        #expect(history.next() == nil)
    }

    @Test func skipsEmptyAndRepeatedEntries() {
        var history = InputHistory()
        history.record("a")
        history.record("a")
        history.record("")
        #expect(history.entries == ["a"])
    }
}
