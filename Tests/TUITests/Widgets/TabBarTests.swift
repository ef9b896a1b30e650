import Render
import Testing
@testable import TUI

@Suite struct TabBarTests {
    @Test func tabsAndTitle() {
        let rows = drawn(72, 1) { grid, area in
            TabBar(active: .chat, rightTitle: "My chat").draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == [" genplay  1 Chat   2 Diffusion   3 GAN   4 VAE   5 Models       My chat"])
    }

    @Test func longTitlesAreShortened() {
        let rows = drawn(70, 1) { grid, area in
            TabBar(active: .models, rightTitle: "A very long conversation title").draw(in: area, theme: mono, grid: &grid)
        }
        #expect(rows == [" genplay  1 Chat   2 Diffusion   3 GAN   4 VAE   5 Models   A very l…"])
    }

    @Test func clickSpansMatchTheLabels() {
        let spans = TabBar.tabSpans()
        #expect(spans.map(\.span) == [9..<17, 18..<31, 32..<39, 40..<47, 48..<58])
    }

    @Test func theActiveTabIsHighlighted() {
        var grid = CellGrid(width: 60, height: 1)
        TabBar(active: .models, rightTitle: "").draw(in: grid.bounds, theme: mono, grid: &grid)
        #expect(grid[50, 0].style.attributes.contains(.reverse))
        #expect(!grid[10, 0].style.attributes.contains(.reverse))
    }
}
