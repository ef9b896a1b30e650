import Engine
import Foundation

/// Writes `ImageExport`s: a frame as one image file (its panels side by side, each pixel
/// enlarged `scale` times), a sequence as numbered files in a folder of its own.
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
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let base = directory.appendingPathComponent(export.name)
        if export.frames.count == 1 {
            let path = base.path + "." + format.fileExtension
            try format.write(picture(export.frames[0]), to: path)
            return "Exported \(path)"
        }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        for (index, frame) in export.frames.enumerated() {
            try format.write(picture(frame), to: base.appendingPathComponent("frame-\(threeDigits(index)).\(format.fileExtension)").path)
        }
        return "Exported \(export.frames.count) frames to \(base.path)/"
    }

    /// A frame's panels side by side (at most ten a row) on black, enlarged.
    func picture(_ panels: [ImagePanel]) -> GrayImage {
        let pictures = panels.map { GrayImage(unit: $0.levels, width: $0.width, height: $0.height).scaled(by: scale) }
        return GrayImage.grid(pictures, columns: min(10, pictures.count), padding: scale)
    }
}
