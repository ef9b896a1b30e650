import Foundation
import Testing
import TestSupport

/// `genplay run --stop TEXT`: the output ends before the first stop string, which is never
/// printed, and the status line says why it stopped.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct RunStopStringTests {
    /// Greedy, this model says these pieces (one token each) in a loop.
    static let pieces = ["Hello", " there", ",", " Us", "er", ":", " bye", "\n", "\u{1B}[2J"]

    static let model: String = {
        let path = Genplay.scratch("stop-strings.gguf")
        try! TinyLlama.scripted(pieces).write(to: path)
        return path
    }()

    static func run(_ extra: [String], tokens: Int = 20) throws -> ProcessResult {
        try Genplay.run(["run", "-m", model, "-p", "x", "-n", "\(tokens)", "--temp", "0", "-t", "1"] + extra)
    }

    static func status(_ result: ProcessResult) -> Substring { result.stderrLines.last ?? "" }

    @Test func aStopStringEndsTheOutputBeforeIt() throws {
        let result = try Self.run(["--stop", "User:"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Hello there, \n")  // " Us" is cut to " "; "er" and ":" are not printed
        #expect(Self.status(result).contains("| generation: 6 tokens, "))
        #expect(Self.status(result).hasSuffix(" | stopped: stop string"))
    }

    @Test func theFirstOfSeveralStopStringsWinsAndEscapesAreDecoded() throws {
        let result = try Self.run(["--stop", "bye", "--stop", "\\n", "--stop", ","])
        #expect(result.stdout == "Hello there\n")
        #expect(Self.status(result).hasSuffix("stopped: stop string"))
        // `\n` is a newline: the output is the first line.
        #expect(try Self.run(["--stop", "\\n"]).stdout == "Hello there, User: bye\n")
    }

    /// Held text that never completes a stop string is printed at the end, escaped as ever.
    @Test func heldTextIsFlushedWhenTheLimitComes() throws {
        let result = try Self.run(["--stop", " User!"], tokens: 4)
        #expect(result.stdout == "Hello there, Us\n")
        #expect(Self.status(result).hasSuffix("stopped: length limit"))
        let escaped = try Self.run(["--stop", "\u{1B}[2J!"], tokens: 9)
        #expect(escaped.stdout == "Hello there, User: bye\n␛[2J\n")
    }

    @Test func withoutStopStringsTheOutputIsWhole() throws {
        let result = try Self.run([], tokens: 7)
        #expect(result.stdout == "Hello there, User: bye\n")
        #expect(Self.status(result).hasSuffix("stopped: length limit"))
    }

    @Test func anEmptyStopStringIsAUsageError() throws {
        let result = try Self.run(["--stop", ""])
        #expect(result.status == 2)
        #expect(result.stderr == "genplay: run: --stop: a stop string cannot be empty\n")
    }
}
