import CNcurses
import Engine
import Foundation

/// genplay's release version: `genplay --version` prints it.
let genplayVersion = "0.1.0"

/// Headless subcommands; with none, genplay opens the terminal app.
func allCommands() -> [Command] {
    [RunCommand.command, TokenizeCommand.command, TemplateCommand.command, InfoCommand.command, PullCommand.command, ServeCommand.command, BenchCommand.command,
     SampleCommand.command, ReplayCommand.command, EvalCommand.command, EvalTextCommand.command, BenchImageCommand.command]
}

/// Development tools, not in the help.
func hiddenCommands() -> [Command] {
    [SaveLoopCommand.command, SoakCommand.command]
}

func printHelp(_ commands: [Command]) {
    var text = "genplay: a terminal chat and generative-model playground\n\nusage:\n  \(AppCommand.usage)   open the terminal app\n"
    for command in commands { text += "  genplay \(command.usage)\n" }
    text += "  genplay --version   print the version\n"
    text += "\napp options:\n" + Arguments.help(AppCommand.options)
    text += "\n\nRun `genplay COMMAND --help` for a command's options.\n"
    Console.write(text)
}

func main() -> Int32 {
    let argv = CommandLine.arguments
    let commands = allCommands()
    if argv.count > 1, argv[1] == "-h" || argv[1] == "--help" || argv[1] == "help" { printHelp(commands); return 0 }
    if argv.count > 1, argv[1] == "--version" { Console.write("genplay \(genplayVersion)\n"); return 0 }
    if argv.count == 1 || argv[1].hasPrefix("-") {
        return run(AppCommand.run, arguments: argv.dropFirst(), options: AppCommand.options, context: nil)
    }
    // A two-word command (`eval text`) goes before the one-word command it extends (`eval`).
    let all = commands + hiddenCommands()
    let twoWords = argv.count > 2 ? argv[1] + " " + argv[2] : nil
    let named = all.first { $0.name == twoWords }
    guard let command = named ?? all.first(where: { $0.name == argv[1] }) else {
        let names = commands.map(\.name).filter { !$0.contains(" ") }
        Console.error("unknown command '\(argv[1])' (commands: \(names.joined(separator: ", ")))")
        return 2
    }
    let arguments = argv.dropFirst(named == nil ? 2 : 3)
    if arguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
        Console.write(command.helpText + "\n")
        return 0
    }
    // The app installs its own signal handlers (terminal restore first); headless commands
    // only need a model file cut short under them reported plainly.
    gp_install_mapped_file_fault_handler()
    return run(command.run, arguments: arguments, options: command.options, context: command.name)
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
