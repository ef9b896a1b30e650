import Engine
import Foundation
import Testing
import TestSupport

/// Strings an image checkpoint chooses (its name, its class names) reach the terminal only as
/// visible placeholders, whatever command prints them and wherever its output goes.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct CheckpointTextTests {
    /// CSI, OSC (title and a clipboard write), an 8-bit CSI, DCS, a bidi override and isolate,
    /// a bare ESC and BEL.
    static let planted = "\u{1B}[31m\u{1B}]0;title\u{07}\u{1B}]52;c;ZXZpbA==\u{1B}\\\u{9B}2J\u{1B}P1$r\u{1B}\\\u{202E}\u{2067}\u{1B}\u{07}"

    /// Every checkpoint copied with the planted text in `general.name` and before each class name.
    static let folder: String = {
        let folder = Genplay.scratch("hostile-checkpoints")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = Genplay.repository.appendingPathComponent("Checkpoints").path
        for name in [ImageCheckpoints.diffusion, ImageCheckpoints.gan, ImageCheckpoints.vae2D, ImageCheckpoints.vae16D, ImageCheckpoints.classifier] {
            let file = try! GGUFFile(path: source + "/" + name)
            var writer = GGUFWriter()
            writer.alignment = file.alignment
            for (key, value) in file.metadata { writer.set(key, value) }
            writer.set(GGUFKey.name, .string(planted + name))
            if case let .array(type, names)? = file.metadata.first(where: { $0.key == GGUFKey.Image.classNames })?.value {
                writer.set(GGUFKey.Image.classNames, .array(type, names.map { .string(planted + ($0.string ?? "")) }))
            }
            writer.tensors = file.tensors.map { GGUFWriter.Tensor(name: $0.name, type: $0.type, shape: $0.shape, data: Array(file.data(of: $0))) }
            try! writer.write(to: folder + "/" + name)
        }
        return folder
    }()

    /// What is left of `text` once genplay's own colour sequences (SGR) are taken out: it must
    /// hold no ESC, no other C0 control but newline and tab, no C1 control and no bidi control.
    static func rawControls(_ text: String) -> [String] {
        let withoutColours = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        return withoutColours.unicodeScalars.filter { scalar in
            let value = scalar.value
            return (value < 0x20 && scalar != "\n" && scalar != "\t") || value == 0x7F || (0x80 ... 0x9F).contains(value)
                || (0x202A ... 0x202E).contains(value) || (0x2066 ... 0x2069).contains(value)
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test(arguments: [
        ["sample", "gan", "--count", "2", "--no-preview"],
        ["sample", "gan", "--count", "2", "--mode", "color16"],
        ["sample", "ddim", "--count", "1", "--steps", "2", "--class", "1"],
        ["sample", "vae2d", "--count", "2"],
        ["bench-image", "--runs", "1", "--sample-runs", "1", "--steps", "1"],
        ["eval", "images", "--model", "gan", "--count", "20"],
        ["eval", "images", "--model", "vae", "--count", "20"],
        ["info", "--no-tensors"],
    ])
    func nothingRawReachesTheOutput(arguments: [String]) throws {
        let out = Genplay.scratch("hostile-samples")
        let command = arguments == ["info", "--no-tensors"] ? arguments + [Self.folder + "/" + ImageCheckpoints.gan]
            : arguments + ["--checkpoints", Self.folder] + (arguments[0] == "sample" ? ["--out", out] : [])
        for stdout in [ChildProcess.Stdout.file, .terminal] {
            let result = try Genplay.run(command, stdout: stdout)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(Self.rawControls(result.stdout).isEmpty, "\(command) stdout: \(Self.rawControls(result.stdout))")
            #expect(Self.rawControls(result.stderr).isEmpty, "\(command) stderr: \(Self.rawControls(result.stderr))")
            // The planted text shows, as placeholders, where a name is printed.
            let printsNames = ["info", "bench-image", "eval"].contains(arguments[0]) || arguments.contains("--class")
            #expect(!printsNames || (result.stdout + result.stderr).contains("␛"), "\(command) printed no name")
        }
    }
}
