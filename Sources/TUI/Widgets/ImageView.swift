import Render

/// Draws an `ImagePanel`: its picture fitted into a rectangle (half-blocks, braille, ASCII or
/// 16 colours, as `style` says), with its caption above. The image screens draw every picture
/// through this.
struct ImageView {
    let panel: ImagePanel
    let style: PixelStyle

    /// The picture's values with the palette its scale needs.
    var pixels: (image: PixelImage, style: PixelStyle) {
        var style = style
        switch panel.scale {
        case .unit:
            style.palette = .gray
            return (PixelImage(width: panel.width, height: panel.height, values: panel.values), style)
        case .signed:
            style.palette = .gray
            return (PixelImage(signedUnit: panel.values, width: panel.width, height: panel.height), style)
        case .diverging(let scale):
            style.palette = .diverging(scale: scale)
            return (PixelImage(width: panel.width, height: panel.height, values: panel.values), style)
        }
    }

    /// The caption on the first row of `area` (in `captionRole`), the picture fitted below;
    /// returns the cells the picture took.
    @discardableResult
    func draw(in area: Rect, theme: Theme, captionRole: ThemeRole = .muted, grid: inout CellGrid) -> Rect {
        guard area.height >= 2, area.width >= 1 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let (top, rest) = area.splitTop(1)
        drawCaption(panel.caption, in: top, style: theme[captionRole], grid: &grid)
        return drawPicture(in: rest, theme: theme, grid: &grid)
    }

    /// The picture alone, centred in `rect`: each pixel drawn the same whole number of times,
    /// as many as fit, or shrunk when even once does not.
    @discardableResult
    func drawPicture(in rect: Rect, theme: Theme, grid: inout CellGrid) -> Rect {
        let (image, style) = pixels
        let perCell = style.mode.pixelsPerCell
        let native = Size(width: max(1, panel.width / perCell.width), height: max(1, panel.height / perCell.height))
        let scale = min(rect.width / native.width, rect.height / native.height)
        let target = scale >= 1 ? rect.centered(Size(width: native.width * scale, height: native.height * scale)) : rect
        return grid.drawPixels(image, in: target, style: style, background: theme[.text])
    }
}

/// `text` centred on the row of `rect`, cut with "…" when too wide.
func drawCaption(_ text: String, in rect: Rect, style: CellStyle, grid: inout CellGrid) {
    guard !rect.isEmpty else { return }
    let width = DisplayWidth.of(text)
    grid.clipped(to: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)) { grid in
        if width <= rect.width {
            grid.write(text, x: rect.x + (rect.width - width) / 2, y: rect.y, style: style)
        } else {
            grid.clipped(to: Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: 1)) { grid in
                grid.write(text, x: rect.x, y: rect.y, style: style)
            }
            grid.write("…", x: rect.maxX - 1, y: rect.y, style: style)
        }
    }
}
