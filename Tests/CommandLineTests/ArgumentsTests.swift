import Testing
@testable import genplay

/// Parsing of one subcommand's arguments, in process.
@Suite struct ArgumentsTests {
    static let specs = [OptionSpec("--stop", value: "TEXT", help: ""), OptionSpec("-p", "--prompt", value: "TEXT", help: ""),
                        OptionSpec("--chat", help: "")]

    static func parse(_ arguments: [String]) throws -> Arguments { try Arguments(arguments[...], options: specs) }

    @Test func aRepeatableOptionKeepsEveryValueInOrder() throws {
        let args = try Self.parse(["--stop", "User:", "-p", "hi", "--stop=\\n\\n", "--chat", "--stop", "###"])
        #expect(args.strings("--stop") == ["User:", "\\n\\n", "###"])
        #expect(args.string("--stop") == "###")  // the single-value accessor keeps the last
        #expect(args.strings("-p") == ["hi"])
        #expect(args.strings("--prompt") == ["hi"])  // by any of its names
        #expect(args.flag("--chat"))
    }

    @Test func anOptionNotGivenHasNoValues() throws {
        let args = try Self.parse(["-p", "hi"])
        #expect(args.strings("--stop") == [])
        #expect(args.string("--stop") == nil)
    }

    @Test func valuesMayBeEmptyOrLookLikeText() throws {
        let args = try Self.parse(["--stop", "", "--stop=", "--stop", "a b", "--prompt", "-"])
        #expect(args.strings("--stop") == ["", "", "a b"])
        #expect(args.string("-p") == "-")
    }

    @Test func aMissingValueIsAUsageError() {
        #expect(throws: UsageError.self) { try Self.parse(["--stop"]) }
        #expect(throws: UsageError.self) { try Self.parse(["--stop", "--chat"]) }
    }
}
