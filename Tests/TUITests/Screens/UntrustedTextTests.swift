import Engine
import Foundation
import Render
import Testing
@testable import TUI

/// Everything the app shows that came from outside — chat files, model file names, token
/// pieces, error notices quoting file names — reaches the screen with escape sequences,
/// control characters and bidi overrides as visible placeholders. (Model replies:
/// ChatGenerationTests.modelOutputCannotReachTheTerminalRaw.)
@Suite struct UntrustedTextTests {
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{0}a\u{202E}b"
    static let shown = "␛]0;pwned␇␛[2J␛[31m␀a⟨RLO⟩b"

    /// No cell of the screen holds a code point a terminal would act on.
    static func expectOnlySafeCells(_ model: AppModel, sourceLocation: SourceLocation = #_sourceLocation) {
        for cell in view(model).cells where !cell.text.unicodeScalars.allSatisfy(TerminalSafety.isSafe) {
            Issue.record("unsafe cell \(cell.text.unicodeScalars.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
        }
    }

    @Test func chatTitlesInThePicker() {
        var model = makeModel(width: 100)
        model.press(.ctrl("o"))
        model.send(.chatsListed([ChatSummary(id: "1", title: Self.hostile, updatedAt: testNow, messageCount: 2)], problems: []))
        #expect(model.screen.contains(text: Self.shown))
        Self.expectOnlySafeCells(model)
    }

    @Test func modelFileNames() {
        var model = makeModel(width: 100, ready: false)
        model.press(.alt("5"))
        model.send(.modelsListed([ModelEntry(id: "x", name: Self.hostile + ".gguf", detail: "F32", isCached: true)]))
        #expect(model.screen.contains(text: Self.shown + ".gguf"))
        Self.expectOnlySafeCells(model)
    }

    @Test func noticesQuotingFileNames() {
        var model = makeModel(width: 100)
        model.send(.notice(Notice("\(Self.hostile).json is unreadable; kept as x", kind: .error)))
        #expect(model.screen.contains(text: Self.shown))
        Self.expectOnlySafeCells(model)
    }

    /// A chat file written by someone else, with escape sequences in its title, messages and
    /// token pieces, saved and loaded through the store and opened.
    @Test func aChatFileFromDisk() throws {
        let store = ChatStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("untrusted-\(UUID())"))
        defer { try? FileManager.default.removeItem(at: store.directory) }
        var conversation = Conversation(id: "evil", createdAt: testNow, systemPrompt: Self.hostile)
        conversation.append(.user, Self.hostile)
        let reply = conversation.append(.assistant, "")
        conversation.messages[reply].append(token(Self.hostile, id: 5))
        try store.save(conversation)

        var model = makeModel(width: 120, height: 30)
        model.send(.chatOpened(try store.load(id: "evil")))
        #expect(model.screen.filter { $0.contains(Self.shown) }.count >= 2)
        Self.expectOnlySafeCells(model)
        model.press(.alt("t"))  // the token view: pieces and alternatives
        #expect(model.chat.focus == .tokens)
        Self.expectOnlySafeCells(model)
    }

    /// Stop strings from a chat file or `--stop`, in the sampler panel's row and its editor;
    /// reasoning from a reply, folded and shown.
    @Test func stopStringsAndReasoning() {
        var model = makeModel(width: 120, height: 30)
        model.chat.sampler.stopStrings = [Self.hostile]
        model.press(.alt("p"))
        for _ in 0 ..< SamplerPanel.stopStringsRow { model.press(Key(.down)) }
        #expect(model.screen.contains(text: "␛]0;pwned␇"))
        Self.expectOnlySafeCells(model)
        model.press(Key(.enter))
        Self.expectOnlySafeCells(model)
        model.press(Key(.escape))
        model.press(Key(.escape))

        model.exchange("hi", reply: ["<think>", Self.hostile, "</think>", Self.hostile])
        Self.expectOnlySafeCells(model)
        model.press(.alt("r"))
        #expect(model.screen.filter { $0.contains(Self.shown) }.count == 2)
        Self.expectOnlySafeCells(model)
    }
}
