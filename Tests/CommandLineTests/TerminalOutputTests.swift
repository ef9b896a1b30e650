import Engine
import Foundation
import Testing
import TestSupport

/// Text from a model or a file never reaches a terminal raw: `genplay run` on a model made to
/// say escape sequences, control characters and bidi overrides prints them as visible
/// placeholders on a terminal, and when piped unless `--raw` asks for the bytes. File names
/// and metadata shown by `info` and in error lines are escaped the same way.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct TerminalOutputTests {
    /// What the model says, one token each: CSI colour, OSC title (ended by BEL), a bare BEL,
    /// NUL, the 8-bit CSI (C1), a right-to-left override, a carriage return and backspaces.
    static let pieces = ["\u{1B}[31mred", "\u{1B}]0;pwned\u{07}", "\u{07}", "\u{0}", "\u{9B}2J", "\u{202E}evil", "\r", "\u{8}\u{8}"]
    static let escaped = "␛[31mred␛]0;pwned␇␇␀␛[2J⟨RLO⟩evil␍␈␈"

    static let hostileModel: String = {
        let path = Genplay.scratch("hostile.gguf")
        try! TinyLlama.scripted(pieces).write(to: path)
        return path
    }()

    static func run(_ extra: [String], stdout: ChildProcess.Stdout) throws -> ProcessResult {
        try Genplay.run(["run", "-m", hostileModel, "-p", "x", "-n", "\(pieces.count)", "--temp", "0", "-t", "1"] + extra, stdout: stdout)
    }

    @Test func runEscapesModelTextOnATerminal() throws {
        let result = try Self.run([], stdout: .terminal)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.escaped + "\n")
    }

    @Test func runEscapesOnATerminalEvenWithRaw() throws {
        let result = try Self.run(["--raw"], stdout: .terminal)
        #expect(result.stdout == Self.escaped + "\n")
    }

    @Test func runEscapesWhenPipedUnlessAskedForRaw() throws {
        #expect(try Self.run([], stdout: .file).stdout == Self.escaped + "\n")
        #expect(try Self.run(["--raw"], stdout: .file).stdout == Self.pieces.joined() + "\n")
    }

    /// A file name with an OSC sequence and a newline, in `info`'s output on a terminal and in
    /// an error line (always one line).
    @Test func fileNamesAreEscaped() throws {
        let name = Genplay.scratch("evil\u{1B}]0;x\u{07}\nname.gguf")
        try FileManager.default.copyItem(atPath: Self.hostileModel, toPath: name)
        let info = try Genplay.run(["info", "--no-tensors", name], stdout: .terminal)
        #expect(info.status == 0)
        #expect(info.stdout.contains("evil␛]0;x␇␊name.gguf"))
        #expect(!info.stdout.contains("\u{1B}") && !info.stdout.contains("\u{07}"))

        let broken = Genplay.scratch("bad\u{1B}[2J\u{9B}31m.gguf")
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: broken))
        let run = try Genplay.run(["run", "-m", broken, "-p", "x"])
        #expect(run.status == 1)
        #expect(run.stderr == "genplay: \(broken.replacingOccurrences(of: "bad\u{1B}[2J\u{9B}31m", with: "bad␛[2J␛[31m")) is not a GGUF file (magic bytes are not 'GGUF')\n")
    }

    /// Metadata strings (a model's name, its tokens) are escaped by `info` and `tokenize`, on a
    /// terminal and through a pipe.
    @Test func metadataIsEscaped() throws {
        var writer = TinyLlama.writer(layers: 1)
        writer.set(GGUFKey.name, .string("\u{1B}]52;c;ZXZpbA==\u{07}clipboard"))
        let path = Genplay.scratch("named.gguf")
        try writer.write(to: path)
        let info = try Genplay.run(["info", "--no-tensors", "--full", path], stdout: .terminal)
        #expect(info.stdout.contains("␛]52;c;ZXZpbA==␇clipboard"))
        #expect(!info.stdout.contains("\u{1B}"))
        for stdout in [ChildProcess.Stdout.terminal, .file] {
            let tokens = try Genplay.run(["tokenize", "-m", Self.hostileModel, "\u{1B}[31m"], stdout: stdout)
            #expect(tokens.stdout.contains("-> '␛'") && !tokens.stdout.contains("\u{1B}"), "\(stdout)")
        }
    }
}
