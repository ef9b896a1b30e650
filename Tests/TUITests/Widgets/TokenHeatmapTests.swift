import Render
import Testing
@testable import TUI

@Suite struct TokenHeatmapTests {
    @Test func coloursBlendFromLowToHigh() {
        let theme = ThemeLibrary.builtin("default-dark")
        #expect(TokenHeatmap.style(probability: 0, theme: theme).background == theme[.heatLow].background)
        #expect(TokenHeatmap.style(probability: 0.5, theme: theme).background == theme[.heatMid].background)
        #expect(TokenHeatmap.style(probability: 1, theme: theme).background == theme[.heatHigh].background)
        let steps = Set((0...100).map { TokenHeatmap.style(probability: Float($0) / 100, theme: theme).background })
        #expect(steps.count == TokenHeatmap.steps)
    }

    @Test func monochromeUsesThreeBands() {
        #expect(TokenHeatmap.style(probability: 0.1, theme: mono).attributes == .reverse)
        #expect(TokenHeatmap.style(probability: 0.5, theme: mono).attributes == .underline)
        #expect(TokenHeatmap.style(probability: 0.9, theme: mono).attributes == [])
    }
}
