import Engine
import Render
import Testing
@testable import TUI

@Suite struct ChatPanelKeysTests {
    // MARK: Sampler panel

    @Test func samplerChangesApplyWhileStreamingAndShowTheValueInEffect() {
        var model = makeModel(width: 100, height: 30)
        model.type("hi")
        model.press(Key(.enter))
        model.press(.alt("p"))
        #expect(model.chat.focus == .sampler)
        #expect(model.screen.contains(text: "Sampler · live"))
        let effects = model.press(Key(.right))
        #expect(model.chat.sampler.temperature == 0.85)
        #expect(effects == [.applySampler(model.chat.sampler)])
        #expect(model.screen.contains(text: "▸ Temperature         0.85"))
        #expect(model.chat.isGenerating)   // the stream goes on
    }

    @Test(arguments: [(60, 15), (40, 10)])
    func onASmallTerminalTheFocusedSamplerStillShowsAndScrollsToTheRowEdited(width: Int, height: Int) throws {
        var model = makeModel(width: width, height: height)
        model.press(Key(.function(2)))
        #expect(model.chat.focus == .sampler)
        let panel = try #require(model.chatLayout.sampler)
        #expect(panel.height < SamplerPanel.height && model.chatLayout.messages.height >= 1)
        #expect(model.screen.contains(text: "▸ Temperature"))
        #expect(model.screen.contains(text: "▼"))
        model.press(Key(.right))
        #expect(model.screen.contains(text: "0.85"))
        for _ in 0 ..< SamplerPanel.stopStringsRow { model.press(Key(.down)) }
        #expect(model.screen.contains(text: "▸ Stop strings") && model.screen.contains(text: "▲"))
        #expect(!model.screen.contains(text: "Temperature"))
        model.press(Key(.escape))
        #expect(model.chat.focus == .input && model.chatLayout.sampler == nil)
    }

    @Test func samplerRowsStepClampAndReset() {
        var model = makeModel(width: 100, height: 30)
        model.press(Key(.function(2)))
        for _ in 0..<50 { model.press(Key(.left)) }
        #expect(model.chat.sampler.temperature == 0)
        #expect(model.screen.contains(text: "greedy"))
        model.press(Key(.down))
        model.press(Key(.right, .shift))
        #expect(model.chat.sampler.topK == 50)
        model.press(.char("d"))
        #expect(model.chat.sampler.topK == 40)
        for _ in 0..<4 { model.press(Key(.down)) }
        model.press(Key(.right))
        #expect(model.chat.sampler.seed == 0xC0FFEE + 1)
        model.press(Key(.escape))
        #expect(model.chat.focus == .input)
        #expect(model.chat.samplerVisible)
    }

