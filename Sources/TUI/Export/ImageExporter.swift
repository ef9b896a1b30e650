import Engine
import Foundation
import Render

/// Writes `ImageExport`s: a frame as one image file (its panels side by side, each pixel
/// enlarged `scale` times); a sequence as numbered files in a folder of its own and an
/// animated text file beside it that `genplay replay` plays back in a terminal.
public struct ImageExporter: Sendable {
    public let directory: URL
    public let format: ImageFileFormat
    public let scale: Int

    public init(directory: URL, format: ImageFileFormat = .png, scale: Int = 4) {
        self.directory = directory
        self.format = format
        self.scale = scale
    }

    /// `$XDG_DATA_HOME/genplay/exports` (by default `~/.local/share/genplay/exports`), or the
    /// working directory when neither variable is set.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
            return URL(fileURLWithPath: data).appendingPathComponent("genplay/exports")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".local/share/genplay/exports")
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// Writes the export; returns the line the status bar shows.
    public func write(_ export: ImageExport) throws -> String {
        try AtomicFile.createFolder(directory)
        let base = directory.appendingPathComponent(export.name)
        if export.frames.count == 1 {
            let path = base.path + "." + format.fileExtension
            try format.write(picture(export.frames[0]), to: path)
            return "Exported \(path)"
        }
        try AtomicFile.createFolder(base)
        for (index, frame) in export.frames.enumerated() {
            try format.write(picture(frame), to: base.appendingPathComponent("frame-\(threeDigits(index)).\(format.fileExtension)").path)
        }
        try AtomicFile.write(Data(animation(export.frames).utf8), to: URL(fileURLWithPath: base.path + ".ans"), permissions: 0o644)
        return "Exported \(export.frames.count) frames to \(base.path)/ and \(base.lastPathComponent).ans (genplay replay it)"
    }

    /// The frames as text in 24-bit colour, half-blocks, one pixel a half cell: the screen
    /// cleared once, the cursor sent home before each frame, so they replace each other.
    func animation(_ frames: [[ImagePanel]]) -> String {
        let plain = Theme(name: "export", roles: [:]), style = PixelStyle(mode: .halfBlocks, dither: .none)
        var text = AnsiAnimation.opening
        for panels in frames {
            let columns = min(10, panels.count), rows = (panels.count + columns - 1) / columns
            let tile = Size(width: panels.map(\.width).max() ?? 0, height: (panels.map(\.height).max() ?? 0) / 2 + 1)
            var grid = CellGrid(width: columns * (tile.width + 2), height: rows * tile.height)
            for (index, panel) in panels.enumerated() {
                let origin = Point(x: (index % columns) * (tile.width + 2), y: (index / columns) * tile.height)
                ImageView(panel: panel, style: style)
                    .draw(in: Rect(x: origin.x, y: origin.y, width: tile.width, height: tile.height), theme: plain, grid: &grid)
            }
            text += AnsiAnimation.home + grid.ansiText(mode: .direct)
        }
        return text + AnsiAnimation.closing
    }

    /// A frame's panels side by side (at most ten a row) on black, enlarged.
    func picture(_ panels: [ImagePanel]) -> GrayImage {
        let pictures = panels.map { GrayImage(unit: $0.levels, width: $0.width, height: $0.height).scaled(by: scale) }
        return GrayImage.grid(pictures, columns: min(10, pictures.count), padding: scale)
    }
}
