import Foundation
import Render
import Testing
@testable import TUI

@Suite struct GANScreenTests {
    @Test func theFirstVisitLoadsTheModelAndDrawsScoredSamples() {
        var model = makeModel(width: 120, height: 40)
        let effects = model.answer(model.press(.alt("3")))
        #expect(effects.imageRequests.map(\.job) == [.prepare(.gan), .ganSamples(GANSettings())])
        #expect(model.gan.samples.count == 16)
        #expect(model.screen.contains(text: "GAN · gan-test"))
        #expect(model.screen.contains(text: "-1.00 T-shirt/top") || model.screen.contains(text: "-1.00 T-shi…"))
        #expect(model.screen.contains(text: "sample 1/16 · T-shirt/top · D -1.00 · A: –  B: –"))
    }

    @Test(arguments: [60, 70, 80, 160])
    func theInfoLineKeepsWholePartsAtEveryWidth(width: Int) throws {
        let model = AppModel.onImageTab(.gan, width: width, height: 24)
        let line = try #require(model.screen.first { $0.contains("sample 1/16") })
        let whole: Set<String> = ["sample 1/16", "T-shirt/top", "D -1.00", "A: –  B: –", "a/b mark", "Enter walk", "r re-roll"]
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: "│").first.map(String.init) ?? line
        for part in parts.components(separatedBy: " · ") {
            #expect(whole.contains(part.trimmingCharacters(in: .whitespaces)), "\(width) columns: \(part.debugDescription) in \(line.debugDescription)")
        }
        #expect(width < 160 || line.contains("r re-roll"), "\(line)")
    }

    @Test func theCursorMovesOverTheGridAndClicksPick() {
        var model = AppModel.onImageTab(.gan, width: 120, height: 40)
        let columns = model.ganLayout.columns
        #expect(columns > 1 && columns < 16)
        model.press(Key(.right))
        #expect(model.gan.cursor == 1)
        model.press(Key(.down))
        #expect(model.gan.cursor == 1 + columns)
        model.press(Key(.up))
        model.press(Key(.up))  // the top row stays
        #expect(model.gan.cursor == 1)
        model.press(Key(.left))
        model.press(Key(.left))
        #expect(model.gan.cursor == 0)
        let tile = model.ganLayout.imageRects[5]
        model.send(.mouse(.click(at: Point(x: tile.x, y: tile.y))))
        #expect(model.gan.cursor == 5)
        #expect(model.screen.contains(text: "sample 6/16 · Sandal · D +0.25"))
    }

    @Test func markingTwoSamplesWalksBetweenTheirLatents() {
        var model = AppModel.onImageTab(.gan, width: 120, height: 40)
        model.press(Key(.enter))
        #expect(model.screen.contains(text: "Mark two samples first"))
        model.press(.char("a"))
        model.press(Key(.right))
        model.press(Key(.right))
        model.press(.char("b"))
        let walk = model.press(Key(.enter)).imageRequests
        #expect(walk.map(\.job) == [.ganInterpolation(from: model.gan.samples[0], to: model.gan.samples[2], steps: 16)])
        model.answer(walk.map { .image($0) })
        #expect(model.gan.playback.isPlaying && model.gan.frame == 0)
        #expect(model.screen.contains(text: "▶ walk A → B (slerp)"))
        #expect(model.screen.contains(text: "1/16 D +0.00 T-shirt/top"))
        model.send(.tick, at: testNow + 0.5)   // 10 frames a second
        #expect(model.gan.frame == 5)
        #expect(model.screen.contains(text: "6/16 D +0.50 T-shirt/top"))
        model.send(.tick, at: testNow + 1.5)
        #expect(model.gan.frame == 15 && model.screen.contains(text: "16/16 D +1.50 Pullover"))
        model.send(.tick, at: testNow + 2)      // past the end: back towards A
        #expect(model.gan.frame == 10 && model.screen.contains(text: "11/16 D +1.00 Pullover"))
        model.press(.char(" "))
        #expect(!model.gan.playback.isPlaying)
        let export = model.press(.char("E")).exports
        #expect(export.first?.name == "gan-seed0-walk-1-to-3-16steps" && export.first?.frames.count == 16)
        model.press(Key(.escape))
        #expect(model.gan.interpolation == nil && !model.gan.playback.isPlaying)
        #expect(model.screen.contains(text: "sample 3/16"))
    }

    /// Exports with other settings never share a name: the class and truncation are in it.
    @Test func exportNamesSayEverySetting() {
        var model = AppModel.onImageTab(.gan)
        #expect(model.press(.char("e")).exports.first?.name == "gan-seed0-samples")
        model.answer(model.press(.char("c")))
        model.answer(model.press(.char("t")))
        let name = model.press(.char("e")).exports.first?.name
        #expect(name?.hasPrefix("gan-seed0-class") == true && name?.contains("-trunc") == true && name?.hasSuffix("-samples") == true, "\(name ?? "")")
    }

    @Test func truncationClassAndSeedDrawNewSamples() {
        var model = AppModel.onImageTab(.gan)
        #expect(model.press(.char("t")).imageRequests.map(\.job) == [.ganSamples(GANSettings(truncation: 0.25))])
        #expect(model.press(.char("c")).imageRequests.map(\.job) == [.ganSamples(GANSettings(truncation: 0.25, label: 0))])
        #expect(model.press(.char("n")).imageRequests.map(\.job) == [.ganSamples(GANSettings(seed: 1, truncation: 0.25, label: 0))])
        #expect(model.press(.char("T")).imageRequests.map(\.job) == [.ganSamples(GANSettings(seed: 1, label: 0))])
        let reroll = model.press(.char("r")).imageRequests
        #expect(reroll.count == 1 && model.gan.settings.seed != 1)
        // Walk steps change nothing without a walk.
        #expect(model.press(.char("]")).isEmpty && model.gan.steps == 24)
        let export = model.press(.char("e")).exports
        #expect(export.first?.frames.first?.count == 16)
    }
}
