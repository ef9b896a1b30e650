import Foundation

/// Finds the image checkpoints (`Checkpoints/*.gguf`): in an explicit directory, in
/// `$GENPLAY_CHECKPOINTS`, or in a `Checkpoints/` folder beside the executable or one of its
/// parents (a SwiftPM build lives at <repo>/.build/<config>/genplay) or the working directory.
public enum ImageCheckpoints {
    public static let diffusion = "ddpm-fashion.gguf"
    public static let gan = "gan-fashion.gguf"
    public static let vae2D = "vae2d-fashion.gguf"
    public static let vae16D = "vae16-fashion.gguf"
    public static let classifier = "classifier-fashion.gguf"

    public struct NotFound: Error, CustomStringConvertible {
        public let file: String
        public let searched: [String]
        public var description: String {
            "checkpoint \(file) not found (looked in \(searched.joined(separator: ", "))); pass --checkpoints DIR"
        }
    }

    /// Directories searched, in order.
    public static func searchPath(explicit: String? = nil) -> [String] {
        if let explicit { return [explicit] }
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["GENPLAY_CHECKPOINTS"], !env.isEmpty { dirs.append(env) }
        // The executable's own path (argv[0] is a bare name when genplay is found on PATH).
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? "."
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0 ..< 5 {
            dirs.append(dir.appendingPathComponent("Checkpoints").path)
            dir = dir.deletingLastPathComponent()
        }
        dirs.append(FileManager.default.currentDirectoryPath + "/Checkpoints")
        return dirs
    }

    public static func path(_ file: String, directory: String? = nil) throws -> String {
        let dirs = searchPath(explicit: directory)
        for dir in dirs where FileManager.default.fileExists(atPath: dir + "/" + file) { return dir + "/" + file }
        throw NotFound(file: file, searched: dirs)
    }
}
