/// What every image checkpoint declares about its images (Checkpoints/README.md, "Common metadata").
public struct ImageModelInfo: Sendable {
    public let architecture: String
    public let name: String
    /// Images are size × size pixels with `channels` channels.
    public let size: Int
    public let channels: Int
    /// The range of the network's pixel values (grey level p in 0...255 is min + (max − min)·p/255).
    public let pixelMin: Float
    public let pixelMax: Float
    /// Index = class label.
    public let classNames: [String]

    init(_ file: GGUFFile, expecting architecture: String) throws {
        let found = try file.requireString(GGUFKey.architecture)
        guard found == architecture else { throw ImageModelError.wrongArchitecture(expected: architecture, found: found) }
        self.architecture = found
        name = try file.string(GGUFKey.name) ?? found
        size = try file.requireInt(GGUFKey.Image.size)
        channels = try file.requireInt(GGUFKey.Image.channels)
        pixelMin = try file.requireFloat(GGUFKey.Image.pixelMin)
        pixelMax = try file.requireFloat(GGUFKey.Image.pixelMax)
        classNames = try file.stringArray(GGUFKey.Image.classNames) ?? []
        guard size > 0, channels > 0 else {
            throw ModelError.badHyperparameter(key: GGUFKey.Image.size, value: "\(size)×\(size)×\(channels)")
        }
    }

    /// Values per image.
    public var pixelCount: Int { channels * size * size }

    /// A network value → grey level in 0...1 (clamped).
    public func unitValue(_ v: Float) -> Float { min(max((v - pixelMin) / (pixelMax - pixelMin), 0), 1) }

    /// A grey level in 0...1 → network value.
    public func networkValue(_ unit: Float) -> Float { pixelMin + (pixelMax - pixelMin) * unit }

    /// The class with this name (case-insensitive) or number.
    public func classIndex(_ text: String) -> Int? {
        if let n = Int(text), classNames.isEmpty || classNames.indices.contains(n) { return n }
        return classNames.firstIndex { $0.lowercased() == text.lowercased() }
    }
}

/// Errors of the image model loaders beyond the tensor errors of `ModelError`.
public enum ImageModelError: Error, CustomStringConvertible, Equatable {
    case unsupportedArchitecture(String)
    case wrongArchitecture(expected: String, found: String)
    case classOutOfRange(Int, classCount: Int)
    case timestepOutOfRange(Int, count: Int)
    case batchMismatch(String)

    public var description: String {
        switch self {
        case let .unsupportedArchitecture(arch):
            return "unsupported image architecture '\(arch)' (supported: \(ImageModelRegistry.architectures.joined(separator: ", ")))"
        case let .wrongArchitecture(expected, found): return "expected a '\(expected)' checkpoint, found '\(found)'"
        case let .classOutOfRange(c, count): return "class \(c) is outside 0..<\(count)"
        case let .timestepOutOfRange(t, count): return "timestep \(t) is outside 0..<\(count)"
        case let .batchMismatch(what): return "batch sizes disagree: \(what)"
        }
    }
}
