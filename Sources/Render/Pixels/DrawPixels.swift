/// How many cells an image of `width × height` pixels takes when fitted into `available` cells
/// in `mode`: as large as fits with its aspect ratio kept (a cell being about twice as tall as
/// wide), at least 1 × 1 when anything fits; 0 × 0 for an empty image or room.
public func fittedSize(width: Int, height: Int, in available: Size, mode: PixelMode) -> Size {
    guard width > 0, height > 0, available.width > 0, available.height > 0 else { return Size(width: 0, height: 0) }
    let perCell = mode.pixelsPerCell
    let roomAcross = Double(available.width) * Double(perCell.width), roomDown = Double(available.height) * Double(perCell.height)
    let scale = min(roomAcross / Double(width), roomDown / Double(height))
    func cells(_ pixels: Int, _ pixelsPerCell: Int, limit: Int) -> Int {
        let exact = Double(pixels) * scale / Double(pixelsPerCell)
        return exact >= Double(limit) ? limit : max(1, Int(exact.rounded()))
    }
    return Size(width: cells(width, perCell.width, limit: available.width),
                height: cells(height, perCell.height, limit: available.height))
}

extension CellGrid {
    /// Draws `image` scaled to fit `rect` keeping its aspect ratio (see `fittedSize`), centred,
    /// over `rect` filled with `background`; returns the rect of cells the image took (empty,
    /// at `rect`'s origin, when nothing fits). Drawing is clipped like any other write.
    @discardableResult
    public mutating func drawPixels(_ image: PixelImage, in rect: Rect, style: PixelStyle, background: CellStyle = .plain) -> Rect {
        fill(rect, style: background)
        let size = fittedSize(width: image.width, height: image.height,
                              in: Size(width: rect.width, height: rect.height), mode: style.mode)
        guard size.width > 0 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let target = rect.centered(size)
        for (index, cell) in PixelCells.cells(for: image, size: size, style: style, background: background).enumerated() {
            put(Character(cell.text), width: 1, x: target.x + index % size.width, y: target.y + index / size.width, style: cell.style)
        }
        return target
    }
}

/// The cells that show an image at a size in cells, one function per `PixelMode`.
enum PixelCells {
    /// `size.width × size.height` cells, row-major. `image` is not empty and `size` at least 1 × 1.
    static func cells(for image: PixelImage, size: Size, style: PixelStyle, background: CellStyle) -> [Cell] {
        let perCell = style.mode.pixelsPerCell
        let levels = toneMapped(image, width: size.width * perCell.width, height: size.height * perCell.height, style: style)
        if style.monochrome {
            if style.palette != .gray { return signedGlyphs(levels, size: size, perCell: perCell, background: background) }
            return style.mode == .braille ? braille(levels, size: size, style: style, background: background)
                : ascii(levels, size: size, style: style, background: background)
        }
        switch style.mode {
        case .halfBlocks: return halfBlocks(levels.values.map(style.palette.color(atLevel:)), size: size, background: background)
        case .color16: return halfBlocks(ansi16Colors(levels, style: style), size: size, background: background)
        case .braille: return braille(levels, size: size, style: style, background: background)
        case .ascii: return ascii(levels, size: size, style: style, background: background)
        }
    }

    /// A diverging picture without colour: the `AsciiRamp.signed` character for the mean level
    /// of each cell's pixels, in the background style's colours.
    static func signedGlyphs(_ levels: PixelImage, size: Size, perCell: Size, background: CellStyle) -> [Cell] {
        (0 ..< size.width * size.height).map { index in
            let cellX = index % size.width, cellY = index / size.width
            var sum: Float = 0
            for row in 0 ..< perCell.height {
                for column in 0 ..< perCell.width { sum += levels.value(x: cellX * perCell.width + column, y: cellY * perCell.height + row) }
            }
            return Cell(String(AsciiRamp.signed.character(for: sum / Float(perCell.width * perCell.height))), style: background)
        }
    }

