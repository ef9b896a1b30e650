import Engine
import Foundation

/// Headless subcommands; with none, genplay opens the terminal app.
func allCommands() -> [Command] {
    [RunCommand.command, TokenizeCommand.command, InfoCommand.command, PullCommand.command, BenchCommand.command]
}

/// Development tools, not in the help.
func hiddenCommands() -> [Command] {
    [SaveLoopCommand.command]
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
        do {
            return try AppCommand.run(Arguments(argv.dropFirst(), options: AppCommand.options))
        } catch let error as UsageError {
            Console.error("\(error)")
            return 2
        } catch {
            Console.error("\(error)")
            return 1
        }
    }
    guard let command = (commands + hiddenCommands()).first(where: { $0.name == argv[1] }) else {
        Console.error("unknown command '\(argv[1])' (commands: \(commands.map(\.name).joined(separator: ", ")))")
        return 2
    }
    if argv.dropFirst(2).contains(where: { $0 == "-h" || $0 == "--help" }) {
        Console.write(command.helpText + "\n")
        return 0
    }
    do {
        return try command.run(Arguments(argv.dropFirst(2), options: command.options))
    } catch let error as UsageError {
        Console.error("\(command.name): \(error)")
        return 2
    } catch {
        Console.error("\(error)")
        return 1
    }
}

exit(main())