    /// The panel's last row: Enter edits the stop strings in a dialog (`|` between them,
    /// backslash escapes), which apply at once, as the other settings do.
    @Test func theStopStringsRowIsEditedAsText() {
        var model = makeModel(width: 100, height: 30)
        model.press(.alt("p"))
        for _ in 0 ..< 10 { model.press(Key(.down)) }
        #expect(model.chat.samplerRow == SamplerPanel.stopStringsRow)
        #expect(model.screen.contains(text: "▸ Stop strings        none"))
        #expect(model.screen.contains(text: "↑↓ pick  Enter edit  d clear"))
        #expect(model.press(Key(.right)).isEmpty)  // nothing to step

        model.press(Key(.enter))
        #expect(model.screen.contains(text: "Stop strings · | separates"))
        model.type(#"User:|\n\n|a\|b"#)
        let effects = model.press(Key(.enter))
        #expect(model.overlay == nil)
        #expect(model.chat.sampler.stopStrings == ["User:", "\n\n", "a|b"])
        #expect(effects == [.applySampler(model.chat.sampler)])
        #expect(model.screen.contains(text: #"▸ Stop strings    User:|\n\n|a\|b"#))
        #expect(model.notice?.text == "3 stop strings: replies end before them.")

        // Editing starts from the strings in effect; Esc keeps them.
        model.press(Key(.enter))
        model.press(Key(.backspace))
        #expect(model.press(Key(.escape)).isEmpty)
        #expect(model.chat.sampler.stopStrings == ["User:", "\n\n", "a|b"])

        #expect(model.press(.char("d")) == [.applySampler(model.chat.sampler)])
        #expect(model.chat.sampler.stopStrings == [])
        #expect(model.chat.focus == .sampler)
    }

    @Test func stopStringsChangedWhileStreamingApplyToTheReplyInProgress() {
        var model = makeModel(width: 100, height: 30)
        model.type("hi")
        model.press(Key(.enter))
        model.press(.alt("p"))
        for _ in 0 ..< SamplerPanel.stopStringsRow { model.press(Key(.down)) }
        model.press(Key(.enter))
        model.type("###")
        #expect(model.press(Key(.enter)) == [.applySampler(model.chat.sampler)])
        #expect(model.chat.isGenerating)
        model.receive(.token(token("Done", id: 5)))
        let effects = model.receive(.finished(.stopString))
        #expect(!model.chat.isGenerating)
        #expect(model.chat.conversation.messages[1].text == "Done")
        #expect(effects == [.saveChat(model.chat.conversationToSave)])
        #expect(model.notice?.kind != .error)  // reaching a stop string is a normal end
    }

    @Test func theHelpOverlayExplainsTheStopStringsSyntax() {
        var model = makeModel(width: 100, height: 60)
        model.press(Key(.function(1)))
        for _ in 0 ..< 20 { model.press(Key(.down)) }
        #expect(model.screen.contains(text: #"Edit stop strings: a|b, \n newline, \| bar"#))
    }

    @Test func statusBarSummarisesTheSampler() {
        var model = makeModel(width: 120)
        model.chat.sampler.temperature = 0.7
        #expect(model.screen.last!.contains("T0.70 k40 p0.95 m0.05 r1.00 s12648430"))
    }

    // MARK: Token view and branching

    func modelWithReply() -> AppModel {
        var model = makeModel(width: 100, height: 30)
        model.exchange("hi", reply: ["The", " cat", " sat"])
        return model
    }

    @Test func tokenViewShowsTheStepsAlternatives() {
        var model = modelWithReply()
        model.press(.alt("t"))
        #expect(model.chat.focus == .tokens)
        #expect(model.chat.tokenCursor == TokenCursor(message: 1, token: 2, alternative: 0))
        model.press(Key(.left))
        let screen = model.screen
        #expect(screen.contains(text: "Token 2 of 3"))
        #expect(screen.contains(text: "▸•·cat"))
        #expect(screen.contains(text: "·CAT"))
        #expect(screen.contains(text: "50.0%"))
        #expect(screen.contains(text: "25.0%"))
    }

    @Test func branchingTruncatesAndContinuesWithTheAlternative() {
        var model = modelWithReply()
        model.press(.alt("t"))
        model.press(Key(.left))
        model.press(Key(.down))
        let effects = model.press(Key(.enter))
        let request = try! #require(effects.requests.first)
        #expect(request.assistantPrefix == [100, 1101])
        #expect(request.turns == [ChatTurn(role: .user, text: "hi")])
        #expect(model.chat.conversation.messages[1].text == "The CAT")
        #expect(model.chat.generation?.messageIndex == 1)
        model.receive(.token(token(" ran", id: 7)))
        #expect(model.chat.conversation.messages[1].text == "The CAT ran")
    }

    @Test func branchingOnTheChosenTokenIsRefused() {
        var model = modelWithReply()
        model.press(.alt("t"))
        #expect(model.press(Key(.enter)).isEmpty)
        #expect(model.notice?.kind == .error)
    }

    @Test func branchingDropsLaterMessages() {
        var model = modelWithReply()
        model.exchange("more", reply: ["ok"])
        model.press(.alt("t"))
        model.press(Key(.left))   // from "ok" back into the first reply
        #expect(model.chat.tokenCursor?.message == 1)
        model.press(Key(.down))
        model.press(Key(.enter))
        #expect(model.chat.conversation.messages.count == 2)
    }

    @Test func heatmapColoursTokensByProbability() {
        var model = makeModel(width: 80, height: 20)
        model.theme = ThemeLibrary.builtin("default-dark")
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.token(token("low", id: 1, probability: 0.01)))
        model.receive(.token(token("HIGH", id: 2, probability: 0.95)))
        model.receive(.finished(.endOfGeneration))
        model.press(.alt("h"))
        let grid = view(model)
        let row = grid.lines.firstIndex { $0.contains("lowHIGH") }!
        let x = grid.lines[row].distance(from: grid.lines[row].startIndex, to: grid.lines[row].range(of: "low")!.lowerBound)
        let low = grid[x, row].style.background, high = grid[x + 3, row].style.background
        #expect(low != high)
        #expect(low == theme(model).style(.heatLow).background)
        #expect(high != theme(model).style(.text).background)
    }

