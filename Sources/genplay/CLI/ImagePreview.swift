import Foundation
import Render

/// The terminal preview of generated images that `genplay sample` prints: Render draws them in
/// a grid with captions, and the grid is printed with SGR colour sequences.
enum ImagePreview {
    static let options: [OptionSpec] = [
        OptionSpec("--mode", value: "halfblocks|braille|ascii|color16", help: "how the preview draws pixels (default ascii)"),
        OptionSpec("--dither", value: "none|ordered|floydsteinberg", help: "braille and color16 dithering (default floydsteinberg)"),
        OptionSpec("--preview-size", value: "COLSxROWS", help: "the most cells each previewed image takes (default: its own resolution)"),
    ]

    static func style(_ args: Arguments) throws -> PixelStyle {
        PixelStyle(mode: try args.choice("--mode", default: .ascii), dither: try args.choice("--dither", default: .floydSteinberg))
    }

    /// `--preview-size`; nil when not given.
    static func size(_ args: Arguments) throws -> Size? {
        guard let text = args.string("--preview-size") else { return nil }
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let columns = Int(parts[0]), let rows = Int(parts[1]), (1 ... 1000).contains(columns), (1 ... 1000).contains(rows) else {
            throw UsageError("--preview-size: expected columns x rows, each 1...1000 (e.g. 40x20), got '\(text)'")
        }
        return Size(width: columns, height: rows)
    }

    /// `images` (grey levels 0...1, `size × size` each, one after another) as many to a row as
    /// fit in `width` columns (default: $COLUMNS, else 100), each as large as `imageSize` cells
    /// allows (default: its own resolution, one pixel per pixel of the mode). Colours in 24 bits
    /// when $COLORTERM says the terminal has them, else in 256; plain text for grey ASCII.
    static func text(_ images: [Float], size: Int, captions: [String], style: PixelStyle, imageSize: Size? = nil,
                     width: Int = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 100,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let pixels = size * size, count = pixels > 0 ? images.count / pixels : 0
        let pictures = (0 ..< count).map {
            PixelImage(width: size, height: size, values: Array(images[$0 * pixels ..< ($0 + 1) * pixels]))
        }
        let perCell = style.mode.pixelsPerCell
        let largest = imageSize ?? Size(width: (size + perCell.width - 1) / perCell.width, height: (size + perCell.height - 1) / perCell.height)
        let imageGrid = ImageGrid(images: pictures, captions: captions, style: style, spacing: 2, maximumImageSize: largest)
        // Tall enough for one image a row; the layout then puts as many to a row as fit.
        let room = Rect(x: 0, y: 0, width: max(width, largest.width), height: pictures.count * (largest.height + 3))
        let bounds = imageGrid.layout(in: room).bounds
        var grid = CellGrid(width: bounds.width, height: bounds.height)
        imageGrid.draw(into: &grid, in: grid.bounds)
        let truecolor = ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? "")
        return grid.ansiText(mode: truecolor ? .direct : .indexed256)
    }
}
