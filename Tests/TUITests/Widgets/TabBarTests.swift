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
        let spans = TabBar(active: .chat, rightTitle: "").tabSpans(width: 80)
        #expect(spans.map(\.span) == [9..<17, 18..<31, 32..<39, 40..<47, 48..<58])
        // Narrower, the app name goes and the spans move with the labels.
        #expect(TabBar(active: .chat, rightTitle: "").tabSpans(width: 50).map(\.span) == [0..<8, 9..<22, 23..<30, 31..<38, 39..<49])
    }

    /// Labels drawn from `layout` on one row, as the bar would.
    func row(_ items: [TabBar.Item], active: Int, width: Int) -> String {
        let layout = TabBar.layout(items, active: active, x: 0, width: width)
        var line = Array(repeating: Character(" "), count: max(width, layout.end ?? 0))
        if layout.showsAppName { line.replaceSubrange(0 ..< TabBar.appLabel.count, with: TabBar.appLabel) }
        for label in layout.labels {
            for (offset, character) in label.text.enumerated() { line[label.span.lowerBound + offset] = character }
        }
        return String(line).trimmingTrailingSpaces()
    }

    @Test func moreTabsThanFitShortenTheInactiveOnesButKeepEveryKey() {
        let titles = ["Chat", "Diffusion", "GAN", "VAE", "Flow", "Train", "Models", "Attention", "Logits"]
        let items = titles.enumerated().map { TabBar.Item(key: "\($0.offset + 1)", title: $0.element) }
        #expect(row(Array(items.prefix(7)), active: 5, width: 80) == " genplay  1 Chat   2 Diffusion   3 GAN   4 VAE   5 Flow   6 Train   7 Models")
        #expect(row(Array(items.prefix(7)), active: 5, width: 60) == " 1 Cha   2 Dif   3 GAN   4 VAE   5 Flo   6 Train   7 Mod")
        #expect(row(items, active: 0, width: 60) == " 1 Chat   2   3   4   5   6   7   8   9")
        #expect(row(items, active: 8, width: 45) == " 1   2   3   4   5   6   7   8   9 Logits")
        #expect(row(items, active: 8, width: 30) == "1 2 3 4 5 6 7 8 9")
        for width in 17 ... 100 {
            let drawn = row(items, active: 2, width: width)
            #expect(drawn.count <= width && items.allSatisfy { drawn.contains($0.key) }, "\(width): \(drawn)")
        }
    }

    @Test func theActiveTabIsHighlighted() {
        var grid = CellGrid(width: 60, height: 1)
        TabBar(active: .models, rightTitle: "").draw(in: grid.bounds, theme: mono, grid: &grid)
        #expect(grid[50, 0].style.attributes.contains(.reverse))
        #expect(!grid[10, 0].style.attributes.contains(.reverse))
    }
}
