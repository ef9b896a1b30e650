import Engine
import Testing
@testable import TUI

@Suite struct ChatGenerationTests {
    @Test func sendingNeedsAModelAndKeepsTheText() {
        var model = makeModel(ready: false)
        model.type("hello")
        #expect(model.press(Key(.enter)).isEmpty)
        #expect(model.chat.input.text == "hello")
        #expect(model.notice?.kind == .error)
        #expect(model.screen.contains(text: "No model loaded"))
    }

    @Test func sendingStartsAReplyAndSaves() {
        var model = makeModel()
        model.type("hello")
        let effects = model.press(Key(.enter))
        let request = try! #require(effects.requests.first)
        #expect(request.turns == [ChatTurn(role: .user, text: "hello")])
        #expect(request.assistantPrefix.isEmpty)
        #expect(request.mode == .stream)
        #expect(effects.contains { if case .saveChat = $0 { true } else { false } })
        #expect(model.chat.input.isEmpty)
        #expect(model.chat.conversation.messages.map(\.role) == [.user, .assistant])
        #expect(model.chat.isGenerating)
    }

    @Test func whitespaceIsNotSent() {
        var model = makeModel()
        model.type("   ")
        #expect(model.press(Key(.enter)).isEmpty)
    }

    @Test func tokensStreamIntoTheReplyAndSpeedIsMeasured() {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.promptProcessed(contextTokens: 12))
        model.receive(.token(token("Hel", id: 1)), at: testNow)
        model.receive(.token(token("lo", id: 2)), at: testNow + 0.5)
        model.receive(.token(token("!", id: 3)), at: testNow + 1)
        #expect(model.chat.conversation.messages[1].text == "Hello!")
        #expect(model.chat.contextUsed == 15)
        #expect(model.chat.tokensPerSecond == 2)
        #expect(model.screen.contains(text: "Hello!▍"))
        #expect(model.screen.last!.contains("2.0 tok/s"))
        #expect(model.screen.last!.contains("ctx 15/2,048"))
        let effects = model.receive(.token(token("", id: 4, end: true)))
        #expect(effects.isEmpty)
        model.receive(.finished(.endOfGeneration))
        #expect(!model.chat.isGenerating)
        #expect(model.chat.conversation.messages[1].text == "Hello!")
        #expect(model.chat.conversation.messages[1].tokens.count == 4)
    }

    @Test func eventsOfOtherRequestsAreIgnored() {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        let active = model.chat.generation!.requestID
        model.receive(.token(token("stale", id: 9)), request: active + 7)
        #expect(model.chat.conversation.messages[1].text == "")
    }

    @Test func escapeStopsAtOnceAndKeepsThePartialAnswer() {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        let requestID = model.chat.generation!.requestID
        model.receive(.token(token("Partial", id: 1)))
        let effects = model.press(Key(.escape))
        #expect(effects.first == .stopGeneration(requestID: requestID))
        #expect(!model.chat.isGenerating)
        model.receive(.token(token(" late", id: 2)), request: requestID)
        #expect(model.chat.conversation.messages[1].text == "Partial")
        #expect(!model.screen.contains(text: "▍"))
    }

    @Test func regenerateReplacesTheLastAnswerWithTheNextSeed() {
        var model = makeModel()
        model.exchange("question", reply: ["first", " answer"])
        let seed = model.chat.sampler.seed
        let effects = model.press(.ctrl("r"))
        #expect(model.chat.sampler.seed == seed + 1)
        #expect(effects.contains(.applySampler(model.chat.sampler)))
        #expect(effects.requests.first?.turns == [ChatTurn(role: .user, text: "question")])
        #expect(model.chat.conversation.messages.count == 2)
        #expect(model.chat.conversation.messages[1].text == "")
    }

    @Test func regenerateWhileStreamingStopsFirst() {
        var model = makeModel()
        model.type("q")
        model.press(Key(.enter))
        let first = model.chat.generation!.requestID
        let effects = model.press(.ctrl("r"))
        #expect(effects.first == .stopGeneration(requestID: first))
        #expect(effects.requests.count == 1)
    }

    @Test func editAndResendTheLastUserMessage() {
        var model = makeModel()
        model.exchange("first", reply: ["one"])
        model.exchange("secnd", reply: ["two"])
        model.press(.alt("e"))
        #expect(model.chat.input.text == "secnd")
        #expect(model.screen.contains(text: "You (editing)"))
        model.press(Key(.left))
        model.press(Key(.left))
        model.type("o")
        let effects = model.press(Key(.enter))
        #expect(effects.requests.first?.turns.map(\.text) == ["first", "one", "second"])
        #expect(model.chat.conversation.messages.map(\.text) == ["first", "one", "second", ""])
    }

    @Test func escapeCancelsAnEdit() {
        var model = makeModel()
        model.exchange("first", reply: ["one"])
        model.press(.alt("e"))
        model.press(Key(.escape))
        #expect(model.chat.editingMessage == nil)
        #expect(model.chat.input.isEmpty)
        #expect(model.chat.conversation.messages.count == 2)
    }

    @Test func newChatKeepsTheSystemPromptAndSavesTheOldOne() {
        var model = makeModel()
        model.chat.conversation.systemPrompt = "Be brief."
        model.exchange("hi", reply: ["hello"])
        let oldID = model.chat.conversation.id
        let effects = model.press(.ctrl("n"))
        #expect(effects.contains { if case .saveChat(let saved) = $0 { saved.id == oldID } else { false } })
        #expect(model.chat.conversation.id != oldID)
        #expect(model.chat.conversation.messages.isEmpty)
        #expect(model.chat.conversation.systemPrompt == "Be brief.")
    }

    @Test func systemPromptIsEditedInAnOverlayAndSentFirst() {
        var model = makeModel()
        model.press(.alt("s"))
        #expect(model.screen.contains(text: "System prompt · Enter saves"))
        model.type("You are terse.")
        model.press(.ctrl("j"))
        model.type("Answer in French.")
        model.press(Key(.enter))
        #expect(model.overlay == nil)
        #expect(model.chat.conversation.systemPrompt == "You are terse.\nAnswer in French.")
        model.type("hi")
        let request = model.press(Key(.enter)).requests.first
        #expect(request?.turns.first == ChatTurn(role: .system, text: "You are terse.\nAnswer in French."))
        #expect(model.screen.contains(text: "▌System prompt"))
    }

    @Test func failureIsShownUnderTheReply() {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.token(token("Par", id: 1)))
        let effects = model.receive(.failed("out of memory"))
        #expect(effects.count == 1)
        #expect(!model.chat.isGenerating)
        #expect(model.screen.contains(text: "⚠ out of memory"))
        #expect(model.screen.last!.contains("Generation failed: out of memory"))
    }

    @Test func lengthLimitIsReported() {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.finished(.contextFull))
        #expect(model.notice == Notice("Generation ended: context full.", kind: .error))
    }

    @Test func modelOutputCannotReachTheTerminalRaw() {
        var model = makeModel()
        model.exchange("hi", reply: ["\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{9B}31m", "a\u{202E}b", "\u{0}"])
        let screen = model.screen
        #expect(screen.contains(text: "␛]0;pwned␇␛[2J␛[31ma⟨RLO⟩b␀"))
        for cell in view(model).cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || (0x202A...0x202E).contains($0.value) })
        }
    }

    @Test func aMegabytePasteIsSentWhole() {
        var model = makeModel()
        let big = String(repeating: "lorem ipsum dolor sit amet\n", count: 40_000)  // ~1.1 MB
        model.send(.paste(big))
        #expect(model.screen.contains(text: "[pasted 1.0 MB · 40,001 lines]"))
        let request = model.press(Key(.enter)).requests.first
        #expect(request?.turns.last?.text == big)
        #expect(model.chat.conversation.messages[0].text == big)
    }

    /// The chat a `.saveChat` effect writes, if there is one.
    func savedChat(_ effects: [Effect]) -> Conversation? {
        effects.lazy.compactMap { if case .saveChat(let chat) = $0 { chat } else { nil } }.first
    }

    @Test func aStreamingReplyIsSavedEveryFewSecondsMarkedAsUnfinished() throws {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        #expect(savedChat(model.receive(.token(token("a", id: 1)), at: testNow + 1)) == nil)
        let saved = try #require(savedChat(model.receive(.token(token("b", id: 2)), at: testNow + ChatScreen.autosaveInterval)))
        #expect(saved.messages[1].text == "ab")
        #expect(saved.messages[1].error == "interrupted (genplay stopped while it was generating): the reply stops here")
        #expect(model.chat.conversation.messages[1].error == nil)   // on screen the reply simply goes on
        #expect(savedChat(model.receive(.token(token("c", id: 3)), at: testNow + ChatScreen.autosaveInterval + 1)) == nil)
        #expect(savedChat(model.receive(.token(token("d", id: 4)), at: testNow + 2 * ChatScreen.autosaveInterval)) != nil)
        // The finished reply is saved whole, without the mark.
        let finished = try #require(savedChat(model.receive(.finished(.endOfGeneration), at: testNow + 7)))
        #expect(finished.messages[1].text == "abcd" && finished.messages[1].error == nil)
    }

    @Test func terminationSavesTheReplySoFarMarkedAsInterruptedAndQuits() throws {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.token(token("Once", id: 1)))
        let requestID = try #require(model.chat.generation?.requestID)
        let effects = model.send(.terminate(signal: "SIGTERM"))
        #expect(effects.first == .stopGeneration(requestID: requestID) && effects.last == .quit)
        let saved = try #require(savedChat(effects))
        #expect(saved.messages.map(\.text) == ["hi", "Once"])
        #expect(saved.messages[1].error == "interrupted (genplay got SIGTERM): the reply stops here")
        // Idle, it only quits.
        var idle = makeModel()
        #expect(idle.send(.terminate(signal: "SIGHUP")) == [.quit])
    }
}
