import Engine
import Foundation
import Render
import Testing
@testable import TUI

/// The image tabs through the runtime: requests reach the backend, its answers come back
/// through the inbox, exports land on disk.
@Suite struct ImageRuntimeTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("genplay-images-\(UUID())")
    var store: ChatStore { ChatStore(directory: folder.appendingPathComponent("chats")) }

    func makeRuntime(images: (any ImageBackend)?) -> AppRuntime {
        AppRuntime(model: makeModel(width: 100, height: 30), loaded: nil, library: nil, store: store, inbox: Inbox(),
                   images: images, exporter: ImageExporter(directory: folder.appendingPathComponent("exports")), clock: { testNow })
    }

    @Test func requestsReachTheBackendAndItsAnswersTheScreen() {
        let backend = FakeImageBackend()
        let runtime = makeRuntime(images: backend)
        runtime.send(.key(.alt("2")))
        #expect(backend.requests.map(\.job) == [.prepare(.diffusion)])
        #expect(!runtime.model.screen.contains(text: "step 1/50"))   // not before the UI thread drains
        runtime.drainInbox()
        runtime.drainInbox()
        #expect(backend.requests.count == 2 && runtime.model.diffusion.frames.count == 50)
        #expect(runtime.model.screen.contains(text: "step 1/50 · t 999"))
    }

    /// Opens the Diffusion tab, presses `key` (e or E) and waits for the export to be written.
    func exportFromTheDiffusionTab(_ runtime: AppRuntime, key: Character) {
        if runtime.model.tab != .diffusion {
            runtime.send(.key(.alt("2")))
            runtime.drainInbox()
            runtime.drainInbox()
        }
        runtime.send(.key(.char(key)))
        runtime.flush()
        runtime.drainInbox()
    }

    @Test func exportsWriteImageFilesAndAnAnimation() throws {
        let runtime = makeRuntime(images: FakeImageBackend())
        exportFromTheDiffusionTab(runtime, key: "e")
        let still = folder.appendingPathComponent("exports/diffusion-ddim50-w3-class0-seed0-step000.png").path
        #expect(runtime.model.notice?.text == "Exported \(still)")
        let png = try Data(contentsOf: URL(fileURLWithPath: still))
        #expect(Array(png.prefix(8)) == PNGEncoder.signature)

        exportFromTheDiffusionTab(runtime, key: "E")
        let run = folder.appendingPathComponent("exports/diffusion-ddim50-w3-class0-seed0-run")
        let files = try FileManager.default.contentsOfDirectory(atPath: run.path).sorted()
        #expect(files.count == 50 && files.first == "frame-000.png" && files.last == "frame-049.png")
        let animation = try String(contentsOfFile: run.path + ".ans", encoding: .utf8)
        #expect(animation.components(separatedBy: "\u{1B}[H").count == 51)
        #expect(animation.contains("predicted x0") && animation.contains("▀"))
        #expect(runtime.model.notice?.text == "Exported 50 frames to \(run.path)/ and \(run.lastPathComponent).ans (genplay replay it)")
    }

    /// An exports folder that cannot be made (a file is where it should be) is one readable
    /// line in the status bar, nothing written.
    @Test func anExportThatCannotBeWrittenSaysWhyInOneLine() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: folder.appendingPathComponent("exports"))
        let runtime = makeRuntime(images: FakeImageBackend())
        exportFromTheDiffusionTab(runtime, key: "e")
        #expect(runtime.model.notice?.text == "cannot write \(folder.path)/exports: a file is in the way of the folder")
        #expect(runtime.model.notice?.kind == .error)
    }

    @Test func withoutAnImageBackendTheTabsSaySo() {
        let runtime = makeRuntime(images: nil)
        runtime.send(.key(.alt("3")))
        runtime.drainInbox()
        #expect(runtime.model.screen.contains(text: "The GAN is not available: this build has no image models"))
    }
}
