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
        #expect(model.screen.contains(text: "Q4_K_M · 398 MB · not downloaded"))
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
}