    /// The image as unit levels (see `PixelPalette.level`) resized to `width × height`, with
    /// contrast and gamma applied.
    static func toneMapped(_ image: PixelImage, width: Int, height: Int, style: PixelStyle) -> PixelImage {
        // Clamping to the palette before resizing keeps NaN and outliers from smearing.
        var levels = image
        levels.values = (0 ..< image.width * image.height).map { style.palette.level(image.value(x: $0 % image.width, y: $0 / image.width)) }
        var resized = Resampling.resized(levels, width: width, height: height)
        resized.values = resized.values.map(style.toned)
        return resized
    }

    /// `▀` cells: foreground the upper pixel, background the lower; `colors` is row-major at
    /// 1 × 2 pixels a cell.
    static func halfBlocks(_ colors: [RGB], size: Size, background: CellStyle) -> [Cell] {
        (0 ..< size.width * size.height).map { index in
            let x = index % size.width, top = (index / size.width) * 2
            var style = background
            style.foreground = .rgb(colors[top * size.width + x])
            style.background = .rgb(colors[(top + 1) * size.width + x])
            return Cell("▀", style: style)
        }
    }

    /// The levels dithered to a ladder of the 16 ANSI colours (their conventional RGB values,
    /// which the driver maps to the terminal's own): black, dark grey, light grey, white for a
    /// grey palette; blue, bright blue, white, bright red, red for a diverging one.
    static func ansi16Colors(_ levels: PixelImage, style: PixelStyle) -> [RGB] {
        let ladder = style.palette == .gray ? [0, 8, 7, 15] : [4, 12, 15, 9, 1]
        let quantizer = Quantizer(candidates: ladder.indices.map { Float($0) / Float(ladder.count - 1) })
        return quantizer.quantize(levels.values, width: levels.width, height: levels.height, dither: style.dither)
            .map { RGB.ansi16[ladder[$0]] }
    }

    /// Braille cells: a dot for each pixel the dither turns on. Grey images raise bright
    /// pixels, in white; diverging ones raise pixels far from 0, in the palette colour of the
    /// raised dots' mean level.
    static func braille(_ levels: PixelImage, size: Size, style: PixelStyle, background: CellStyle) -> [Cell] {
        let isGray = style.palette == .gray
        let strength = isGray ? levels.values : levels.values.map { abs(2 * $0 - 1) }
        let raised = Quantizer.onOff.quantize(strength, width: levels.width, height: levels.height, dither: style.dither)
        return (0 ..< size.width * size.height).map { index in
            let cellX = index % size.width, cellY = index / size.width
            var dots: UInt8 = 0, levelSum: Float = 0
            for row in 0 ..< 4 {
                for column in 0 ..< 2 {
                    let x = cellX * 2 + column, y = cellY * 4 + row
                    guard raised[y * levels.width + x] == 1 else { continue }
                    dots |= Braille.bit(column: column, row: row)
                    levelSum += levels.value(x: x, y: y)
                }
            }
            guard dots != 0 else { return Cell(" ", style: background) }
            guard !style.monochrome else { return Cell(String(Braille.character(dots)), style: background) }
            var cellStyle = background
            cellStyle.foreground = .rgb(isGray ? RGB(255, 255, 255) : style.palette.color(atLevel: levelSum / Float(dots.nonzeroBitCount)))
            return Cell(String(Braille.character(dots)), style: cellStyle)
        }
    }

    /// Ramp characters for the mean of each cell's two pixels: by brightness for a grey palette
    /// (in the background style's colours), by distance from 0 for a diverging one (in the
    /// palette colour).
    static func ascii(_ levels: PixelImage, size: Size, style: PixelStyle, background: CellStyle) -> [Cell] {
        (0 ..< size.width * size.height).map { index in
            let x = index % size.width, top = (index / size.width) * 2
            let mean = (levels.value(x: x, y: top) + levels.value(x: x, y: top + 1)) / 2
            guard style.palette != .gray else { return Cell(String(style.ramp.character(for: mean)), style: background) }
            var cellStyle = background
            cellStyle.foreground = .rgb(style.palette.color(atLevel: mean))
            return Cell(String(style.ramp.character(for: abs(2 * mean - 1))), style: cellStyle)
        }
    }
}
