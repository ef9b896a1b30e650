import Engine
import Foundation

/// Headless subcommands; with none, genplay opens the terminal app.
func allCommands() -> [Command] {
    [RunCommand.command, TokenizeCommand.command, InfoCommand.command, PullCommand.command, BenchCommand.command,
     SampleCommand.command, EvalCommand.command, BenchImageCommand.command]
}

/// Development tools, not in the help.
func hiddenCommands() -> [Command] {
    [SaveLoopCommand.command, SoakCommand.command]
}

func printHelp(_ commands: [Command]) {
    var text = "genplay: a terminal chat and generative-model playground\n\nusage:\n  \(AppCommand.usage)   open the terminal app\n"
    for command in commands { text += "  genplay \(command.usage)\n" }
    text += "\napp options:\n" + Arguments.help(AppCommand.options)
    text += "\n\nRun `genplay COMMAND --help` for a command's options.\n"
    Console.write(text)
}

func main() -> Int32 {
    let argv = CommandLine.arguments
    let commands = allCommands()
    if argv.count > 1, argv[1] == "-h" || argv[1] == "--help" || argv[1] == "help" { printHelp(commands); return 0 }
    if argv.count == 1 || argv[1].hasPrefix("-") {
        return run(AppCommand.run, arguments: argv.dropFirst(), options: AppCommand.options, context: nil)
    }
    guard let command = (commands + hiddenCommands()).first(where: { $0.name == argv[1] }) else {
        Console.error("unknown command '\(argv[1])' (commands: \(commands.map(\.name).joined(separator: ", ")))")
        return 2
    }
    if argv.dropFirst(2).contains(where: { $0 == "-h" || $0 == "--help" }) {
        Console.write(command.helpText + "\n")
        return 0
    }
    return run(command.run, arguments: argv.dropFirst(2), options: command.options, context: command.name)
}

/// Runs a command: a usage mistake is one line and status 2, any other error one line and 1.
func run(_ body: (Arguments) throws -> Int32, arguments: ArraySlice<String>, options: [OptionSpec], context: String?) -> Int32 {
    do {
        return try body(Arguments(arguments, options: options))
    } catch let error as UsageError {
        Console.error((context.map { "\($0): " } ?? "") + "\(error)")
        return 2
    } catch {
        Console.error("\(error)")
        return 1
    }
}

exit(main())
