/// Pictures to write to the exports folder: one frame is a still, several a sequence (numbered
/// image files and an animated text file that `cat` replays).
public struct ImageExport: Equatable, Sendable {
    /// The file name without extension: what it shows, with its settings.
    public let name: String
    /// Each frame's panels, side by side.
    public let frames: [[ImagePanel]]

    public init(name: String, frames: [[ImagePanel]]) {
        self.name = name
        self.frames = frames
    }
}
