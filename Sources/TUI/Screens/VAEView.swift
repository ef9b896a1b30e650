import Render

/// Where the VAE tab's parts go; `update` (clicks on the map) and `view` share it.
struct VAELayout {
    /// The latent plane (map mode).
    let map: Rect?
    /// The decode at the cursor and the class legend beside the map.
    let side: Rect?
    /// The pictures of the reconstruction and interpolation modes.
    let content: Rect
    let status: Rect
    let knobs: Rect?

    init(_ screen: VAEScreen, inner: Rect) {
        var (main, status) = inner.splitBottom(1)
        var knobs: Rect?
        let knobHeight = KnobPanel.height(rows: VAEScreen.knobs.count)
        if screen.panel.isFocused && main.height >= knobHeight + 4 {
            let split = main.splitBottom(knobHeight)
            main = split.rest
            knobs = Rect(x: split.bottom.x, y: split.bottom.y, width: min(split.bottom.width, 48), height: knobHeight)
        }
        if screen.mode == .map {
            let (map, side) = main.splitRight(max(16, min(40, main.width * 2 / 5)))
            (self.map, self.side) = (map, side)
        } else {
            (self.map, self.side) = (nil, nil)
        }
        (content, self.status, self.knobs) = (main, status, knobs)
    }
}

extension AppModel {
    var vaeLayout: VAELayout { VAELayout(vae, inner: bodyArea.inset(by: 1)) }

    func vaeMapping(_ rect: Rect) -> LatentMapping? {
        guard let info = vae.model.info, !rect.isEmpty else { return nil }
        return LatentMapping(rect: rect, low: info.low, high: info.high)
    }

    /// What the mode shows as one picture (for export): the decode, the reconstruction's three
    /// panels, or the interpolation's strip.
    var vaePanels: [ImagePanel]? {
        guard let info = vae.model.info else { return nil }
        switch vae.mode {
        case .map:
            return vae.decoded.map { [ImagePanel("z = (\(short($0.point.x)), \(short($0.point.y)))", $0.image, size: info.size, scale: .unit)] }
        case .reconstruction:
            guard let r = vae.reconstruction else { return nil }
            return [ImagePanel("test #\(r.index) · \(className(r.label, info.classNames))", r.input, size: info.size, scale: .unit),
                    ImagePanel("reconstruction", r.output, size: info.size, scale: .unit),
                    ImagePanel("error (input − output)", zip(r.input, r.output).map { $0 - $1 }, size: info.size, scale: .diverging(1))]
        case .interpolation:
            return vaeWalkPanels
        }
    }

    /// The interpolation's images, captioned by their place on the line.
    var vaeWalkPanels: [ImagePanel]? {
        guard let info = vae.model.info, let walk = vae.interpolation else { return nil }
        let last = max(1, walk.images.count - 1)
        return walk.images.enumerated().map { i, image in
            let caption = i == 0 ? "#\(walk.from)" : i == last ? "#\(walk.to)" : "t " + short(Float(i) / Float(last))
            return ImagePanel(caption, image, size: info.size, scale: .unit)
        }
    }

    func drawVAE(in area: Rect, grid: inout CellGrid) {
        let title = "VAE · " + vae.mode.title
        guard drawImageTab(vae.model, title: title, what: "VAE", in: area, grid: &grid) != nil, let info = vae.model.info else { return }
        let layout = vaeLayout
        switch vae.mode {
        case .map: drawVAEMap(layout, info: info, grid: &grid)
        case .reconstruction, .interpolation:
            if let problem = info.reconstructionProblem {
                drawWrapped("Needs the 16-D VAE and the test images: \(problem)", in: layout.content.inset(by: 1), role: .warning, grid: &grid)
            } else if let panels = vaePanels {
                drawPanelRow(panels, in: layout.content.inset(by: 1), grid: &grid)
            } else {
                drawWrapped("\(Spinner.frame(animationFrame)) Encoding…", in: layout.content.inset(by: 1), role: .accent, grid: &grid)
            }
        }
        InfoLine(vaeStatus()).draw(in: layout.status, style: theme[.muted], grid: &grid)
        drawKnobs(VAEScreen.knobs, of: vae, focus: vae.panel, in: layout.knobs, grid: &grid)
    }

    private func drawVAEMap(_ layout: VAELayout, info: VAEInfo, grid: inout CellGrid) {
        guard let map = layout.map, let side = layout.side, let mapping = vaeMapping(map) else { return }
        mapping.draw(vae.scatter?.points ?? [], colored: !theme.isMonochrome, theme: theme, grid: &grid)
        if let cell = mapping.cell(of: vae.cursor) {
            grid.write("╋", x: cell.x, y: cell.y, style: theme[.accent].with(.bold))
        }
        let legendRows = (info.classNames.count + 1) / 2
        let (picture, legend) = side.splitBottom(min(legendRows, max(0, side.height - 4)))
        if let panel = vaePanels?.first {
            ImageView(panel: panel, style: pixelStyle).draw(in: picture, theme: theme, captionRole: .text, grid: &grid)
        }
        grid.clipped(to: legend) { grid in
            let column = legend.width / 2
            for (label, name) in info.classNames.enumerated() {
                let x = legend.x + (label % 2) * column, y = legend.y + label / 2
                let swatch = theme.isMonochrome ? theme[.text] : CellStyle(foreground: .rgb(ClassColors.color(label)))
                let next = grid.write("■ ", x: x, y: y, style: swatch)
                grid.clipped(to: Rect(x: next, y: y, width: x + column - next, height: 1)) { grid in
                    grid.write(name, x: next, y: y, style: theme[.muted])
                }
            }
        }
    }

    /// The mode's facts, then its keys: what `InfoLine` leaves off first when narrow.
    private func vaeStatus() -> [String] {
        switch vae.mode {
        case .map:
            let dots = vae.scatter.map { $0.fromTestSet ? "\($0.points.count) test means" : "class means only (no test set)" } ?? "encoding the test set…"
            return ["z = (\(short(vae.cursor.x)), \(short(vae.cursor.y)))", dots, "arrows/click move", "c class", "v view"]
        case .reconstruction:
            guard let r = vae.reconstruction else { return ["←→ test image", "v view"] }
            return ["KL \(short(r.kl, digits: 1)) nats", "recon \(short(r.reconstruction, digits: 1)) nats",
                    "ELBO −\(short(r.kl + r.reconstruction, digits: 1))", "←→ image"]
        case .interpolation:
            return ["test #\(vae.testIndex) → #\(vae.otherIndex) in \(vae.steps) steps, a straight line in 16-D", "←→ start", "↑↓ end"]
        }
    }
}
