/// Several images in rows, a caption under each, every image in a tile of the same cell size:
/// as large as fits in the rect (and `maximumImageSize`), with as many columns as that allows.
public struct ImageGrid: Sendable {
    public var images: [PixelImage]
    /// One per image; missing ones are blank. No caption row at all when every caption is empty.
    public var captions: [String]
    public var style: PixelStyle
    public var captionStyle: CellStyle
    /// Blank columns between tiles, and blank rows between rows of tiles.
    public var spacing: Int
    /// The largest an image may be drawn, in cells (e.g. one cell per pixel column); nil: no limit.
    public var maximumImageSize: Size?

    public init(images: [PixelImage], captions: [String] = [], style: PixelStyle = PixelStyle(),
                captionStyle: CellStyle = .plain, spacing: Int = 1, maximumImageSize: Size? = nil) {
        self.images = images
        self.captions = captions
        self.style = style
        self.captionStyle = captionStyle
        self.spacing = spacing
        self.maximumImageSize = maximumImageSize
    }

    /// Where everything goes. Tiles run left to right, top to bottom, from the rect's top left.
    public struct Layout: Equatable, Sendable {
        /// Tiles per row; 0 when nothing fits.
        public var columns: Int
        /// Every image's tile, in cells.
        public var imageSize: Size
        /// One per image, in order; empty when nothing fits.
        public var imageRects: [Rect]
        /// The row under each image rect (zero height when there are no captions).
        public var captionRects: [Rect]
        /// The smallest rect holding all tiles and captions.
        public var bounds: Rect
    }

    public func layout(in rect: Rect) -> Layout {
        let gap = max(0, spacing)
        let captionRows = captions.contains { !$0.isEmpty } ? 1 : 0
        let tile = Size(width: images.map(\.width).max() ?? 0, height: images.map(\.height).max() ?? 0)
        var best = (columns: 0, size: Size(width: 0, height: 0))
        for columns in stride(from: 1, through: images.count, by: 1) {
            let rows = (images.count + columns - 1) / columns
            var room = Size(width: (rect.width - (columns - 1) * gap) / columns,
                            height: (rect.height - (rows - 1) * gap) / rows - captionRows)
            if let limit = maximumImageSize {
                room = Size(width: min(room.width, limit.width), height: min(room.height, limit.height))
            }
            let size = fittedSize(width: tile.width, height: tile.height, in: room, mode: style.mode)
            // Bigger images win; on a tie, more columns (a shorter grid).
            if size.width > 0, size.width * size.height >= best.size.width * best.size.height { best = (columns, size) }
        }
        guard best.columns > 0 else {
            return Layout(columns: 0, imageSize: best.size, imageRects: [], captionRects: [],
                          bounds: Rect(x: rect.x, y: rect.y, width: 0, height: 0))
        }
        return arrange(columns: best.columns, imageSize: best.size, captionRows: captionRows, gap: gap, origin: Point(x: rect.x, y: rect.y))
    }

    /// Draws the images (see `CellGrid.drawPixels`) and captions, centred under their images
    /// and cut with "…" when too wide, over `rect` filled with `background`.
    @discardableResult
    public func draw(into grid: inout CellGrid, in rect: Rect, background: CellStyle = .plain) -> Layout {
        grid.fill(rect, style: background)
        let layout = layout(in: rect)
        grid.clipped(to: rect) { grid in
            for (index, imageRect) in layout.imageRects.enumerated() {
                grid.drawPixels(images[index], in: imageRect, style: style, background: background)
                let captionRect = layout.captionRects[index]
                guard index < captions.count, !captionRect.isEmpty else { continue }
                Self.drawCaption(captions[index], in: captionRect, style: captionStyle, into: &grid)
            }
        }
        return layout
    }

    private func arrange(columns: Int, imageSize: Size, captionRows: Int, gap: Int, origin: Point) -> Layout {
        let rows = (images.count + columns - 1) / columns
        var imageRects: [Rect] = [], captionRects: [Rect] = []
        for index in images.indices {
            let x = origin.x + (index % columns) * (imageSize.width + gap)
            let y = origin.y + (index / columns) * (imageSize.height + captionRows + gap)
            imageRects.append(Rect(x: x, y: y, width: imageSize.width, height: imageSize.height))
            captionRects.append(Rect(x: x, y: y + imageSize.height, width: imageSize.width, height: captionRows))
        }
        let bounds = Rect(x: origin.x, y: origin.y,
                          width: columns * imageSize.width + (columns - 1) * gap,
                          height: rows * (imageSize.height + captionRows) + (rows - 1) * gap)
        return Layout(columns: columns, imageSize: imageSize, imageRects: imageRects, captionRects: captionRects, bounds: bounds)
    }

    private static func drawCaption(_ caption: String, in rect: Rect, style: CellStyle, into grid: inout CellGrid) {
        let width = DisplayWidth.of(caption)
        grid.clipped(to: rect) { grid in
            if width <= rect.width {
                grid.write(caption, x: rect.x + (rect.width - width) / 2, y: rect.y, style: style)
            } else {
                grid.clipped(to: Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: 1)) { grid in
                    grid.write(caption, x: rect.x, y: rect.y, style: style)
                }
                grid.write("…", x: rect.maxX - 1, y: rect.y, style: style)
            }
        }
    }
}
