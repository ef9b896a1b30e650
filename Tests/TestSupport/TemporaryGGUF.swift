import Engine
import Foundation

extension GGUFWriter {
    /// Writes the file to a temporary path and maps it; the path is removed at once (the map
    /// keeps the data).
    public func mapped(_ label: String = "test") throws -> GGUFFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID()).gguf").path
        try write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try GGUFFile(path: path)
    }
}
