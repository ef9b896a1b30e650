import CZlib
import Foundation

/// The Fashion-MNIST test or training split from the Debian package `dataset-fashion-mnist`
/// (gzip-compressed IDX files), for reconstruction metrics and real-image baselines.
public struct FashionMNIST: Sendable {
    public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
    /// Names the test-set folder when no `--dataset` flag does.
    public static let directoryVariable = "GENPLAY_TEST_SET"

    /// The folder the commands and the app read: the `--dataset` flag's, else
    /// `$GENPLAY_TEST_SET` (when not empty), else the Debian package's.
    public static func directory(flag: String?, environment: [String: String]) -> String {
        flag ?? environment[directoryVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultDirectory
    }

    public enum Split: String, Sendable { case train, test = "t10k" }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unreadable(String)
        case malformed(String, String)

        public var description: String {
            switch self {
            case let .unreadable(path): return "cannot read \(path) (install the package dataset-fashion-mnist)"
            case let .malformed(path, why): return "\(path) is not an IDX file: \(why)"
            }
        }
    }

    public let count: Int
    public let size: Int
    /// count × size × size grey levels, row-major.
    public let pixels: [UInt8]
    public let labels: [Int]

    public init(_ split: Split, directory: String = FashionMNIST.defaultDirectory) throws {
        let imagePath = "\(directory)/\(split.rawValue)-images-idx3-ubyte.gz"
        let labelPath = "\(directory)/\(split.rawValue)-labels-idx1-ubyte.gz"
        let images = try Self.gunzip(imagePath), labelBytes = try Self.gunzip(labelPath)
        func word(_ b: [UInt8], _ i: Int) -> Int { Int(b[4 * i]) << 24 | Int(b[4 * i + 1]) << 16 | Int(b[4 * i + 2]) << 8 | Int(b[4 * i + 3]) }
        guard images.count >= 16, word(images, 0) == 0x803 else { throw Failure.malformed(imagePath, "bad magic") }
        guard labelBytes.count >= 8, word(labelBytes, 0) == 0x801 else { throw Failure.malformed(labelPath, "bad magic") }
        count = word(images, 1)
        size = word(images, 2)
        guard word(images, 3) == size, images.count == 16 + count * size * size else {
            throw Failure.malformed(imagePath, "\(images.count) bytes for \(count) images of \(size)×\(word(images, 3))")
        }
        guard word(labelBytes, 1) == count, labelBytes.count == 8 + count else {
            throw Failure.malformed(labelPath, "\(word(labelBytes, 1)) labels for \(count) images")
        }
        pixels = Array(images[16...])
        labels = labelBytes[8...].map(Int.init)
    }

    /// Image i as grey levels in 0...1.
    public func unitImage(_ i: Int) -> [Float] {
        pixels[i * size * size ..< (i + 1) * size * size].map { Float($0) / 255 }
    }

    static func gunzip(_ path: String) throws -> [UInt8] {
        guard let file = gzopen(path, "rb") else { throw Failure.unreadable(path) }
        defer { gzclose(file) }
        var out: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = gzread(file, &chunk, UInt32(chunk.count))
            guard n >= 0 else { throw Failure.unreadable(path) }
            if n == 0 { return out }
            out += chunk[0 ..< Int(n)]
        }
    }
}
