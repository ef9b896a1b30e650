import Testing
@testable import TUI

@Suite struct ModelsScreenTests {
    let entries = [
        ModelEntry(id: "a", name: "SmolLM2-135M", detail: "Q8_0 · 139 MB", isCached: true),
        ModelEntry(id: "b", name: "Qwen2.5-0.5B", detail: "Q4_K_M · 398 MB", isCached: false),
    ]

    @Test func listsModelsAndLoadsTheChosenOne() {
        var model = makeModel(ready: false)
        model.press(.alt("5"))
        model.send(.modelsListed(entries))
        #expect(model.screen.contains(text: "▸ SmolLM2-135M"))
        #expect(model.screen.contains(text: "not downloaded · Q4_K_M · 398 MB"))
        model.press(Key(.down))
        #expect(model.press(Key(.enter)) == [.loadModel(entries[1])])
    }

    @Test func showsProgressThenReadyOrFailure() {
        var model = makeModel(ready: false)
        model.press(.alt("5"))
        model.send(.modelsListed(entries))
        model.send(.modelStatus(.loading(name: "Qwen2.5-0.5B", stage: "downloading", fraction: 0.42)))
        #expect(model.screen.contains(text: "downloading Qwen2.5-0.5B…"))
        #expect(model.screen.contains(text: "42%"))
        #expect(model.isAnimating)
        #expect(model.press(Key(.enter)).isEmpty)   // one load at a time
        model.send(.modelStatus(.failed(name: "Qwen2.5-0.5B", message: "network unreachable")))
        #expect(model.screen.contains(text: "Could not load Qwen2.5-0.5B: network unreachable"))
        #expect(model.screen.contains(text: "The rest of the app still works"))
        model.send(.modelStatus(.ready(ModelInfo(name: "SmolLM2-135M", contextLength: 8192))))
        #expect(model.screen.contains(text: "Loaded: SmolLM2-135M · context 8,192 tokens"))
        #expect(model.screen.contains(text: "SmolLM2-135M  ✓"))
        #expect(model.chat.conversation.modelName == "SmolLM2-135M")
    }

    @Test func aModelGenplayCannotRunSaysWhyInsteadOfLoading() {
        var model = makeModel(ready: false)
        model.press(.alt("5"))
        let gemma = ModelEntry(id: "gemma3-270m", name: "gemma3-270m", detail: "Gemma 3 270M · 253 MB", isCached: true,
                               unavailable: "Gemma 3: needs the gemma3 architecture")
        model.send(.modelsListed(entries + [gemma]))
        #expect(model.screen.contains(text: "gemma3-270m"))
        #expect(model.screen.contains(text: "Gemma 3: needs the gemma3 architecture"))
        #expect(!model.screen.contains(text: "Gemma 3 270M · 253 MB"))
        model.press(Key(.down))
        model.press(Key(.down))
        #expect(model.screen.last?.contains("Gemma 3") == false)
        #expect(model.press(Key(.enter)).isEmpty)
        #expect(model.screen.last?.contains("Gemma 3: needs the gemma3 architecture") == true, "the notice says why")
    }

    /// Loading a model that had to be downloaded first: when the load ends the list is read
    /// again, so the row no longer says "not downloaded" without pressing `r`.
    @Test func aFinishedDownloadRefreshesTheList() {
        var model = makeModel(ready: false)
        model.press(.alt("5"))
        model.send(.modelsListed(entries))
        model.press(Key(.down))
        model.press(Key(.enter))
        model.send(.modelStatus(.loading(name: "Qwen2.5-0.5B", stage: "downloading", fraction: 0.5)))
        #expect(model.send(.modelStatus(.ready(ModelInfo(name: "Qwen2.5-0.5B", contextLength: 4096)))) == [.listModels])
        let downloaded = ModelEntry(id: "b", name: "Qwen2.5-0.5B", detail: "Q4_K_M · 398 MB", isCached: true)
        model.send(.modelsListed([downloaded, entries[0]]))
        #expect(!model.screen.contains(text: "not downloaded"))
        #expect(model.screen.contains(text: "▸ Qwen2.5-0.5B  ✓"), "still chosen after moving to the top")
    }

    /// A download that fails part-way re-reads the list too (nothing half-downloaded is
    /// offered as ready) and says why; the list stays usable.
    @Test func aFailedDownloadRefreshesTheListAndSaysWhy() {
        var model = makeModel(ready: false)
        model.press(.alt("5"))
        model.send(.modelsListed(entries))
        model.press(Key(.down))
        model.press(Key(.enter))
        #expect(model.send(.modelStatus(.failed(name: "Qwen2.5-0.5B", message: "network unreachable"))) == [.listModels])
        model.send(.modelsListed(entries))
        #expect(model.screen.contains(text: "▸ Qwen2.5-0.5B"))
        #expect(model.screen.contains(text: "not downloaded · Q4_K_M"))
        #expect(model.screen.last?.contains("Could not load Qwen2.5-0.5B: network unreachable") == true)
        #expect(model.press(Key(.enter)) == [.loadModel(entries[1])], "it can be tried again")
    }

    /// Catalog names are shown whole, with the detail cut at a word and the chosen model's
    /// whole detail below the list.
    @Test(arguments: [(80, 24), (60, 15)])
    func longNamesAreShownWhole(_ width: Int, _ height: Int) {
        var model = makeModel(width: width, height: height, ready: false)
        model.press(.alt("5"))
        let smol = ModelEntry(id: "smollm2-135m-instruct", name: "smollm2-135m-instruct",
                              detail: "SmolLM2 135M Instruct, Q4_1 (Apache-2.0), ChatML; the default chat model · 98 MB", isCached: false)
        let gemma = ModelEntry(id: "gemma3-270m", name: "gemma3-270m", detail: "Gemma 3 270M · 253 MB", isCached: false,
                               unavailable: "Gemma 3: needs the gemma3 architecture")
        model.send(.modelsListed([smol, gemma]))
        let screen = model.screen
        let row = screen.first { $0.contains("▸ smollm2-135m-instruct ") }
        #expect(row?.contains("not downloaded · SmolLM2") == true, "\(screen)")
        #expect(screen.contains(text: "  gemma3-270m"))
        let about = screen.joined(separator: " ").split(separator: " ").filter { $0 != "│" }.joined(separator: " ")
        #expect(about.contains("smollm2-135m-instruct: not downloaded · SmolLM2 135M Instruct, Q4_1 (Apache-2.0), ChatML; the default chat model · 98 MB"))
    }
}
