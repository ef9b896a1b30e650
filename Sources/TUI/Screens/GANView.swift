import Render

/// Where the GAN tab's parts go: the sample grid (its tiles, for the cursor and clicks), a
/// status line, the settings panel, and a large view of the walk or the picked sample.
/// `update` and `view` share it.
struct GANLayout {
    static let sideWidth = 34

    let samples: Rect
    let status: Rect
    let knobs: Rect?
    /// The walk, or else the picked sample, large.
    let detail: Rect?
    let columns: Int
    let imageRects: [Rect]
    let captionRects: [Rect]

    /// Each sample's picture and caption together.
    var tiles: [Rect] {
        zip(imageRects, captionRects).map { Rect(x: $0.x, y: $0.y, width: $0.width, height: $0.height + $1.height) }
    }

    init(_ screen: GANScreen, inner: Rect, style: PixelStyle) {
        let wide = inner.width >= 90
        let (main, side) = inner.splitRight(wide ? Self.sideWidth : 0)
        var (content, status) = main.splitBottom(1)
        let knobHeight = KnobPanel.height(rows: GANScreen.knobs.count)
        var knobs: Rect?, detail: Rect?
        if wide {
            (knobs, detail) = side.splitTop(knobHeight)
        } else {
            if screen.panel.isFocused && content.height >= knobHeight + 4 {
                (content, knobs) = content.splitBottom(knobHeight)
            }
            // Narrow: the walk takes the grid's place until closed.
            if screen.interpolation != nil { (detail, content) = (content, Rect(x: content.x, y: content.y, width: 0, height: 0)) }
        }
        let size = screen.model.info?.size ?? 28, perCell = style.mode.pixelsPerCell
        let tiles = ImageGrid(images: screen.samples.map { _ in PixelImage(width: size, height: size, values: []) },
                              captions: screen.samples.map { _ in "D" }, style: style,
                              maximumImageSize: Size(width: size / perCell.width, height: size / perCell.height))
            .layout(in: content)
        (samples, self.status, self.knobs, self.detail) = (content, status, knobs, detail)
        (columns, imageRects, captionRects) = (tiles.columns, tiles.imageRects, tiles.captionRects)
    }
}

extension AppModel {
    var ganLayout: GANLayout { GANLayout(gan, inner: bodyArea.inset(by: 1), style: pixelStyle) }

    func drawGAN(in area: Rect, grid: inout CellGrid) {
        let title = gan.model.info.map { "GAN · \($0.name)" } ?? "GAN"
        guard drawImageTab(gan.model, title: title, what: "GAN", in: area, grid: &grid) != nil else { return }
        let layout = ganLayout
        let panels = ganSamplePanels
        if panels.isEmpty {
            drawWrapped("\(Spinner.frame(animationFrame)) Generating samples…", in: layout.samples.inset(by: 1), role: .accent, grid: &grid)
        }
        for (index, panel) in panels.enumerated() where index < layout.imageRects.count {
            ImageView(panel: panel, style: pixelStyle).drawPicture(in: layout.imageRects[index], theme: theme, grid: &grid)
            let role: ThemeRole = index == gan.cursor ? .selection : gan.markA == index || gan.markB == index ? .accent : .muted
            drawCaption(panel.caption, in: layout.captionRects[index], style: theme[role], grid: &grid)
        }
        drawGANStatus(in: layout.status, grid: &grid)
        drawKnobs(GANScreen.knobs, of: gan, focus: gan.panel, in: layout.knobs, grid: &grid)
        guard let area = layout.detail, area.height >= 4 else { return }
        grid.fill(area, style: theme[.text])
        let (heading, rest) = area.splitTop(1)
        if let walk = ganWalkPanels(), walk.indices.contains(gan.frame) {
            drawCaption("\(gan.playback.isPlaying ? "▶" : "⏸") walk A → B (slerp)", in: heading, style: theme[.title], grid: &grid)
            ImageView(panel: walk[gan.frame], style: pixelStyle).draw(in: rest, theme: theme, captionRole: .text, grid: &grid)
        } else if panels.indices.contains(gan.cursor) {
            drawCaption("sample \(gan.cursor + 1)", in: heading, style: theme[.title], grid: &grid)
            ImageView(panel: panels[gan.cursor], style: pixelStyle).draw(in: rest, theme: theme, captionRole: .text, grid: &grid)
        }
    }

    private func drawGANStatus(in area: Rect, grid: inout CellGrid) {
        guard let info = gan.model.info, gan.samples.indices.contains(gan.cursor) else { return }
        let sample = gan.samples[gan.cursor]
        var parts = ["sample \(gan.cursor + 1)/\(gan.samples.count)", className(sample.label, info.classNames), "D \(signed(sample.score))"]
        parts.append("A: " + (gan.markA.map { "\($0 + 1)" } ?? "–") + "  B: " + (gan.markB.map { "\($0 + 1)" } ?? "–"))
        parts += gan.interpolationID != nil ? ["walking…"] : ["a/b mark", "Enter walk", "r re-roll"]
        InfoLine(parts).draw(in: area, style: theme[.muted], grid: &grid)
    }
}

extension Rect {
    func contains(_ point: Point) -> Bool { point.x >= x && point.x < maxX && point.y >= y && point.y < maxY }
}
