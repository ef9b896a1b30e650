import Engine
import Render
import Testing
@testable import TUI

@Suite struct UpdateTests {
    @Test func quitsAtOnceWhenIdle() {
        var model = makeModel()
        #expect(model.press(.ctrl("c")) == [.quit])
        #expect(model.press(.ctrl("q")) == [.quit])
    }

    @Test func quitAsksWhileGenerating() {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        #expect(model.press(.ctrl("c")).isEmpty)
        #expect(model.overlay == .confirmQuit)
        #expect(model.screen.contains(text: "A reply is still being generated."))
        model.press(.char("n"))
        #expect(model.overlay == nil)
        #expect(model.chat.isGenerating)
        model.press(.ctrl("c"))
        let effects = model.press(.char("y"))
        #expect(effects.last == .quit)
        #expect(effects.first == .stopGeneration(requestID: 1))
    }

    @Test func offersToDownloadTheDefaultModel() {
        let entry = ModelEntry(id: "smollm2-135m-instruct", name: "smollm2-135m-instruct", detail: "98 MB", isCached: false)
        var model = makeModel(ready: false)
        model.send(.offerDownload(entry))
        #expect(model.screen.contains(text: "Download smollm2-135m-instruct"))
        #expect(model.screen.contains(text: "(98 MB)?")) // the message wraps inside the dialog
        let effects = model.press(.char("y"))
        #expect(effects == [.listModels, .loadModel(entry)])
        #expect(model.tab == .models && model.overlay == nil)

        var declined = makeModel(ready: false)
        declined.send(.offerDownload(entry))
        #expect(declined.press(Key(.escape)).isEmpty)
        #expect(declined.overlay == nil)
        #expect(declined.screen.contains(text: "No chat model"))
    }

    @Test func qQuitsOnlyOutsideTextFields() {
        var model = makeModel()
        #expect(model.press(.char("q")).isEmpty)
        #expect(model.chat.input.text == "q")
        var models = makeModel()
        models.press(.alt("5"))
        #expect(models.press(.char("q")) == [.quit])
    }

    @Test func helpListsEveryKeyAndScrolls() {
        var model = makeModel(width: 100, height: 40)
        model.press(Key(.function(1)))
        var seen = Set(model.screen)
        for _ in 0..<20 {
            model.press(Key(.pageDown))
            seen.formUnion(model.screen)
        }
        let text = seen.joined(separator: "\n")
        let every = AppModel.globalBindings.map(\.keyLabel) + ChatScreen.bindings.map(\.keyLabel)
            + TextEditor.bindings.map(\.keyLabel) + ChatScreen.samplerBindings.map(\.keyLabel)
            + ChatScreen.tokenBindings.map(\.keyLabel) + ChatScreen.proposalBindings.map(\.keyLabel)
            + ModelsScreen.bindings.map(\.keyLabel)
        for label in every { #expect(text.contains(label), "help lists \(label)") }
        model.press(Key(.escape))
        #expect(model.overlay == nil)
    }

    @Test func questionMarkOpensHelpOnlyOnAnEmptyInput() {
        var model = makeModel()
        model.press(.char("?"))
        #expect(model.overlay == .help(scroll: 0))
        model.press(.char("?"))
        model.type("why")
        model.press(.char("?"))
        #expect(model.chat.input.text == "why?")
    }

    @Test func tooSmallTerminalsSayHowBigTheyNeedToBe() {
        var model = makeModel(width: 39, height: 12)
        #expect(model.screen.contains(text: "Terminal too small"))
        #expect(model.screen.contains(text: "need 40×10, have 39×12"))
        model.send(.resize(Size(width: 10, height: 3)))
        #expect(model.screen == [" Terminal", "too small", "   need"])  // centred, wrapped to 10 cells
        model.send(.resize(Size(width: 1, height: 1)))
        #expect(model.screen == ["T"])
        model.send(.resize(Size(width: 0, height: 0)))
        #expect(model.screen == [])
        model.send(.resize(Size(width: -5, height: 2)))
        #expect(view(model).cells.isEmpty)
        model.send(.resize(Size(width: 40, height: 10)))
        #expect(model.screen[0] == " 1 Chat   2 Dif   3 GAN   4 VAE   5 Mod")
    }

    @Test func keysStillWorkWhenTooSmall() {
        var model = makeModel(width: 5, height: 2)
        #expect(model.press(.ctrl("c")) == [.quit])
    }

    @Test func tabsSwitchWithAltDigitsAndClicks() {
        var model = makeModel()
        #expect(model.press(.alt("5")) == [.listModels])
        #expect(model.tab == .models)
        #expect(model.screen.contains(text: "Looking for models…"))
        model.press(.alt("1"))
        #expect(model.tab == .chat)
        let click = TabBar(active: .chat, rightTitle: "").tabSpans(width: model.size.width)[4].span.lowerBound
        model.send(.mouse(.click(at: Point(x: click, y: 0))))
        #expect(model.tab == .models)
        model.press(Key(.pageDown, .control))
        #expect(model.tab == .chat)
        model.press(Key(.pageUp, .control))
        #expect(model.tab == .models)
    }

    @Test func ctrlZSuspends() {
        var model = makeModel()
        #expect(model.press(.ctrl("z")) == [.suspend])
    }

    @Test func noticesExpire() {
        var model = makeModel()
        model.send(.notice(Notice("Saved", kind: .success)))
        #expect(model.isAnimating)
        #expect(model.screen.last!.hasPrefix(" Saved"))
        model.send(.tick, at: testNow + AppModel.noticeDuration + 0.1)
        #expect(model.notice == nil)
        #expect(!model.isAnimating)
    }

    @Test func chatIDsAreDatedAndUnique() {
        var model = makeModel()
        let first = model.chat.conversation.id
        model.press(.ctrl("n"))
        #expect(first.hasPrefix("20231114-221320-"))
        #expect(model.chat.conversation.id != first)
    }
}

extension UpdateTests {
    @Test func quitKeysWorkInsideOverlays() {
        var model = makeModel()
        model.press(.alt("s"))
        #expect(model.press(.ctrl("c")) == [.quit])
        model.press(.ctrl("o"))
        #expect(model.press(.ctrl("q")) == [.quit])
    }

    @Test func loadingAModelStopsTheReplyFirst() {
        var model = makeModel()
        model.type("hi")
        model.press(Key(.enter))
        model.press(.alt("5"))
        let entry = ModelEntry(id: "a", name: "A", detail: "", isCached: true)
        model.send(.modelsListed([entry]))
        let effects = model.press(Key(.enter))
        #expect(effects.first == .stopGeneration(requestID: 1))
        #expect(effects.last == .loadModel(entry))
        #expect(!model.chat.isGenerating)
    }

    @Test func pastingFromAPanelGoesToTheInput() {
        var model = makeModel()
        model.press(.alt("p"))
        model.send(.paste("pasted"))
        #expect(model.chat.focus == .input)
        #expect(model.chat.input.text == "pasted")
    }
}
