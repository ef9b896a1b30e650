import Engine
import Foundation
import Render
import Testing
@testable import TUI

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    var time = testNow
}

/// Every message is handled at its own time, so what it starts (a notice, playback) starts
/// then, however long the app sat idle without ticks before it.
@Suite struct MessageTimeTests {
    static let idle = 6.0
    static let frame = 1.0 / 30

    @Test func anExportAfterAnIdleGapShowsItsNotice() throws {
        let clock = ManualClock(), backend = RecordingBackend()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("genplay-clock-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let runtime = AppRuntime(model: makeModel(ready: false),
                                 loaded: LoadedModel(info: ModelInfo(name: "fake", contextLength: 512), backend: backend),
                                 library: nil, store: ChatStore(directory: folder.appendingPathComponent("chats")),
                                 inbox: Inbox(), clock: { clock.time })
        runtime.send(.key(.char("h")))
        runtime.send(.key(Key(.enter)))
        backend.started[0].emit(.finished(.endOfGeneration))
        runtime.drainInbox()
        runtime.send(.tick)
        clock.time += AppModel.noticeDuration + 1   // "Loaded fake." has gone: no more ticks
        runtime.send(.tick)
        #expect(!runtime.model.isAnimating)

        clock.time += Self.idle
        runtime.send(.key(Key(.function(8))))
        runtime.flush()
        runtime.drainInbox()
        clock.time += Self.frame
        runtime.send(.tick)
        #expect(runtime.model.screen.last!.hasPrefix(" Exported to /"))
        clock.time += AppModel.noticeDuration
        runtime.send(.tick)
        #expect(runtime.model.notice == nil)
    }

    @Test func theFirstNewChatShowsItsNotice() {
        var model = makeModel()
        model.press(.ctrl("n"), at: testNow + Self.idle)
        model.send(.tick, at: testNow + Self.idle + Self.frame)
        #expect(model.screen.last!.hasPrefix(" New chat."))
    }

    @Test func diffusionPlaybackStartsFromTheStepShownWhenSpaceIsPressed() {
        var model = AppModel.onImageTab(.diffusion)
        model.press(Key(.end))
        model.press(Key(.home))
        let start = testNow + Self.idle
        model.press(.char(" "), at: start)
        model.send(.tick, at: start + Self.frame)
        #expect(model.diffusion.position == 0)   // 20 steps a second: none due yet
        model.send(.tick, at: start + 2 * Self.frame)
        #expect(model.diffusion.position == 1)
        model.send(.tick, at: start + 4 * Self.frame)
        #expect(model.diffusion.position == 2)
        #expect(model.screen.contains(text: "step 3/50"))
    }

    @Test func aGANWalkThatArrivesAfterAnIdleGapStartsAtA() {
        var model = AppModel.onImageTab(.gan, width: 120, height: 40)
        model.press(.char("a"))
        model.press(Key(.right))
        model.press(.char("b"))
        let start = testNow + Self.idle
        model.answer(model.press(Key(.enter), at: start))
        model.send(.tick, at: start + Self.frame)
        #expect(model.gan.frame == 0)   // 10 frames a second: none due yet
        #expect(model.screen.contains(text: "1/16 D +0.00 T-shirt/top"))
        model.send(.tick, at: start + 4 * Self.frame)
        #expect(model.gan.frame == 1)
    }
}
