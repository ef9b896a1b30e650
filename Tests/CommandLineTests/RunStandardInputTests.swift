import Foundation
import Testing

/// `genplay run` reads the prompt from standard input with `-f -`, and with neither -p nor -f
/// when standard input is not a terminal; a terminal with no prompt is still a usage error.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct RunStandardInputTests {
    static let prompt = "Once upon a time, in a café"

    static func run(_ extra: [String], stdin: ChildProcess.Stdin) throws -> ProcessResult {
        try Genplay.run(["run", "-m", Genplay.tinyModel, "-n", "8", "--temp", "0", "-t", "1"] + extra, stdin: stdin)
    }

    /// "prompt: N tokens" from the status line: the same prompt gives the same count.
    static func promptTokens(_ result: ProcessResult) -> String? {
        (result.stderr.firstMatch(of: /prompt: \d+ tokens/)?.output).map(String.init)
    }

    static let fromFlag = Result(catching: { try run(["-p", prompt], stdin: .null) })

    @Test(arguments: [[], ["-f", "-"], ["--file=-"]])
    func thePromptComesFromStandardInput(_ flags: [String]) throws {
        let expected = try Self.fromFlag.get()
        let result = try Self.run(flags, stdin: .bytes(Array(Self.prompt.utf8)))
        #expect(result.status == 0, "\(flags): \(result.stderr)")
        #expect(result.stdout == expected.stdout, "\(flags)")
        #expect(Self.promptTokens(result) != nil)
        #expect(Self.promptTokens(result) == Self.promptTokens(expected), "\(flags)")
    }

    @Test(arguments: [[], ["-f", "-"]])
    func invalidUTF8NamesTheFirstBadByte(_ flags: [String]) throws {
        let result = try Self.run(flags, stdin: .bytes(Array("caf".utf8) + [0xE9, 0x21]))
        #expect(result.status == 2)
        #expect(result.stderr == "genplay: run: standard input is not UTF-8 text (invalid byte at offset 3)\n", "\(flags)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aTerminalWithNoPromptIsAUsageError() throws {
        let result = try Self.run([], stdin: .terminal)
        #expect(result.status == 2)
        #expect(result.stderr == "genplay: run: give a prompt with -p TEXT or -f FILE\n")
    }
}
