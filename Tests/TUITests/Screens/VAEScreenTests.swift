import Render
import Testing
@testable import TUI

@Suite struct VAEScreenTests {
    @Test func theFirstVisitDecodesTheCentreAndPlotsTheTestSet() {
        var model = makeModel(width: 100, height: 30)
        let effects = model.answer(model.press(.alt("4")))
        #expect(effects.imageRequests.map(\.job) == [.prepare(.vae), .vaeDecode(LatentPoint(x: 0, y: 0)), .vaeScatter])
        #expect(model.screen.contains(text: "VAE · Latent map (2-D VAE)"))
        #expect(model.screen.contains(text: "z = (0, 0) · 100 test means"))
        #expect(model.screen.contains(text: "■ T-shirt/top") && model.screen.contains(text: "■ Ankle boot"))
        #expect(model.screen.contains(text: "╋"))
    }

    @Test func arrowsMoveTheCursorAndEachMoveAsksForItsDecode() {
        var model = AppModel.onImageTab(.vae)
        #expect(model.press(Key(.right)).imageRequests.map(\.job) == [.vaeDecode(LatentPoint(x: 0.1, y: 0))])
        #expect(model.press(Key(.up, .shift)).imageRequests.map(\.job) == [.vaeDecode(LatentPoint(x: 0.1, y: 0.5))])
        // The decode shown is the one last asked for; an earlier one arriving late is dropped.
        let late = model.press(Key(.left)).imageRequests[0]
        let latest = model.press(Key(.left)).imageRequests[0]
        model.deliver(FakeImageBackend.events(for: late.job), to: late.id)
        #expect(model.vae.decoded?.point == LatentPoint(x: 0, y: 0))
        model.deliver(FakeImageBackend.events(for: latest.job), to: latest.id)
        #expect(model.vae.decoded?.point == model.vae.cursor)
        #expect(model.screen.contains(text: "z = (-0.1, 0.5)"))
        #expect(model.press(Key(.home)).imageRequests.map(\.job) == [.vaeDecode(LatentPoint(x: 0, y: 0))])
    }

    @Test func theCursorStopsAtTheMapsEdge() throws {
        var model = AppModel.onImageTab(.vae)
        let map = try #require(model.vaeLayout.map)
        for _ in 0..<12 { model.answer(model.press(Key(.right, .shift))) }
        for _ in 0..<12 { model.answer(model.press(Key(.down, .shift))) }
        // The fake model's points span -2 ... 2; the map shows 10 % more on every side.
        #expect(model.vae.cursor.x > 2.39 && model.vae.cursor.x < 2.4)
        #expect(model.vae.cursor.y >= -2.4 && model.vae.cursor.y < -2.39)
        let corner = try #require(model.vaeMapping(map)?.cell(of: model.vae.cursor))
        #expect(corner == Point(x: map.maxX - 1, y: map.maxY - 1))
        let before = model.vae.cursor
        // Against the edge the cursor stays, and nothing new is decoded.
        #expect(model.press(Key(.right, .shift)).imageRequests.isEmpty)
        #expect(model.vae.cursor == before)
    }

    @Test func aClickOnTheMapMovesTheCursorThere() throws {
        var model = AppModel.onImageTab(.vae)
        let map = try #require(model.vaeLayout.map)
        let cell = Point(x: map.x + 3, y: map.y + 2)
        let target = try #require(model.vaeMapping(map)?.latent(at: cell))
        let effects = model.send(.mouse(.click(at: cell)))
        #expect(effects.imageRequests.map(\.job) == [.vaeDecode(target)])
        #expect(model.vaeMapping(map)?.cell(of: model.vae.cursor) == cell)
    }

    @Test func classKeysJumpToTheClassMeans() {
        var model = AppModel.onImageTab(.vae)
        model.answer(model.press(.char("c")))
        #expect(abs(model.vae.cursor.x - (5.0 / 3 - 1.5)) < 1e-5 && abs(model.vae.cursor.y) < 1e-5)
        #expect(model.screen.contains(text: "Cursor on the mean of Sandal."))
    }

    @Test func reconstructionsAndInterpolationsUseTheTestImages() {
        var model = AppModel.onImageTab(.vae)
        #expect(model.answer(model.press(.char("v"))).imageRequests.map(\.job) == [.vaeReconstruction(index: 0)])
        #expect(model.screen.contains(text: "KL 14.3 nats · recon 221.6 nats · ELBO −235.9"))
        #expect(model.screen.contains(text: "test #0 · T-shirt/top") && model.screen.contains(text: "error (input − output)"))
        #expect(model.answer(model.press(Key(.right))).imageRequests.map(\.job) == [.vaeReconstruction(index: 1)])
        #expect(model.screen.contains(text: "test #1 · Trouser"))
        #expect(model.answer(model.press(.char("v"))).imageRequests.map(\.job) == [.vaeInterpolation(from: 1, to: 1, steps: 10)])
        #expect(model.press(Key(.up)).imageRequests.map(\.job) == [.vaeInterpolation(from: 1, to: 2, steps: 10)])
        model.answer(model.press(.char("]")))
        #expect(model.vae.interpolation?.images.count == 12)
        #expect(model.screen.contains(text: "#1") && model.screen.contains(text: "#2") && model.screen.contains(text: "t 0.45"))
        let export = model.press(.char("E")).exports
        #expect(export.first?.name == "vae-walk-test1-to-test2" && export.first?.frames.count == 12)
    }

    @Test func withoutTheTestSetTheMapShowsClassMeansAndSaysWhatIsMissing() {
        var model = makeModel(width: 100, height: 30)
        let opened = model.press(.alt("4")).imageRequests[0]
        let problem = "the Fashion-MNIST test set is not installed (apt-get install dataset-fashion-mnist)"
        let info = VAEInfo(name: "vae-test", size: FakeImageBackend.size, classNames: FakeImageBackend.classNames, low: LatentPoint(x: -2, y: -2),
                           high: LatentPoint(x: 2, y: 2), testImages: 0, reconstructionProblem: problem)
        let work = model.deliver([.ready(.vae(info))], to: opened.id).imageRequests
        model.deliver([.vaeScatter(VAEScatter(points: [VAEScatter.Point(LatentPoint(x: 1, y: 1), label: 3)], fromTestSet: false))],
                      to: work[1].id)
        #expect(model.screen.contains(text: "class means only (no test set)"))
        #expect(model.press(.char("v")).imageRequests.isEmpty)
        #expect(model.screen.contains(text: "Needs the 16-D VAE and the test images: the Fashion-MNIST test set is not installed"))
    }
}
