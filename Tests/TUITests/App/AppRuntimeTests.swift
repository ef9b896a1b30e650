import Engine
import Foundation
import Render
import Testing
@testable import TUI

/// Records what the runtime asks of it; the test decides what it emits.
final class RecordingBackend: ChatBackend, @unchecked Sendable {
    var started: [(request: GenerationRequest, settings: LiveSamplerSettings, emit: @Sendable (GenerationEvent) -> Void)] = []
    var stopped: [Int] = []

    func start(_ request: GenerationRequest, settings: LiveSamplerSettings, emit: @escaping @Sendable (GenerationEvent) -> Void) {
        started.append((request, settings, emit))
    }

    func stop(requestID: Int) { stopped.append(requestID) }
}

@Suite struct AppRuntimeTests {
    let backend = RecordingBackend()
    let store = ChatStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("genplay-runtime-\(UUID())"))

    func makeRuntime() -> AppRuntime {
        AppRuntime(model: makeModel(ready: false), loaded: LoadedModel(info: ModelInfo(name: "fake", contextLength: 512), backend: backend),
                   library: nil, store: store, inbox: Inbox(), clock: { testNow })
    }

    func type(_ text: String, into runtime: AppRuntime) {
        for character in text { runtime.send(.key(.char(character))) }
    }

    @Test func tokensFromTheBackendReachTheScreenThroughTheInbox() {
        let runtime = makeRuntime()
        type("hi", into: runtime)
        runtime.send(.key(Key(.enter)))
        let call = backend.started[0]
        #expect(call.request.turns == [ChatTurn(role: .user, text: "hi")])
        call.emit(.token(token("Hello", id: 1)))
        #expect(!runtime.model.screen.contains(text: "Hello"))   // not before the UI thread drains
        #expect(runtime.drainInbox())
        #expect(runtime.model.screen.contains(text: "Hello▍"))
        #expect(runtime.needsRedraw)
        _ = runtime.frame()
        #expect(!runtime.needsRedraw)
    }

    @Test func samplerChangesReachTheGeneratorsSettingsAtOnce() {
        let runtime = makeRuntime()
        type("hi", into: runtime)
        runtime.send(.key(Key(.enter)))
        let live = backend.started[0].settings
        runtime.send(.key(.alt("p")))
        runtime.send(.key(Key(.right)))
        #expect(live.value.temperature == 0.85)
        #expect(runtime.samplerSettings == runtime.model.chat.sampler)
    }

    @Test func stopStringsEditedInThePanelReachTheGeneratorsSettingsAtOnce() {
        let runtime = makeRuntime()
        type("hi", into: runtime)
        runtime.send(.key(Key(.enter)))
        let live = backend.started[0].settings
        runtime.send(.key(.alt("p")))
        for _ in 0 ..< SamplerPanel.stopStringsRow { runtime.send(.key(Key(.down))) }
        runtime.send(.key(Key(.enter)))
        type("END", into: runtime)
        runtime.send(.key(Key(.enter)))
        #expect(live.value.stopStrings == ["END"])
    }

    @Test func escapeStopsTheBackend() {
        let runtime = makeRuntime()
        type("hi", into: runtime)
        runtime.send(.key(Key(.enter)))
        runtime.send(.key(Key(.escape)))
        #expect(backend.stopped == [backend.started[0].request.id])
    }

    @Test func repliesAreSavedAndChatsCanBeReopened() throws {
        let runtime = makeRuntime()
        type("hi", into: runtime)
        runtime.send(.key(Key(.enter)))
        backend.started[0].emit(.token(token("there", id: 1)))
        backend.started[0].emit(.finished(.endOfGeneration))
        runtime.drainInbox()
        runtime.flush()
        let id = runtime.model.chat.conversation.id
        #expect(try store.load(id: id).messages.map(\.text) == ["hi", "there"])

        runtime.send(.key(.ctrl("n")))
        runtime.send(.key(.ctrl("o")))
        runtime.flush()
        runtime.drainInbox()
        #expect(runtime.model.screen.contains(text: "▸ hi"))
        runtime.send(.key(Key(.enter)))
        runtime.flush()
        runtime.drainInbox()
        #expect(runtime.model.chat.conversation.id == id)
        #expect(runtime.model.screen.contains(text: "there"))
    }

    @Test func quitAndSuspend() {
        var suspended = 0
        let runtime = AppRuntime(model: makeModel(), loaded: nil, library: nil, store: store, inbox: Inbox(),
                                 clock: { testNow }, onSuspend: { suspended += 1 })
        runtime.send(.key(.ctrl("z")))
        #expect(suspended == 1)
        runtime.send(.key(.ctrl("c")))
        #expect(runtime.shouldQuit)
    }

    @Test func generatingWithoutABackendFailsClearly() {
        let runtime = AppRuntime(model: makeModel(), loaded: nil, library: nil, store: store, inbox: Inbox(), clock: { testNow })
        for character in "hi" { runtime.send(.key(.char(character))) }
        runtime.send(.key(Key(.enter)))
        runtime.drainInbox()
        #expect(runtime.model.screen.contains(text: "⚠ no model loaded"))
    }
}
