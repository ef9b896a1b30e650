import Render

/// What the image tabs' views share: the frame with the model's state, wrapped messages.
extension AppModel {
    /// Draws an image tab's frame titled `title`; returns its inside when the model is ready,
    /// else draws why not (loading, or unavailable: the other tabs still work) and returns nil.
    func drawImageTab<Info>(_ state: ImageModelState<Info>, title: String, what: String, in area: Rect,
                            grid: inout CellGrid) -> Rect? {
        guard !area.isEmpty else { return nil }
        grid.drawBox(area, style: theme[.border], title: title, titleStyle: theme[.title])
        let inner = area.inset(by: 1)
        let text = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        switch state {
        case .ready: return inner
        case .idle, .loading:
            drawWrapped("\(Spinner.frame(animationFrame)) Loading the \(what)…", in: text, role: .accent, grid: &grid)
        case .unavailable(let message):
            let rows = drawWrapped("The \(what) is not available: \(message)", in: text, role: .error, grid: &grid)
            drawWrapped("The other tabs still work.", in: text.splitTop(rows + 1).rest, role: .muted, grid: &grid)
        }
        return nil
    }

    /// The status bar's left side on an image tab: the model and how pixels are drawn.
    var imageStatusSegments: [StatusBar.Segment] {
        let name: String? = switch tab {
        case .diffusion: diffusion.model.info?.name
        case .gan: gan.model.info?.name
        case .vae: vae.model.info?.name
        case .chat, .models: nil
        }
        return [StatusBar.Segment(text: name ?? "no model yet", role: .statusKey),
                StatusBar.Segment(text: "pixels: \(pixelMode.title) (p)", role: .statusBar)]
    }

    /// `text` word-wrapped from the top of `area`; returns the rows it took.
    @discardableResult
    func drawWrapped(_ text: String, in area: Rect, role: ThemeRole, grid: inout CellGrid) -> Int {
        guard !area.isEmpty else { return 0 }
        var glyphs: [Glyph] = []
        Glyphs.appendText(text, to: &glyphs)
        let rows = WordWrap.rows(glyphs, width: area.width)
        grid.clipped(to: area) { grid in
            for (offset, row) in rows.prefix(area.height).enumerated() {
                var x = area.x
                for glyph in glyphs[row] {
                    x = grid.put(glyph.character, width: Int(glyph.width), x: x, y: area.y + offset, style: theme[role])
                }
            }
        }
        return min(rows.count, area.height)
    }

    /// The settings panel of an image tab, with the hint for its focus.
    func drawKnobs<Screen>(_ knobs: [Knob<Screen>], of screen: Screen, focus: KnobFocus, in area: Rect?, grid: inout CellGrid) {
        guard let area else { return }
        KnobPanel(title: "Settings", rows: Knob.rows(knobs, of: screen), selected: focus.row, isFocused: focus.isFocused && overlay == nil,
                  hint: focus.isFocused ? "↑↓ pick  ←→ adjust  Esc back" : "Tab to adjust; keys in F1")
            .draw(in: area, theme: theme, grid: &grid)
    }

    /// Pictures in rows, as large as fits up to `maxScale` times their own size.
    func drawPanelRow(_ panels: [ImagePanel], in area: Rect, maxScale: Int = 2, grid: inout CellGrid) {
        guard let first = panels.first else { return }
        let perCell = pixelStyle.mode.pixelsPerCell
        let limit = Size(width: maxScale * first.width / perCell.width, height: maxScale * first.height / perCell.height)
        let layout = ImageGrid(images: panels.map { _ in PixelImage(width: first.width, height: first.height, values: []) },
                               captions: panels.map(\.caption), style: pixelStyle, spacing: 2, maximumImageSize: limit).layout(in: area)
        for (panel, (image, caption)) in zip(panels, zip(layout.imageRects, layout.captionRects)) {
            ImageView(panel: panel, style: pixelStyle).drawPicture(in: image, theme: theme, grid: &grid)
            drawCaption(panel.caption, in: caption, style: theme[.muted], grid: &grid)
        }
    }
}
