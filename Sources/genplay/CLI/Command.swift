/// A headless subcommand: its name, help and entry point.
struct Command: Sendable {
    let name: String
    let usage: String
    let summary: String
    let options: [OptionSpec]
    /// Runs with the parsed arguments; returns the exit status.
    let run: @Sendable (Arguments) throws -> Int32

    var helpText: String {
        "usage: genplay \(usage)\n\n\(summary)\n\noptions:\n" + Arguments.help(options + [OptionSpec("-h", "--help", help: "show this help")])
    }
}
