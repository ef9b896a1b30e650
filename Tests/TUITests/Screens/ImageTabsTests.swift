import Render
import Testing
@testable import TUI

/// What the image tabs share: sizes, help, pixel modes.
@Suite struct ImageTabsTests {
    static let tabs: [Tab] = [.diffusion, .gan, .vae]

    @Test(arguments: tabs) func anySizeDrawsWithoutTrouble(tab: Tab) {
        var model = AppModel.onImageTab(tab)
        for (width, height) in [(40, 10), (39, 9), (60, 15), (200, 60), (41, 30), (120, 11)] {
            model.send(.resize(Size(width: width, height: height)))
            for key in [Key(.right), Key(.down), Key(.tab), Key(.left), Key(.escape), .char("v"), .char(" ")] {
                model.answer(model.press(key))
                #expect(view(model).lines.count == height)
            }
        }
        model.send(.resize(Size(width: 40, height: 10)))
        #expect(Tab.allCases.allSatisfy { model.screen[0].contains(" \($0.rawValue + 1)") }, "every tab's key in \(model.screen[0])")
        model.send(.resize(Size(width: 30, height: 8)))
        #expect(model.screen.contains(text: "Terminal too small"))
    }

    @Test(arguments: tabs) func helpListsTheTabsKeysFirstAndExplainsItsNumbers(tab: Tab) {
        var model = AppModel.onImageTab(tab, width: 100, height: 40)
        model.press(.char("?"))
        let (section, keys, numbers): (String, [String], [String]) = switch tab {
        case .diffusion: ("Diffusion tab", DiffusionScreen.bindings.map(\.keyLabel), ["ᾱ_t", "Share of the clean image", "guidance w", "η"])
        case .gan: ("GAN tab", GANScreen.bindings.map(\.keyLabel), ["D score", "The discriminator's logit", "truncation"])
        default: ("VAE tab", VAEScreen.bindings.map(\.keyLabel), ["KL", "Nats the posterior", "ELBO"])
        }
        let first = model.screen.firstIndex { $0.contains("Everywhere") }!
        #expect(model.screen.dropFirst(first + 1).first { !$0.contains("│  ") || $0.contains(section) }?.contains(section) == true)
        var seen = Set(model.screen)
        for _ in 0 ..< 10 {
            model.press(Key(.pageDown))
            seen.formUnion(model.screen)
        }
        let text = seen.joined(separator: "\n")
        for label in keys + numbers { #expect(text.contains(label), "help lists \(label)") }
    }

    @Test func pCyclesHowPixelsAreDrawn() {
        var model = AppModel.onImageTab(.gan)
        model.theme = ThemeLibrary.builtin(ThemeLibrary.defaultName)
        model.pixelMode = .ascii
        model.press(.char("p"))
        #expect(model.pixelMode == .color16 && model.screen.contains(text: "Pixels drawn as 16 colours."))
        model.press(.char("p"))
        #expect(model.pixelMode == .halfBlocks)
        #expect(model.screen.contains { $0.contains("▀") || $0.contains("▄") })
    }

    @Test func theMonoThemeCyclesOnlyTheModesWithoutColour() {
        var model = AppModel.onImageTab(.gan)
        #expect(model.pixelMode == .ascii)
        model.press(.char("p"))
        #expect(model.pixelMode == .braille && model.screen.contains(text: "Pixels drawn as braille dots."))
        model.press(.char("p"))
        #expect(model.pixelMode == .ascii)
    }

    @Test func qQuitsOnTheImageTabs() {
        var model = AppModel.onImageTab(.vae)
        #expect(model.press(.char("q")) == [.quit])
    }
}

@Suite struct PlaybackTests {
    @Test func framesFollowTheClockAndAStallIsNotMadeUp() {
        var playback = Playback(rate: 20)
        #expect(playback.due(at: 1) == 0)   // paused
        playback.toggle(at: 1)
        #expect(playback.due(at: 1.26) == 5)
        #expect(playback.due(at: 1.28) == 0)
        #expect(playback.due(at: 9) == 20)  // at most a second's worth at once…
        #expect(playback.due(at: 9.06) == 3) // …and then a tenth of a second behind at most
        playback.changeRate(by: 10)
        #expect(playback.rate == 60)
        playback.hold(at: 20)
        #expect(playback.due(at: 20.01) == 0)
    }
}