    func theme(_ model: AppModel) -> Theme { model.theme }

    // MARK: Step mode

    @Test func stepModeProposesOneTokenAtATime() {
        var model = makeModel(width: 100, height: 30)
        model.press(.alt("m"))
        model.type("hi")
        let first = model.press(Key(.enter)).requests.first!
        #expect(first.mode == .proposeNext)
        model.receive(.promptProcessed(contextTokens: 5))
        model.receive(.proposal(token("Hello", id: 1, probability: 0.6)))
        model.receive(.finished(.proposed))
        #expect(model.chat.focus == .proposal)
        #expect(model.chat.isGenerating)
        let screen = model.screen
        #expect(screen.contains(text: "Next token · step 1"))
        #expect(screen.contains(text: "▸•Hello"))
        #expect(model.chat.conversation.messages[1].text == "")   // not accepted yet

        let next = model.press(Key(.enter)).requests.first!
        #expect(next.assistantPrefix == [1])
        #expect(next.mode == .proposeNext)
        #expect(model.chat.conversation.messages[1].text == "Hello")

        model.receive(.proposal(token(" world", id: 2)))
        model.press(Key(.down))   // pick the less likely candidate
        let third = model.press(.char(" ")).requests.first!
        #expect(third.assistantPrefix == [1, 1002])
        #expect(model.chat.conversation.messages[1].text == "Hello WORLD")
    }

    @Test func continueLeavesStepModeAndStreams() {
        var model = makeModel(width: 100, height: 30)
        model.press(.alt("m"))
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.proposal(token("A", id: 1)))
        let request = model.press(.char("c")).requests.first!
        #expect(request.mode == .stream)
        #expect(request.assistantPrefix == [1])
        #expect(!model.chat.stepMode)
    }

    @Test func escapeEndsStepping() {
        var model = makeModel(width: 100, height: 30)
        model.press(.alt("m"))
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.proposal(token("A", id: 1)))
        let effects = model.press(Key(.escape))
        #expect(effects.contains { if case .stopGeneration = $0 { true } else { false } })
        #expect(!model.chat.isGenerating)
        #expect(model.chat.focus == .input)
    }

    @Test func acceptingAnEndTokenFinishesTheReply() {
        var model = makeModel(width: 100, height: 30)
        model.press(.alt("m"))
        model.type("hi")
        model.press(Key(.enter))
        model.receive(.proposal(token("<end>", id: 2, end: true)))
        let effects = model.press(Key(.enter))
        #expect(effects.requests.isEmpty)
        #expect(!model.chat.isGenerating)
        #expect(model.chat.conversation.messages[1].text == "")
    }

    @Test func switchingStepModeOnMidStreamRestartsAsSteps() {
        var model = makeModel(width: 100, height: 30)
        model.type("hi")
        model.press(Key(.enter))
        let streaming = model.chat.generation!.requestID
        model.receive(.token(token("So", id: 1)))
        let effects = model.press(Key(.function(5)))
        #expect(effects.first == .stopGeneration(requestID: streaming))
        #expect(effects.requests.first?.mode == .proposeNext)
        #expect(effects.requests.first?.assistantPrefix == [1])
    }
}
