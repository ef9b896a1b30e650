import Foundation
import TUI

/// Development tool (hidden): saves a chat that grows by one message per save, again and again,
/// through the app's ChatStore. CommandLineTests kills it with SIGKILL at random moments and
/// checks that the file on disk is always a whole version, old or new.
enum SaveLoopCommand {
    static let name = "save-loop"
    static let usage = "save-loop DIR [--count N]"
    static let summary = "Development: save a growing chat to DIR over and over (for kill -9 tests)."
    static let options: [OptionSpec] = [OptionSpec("--count", value: "N", help: "stop after N saves (default: never)")]
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)
    static let chatID = "save-loop"

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected one folder") }
        let count = try args.int("--count", default: Int.max, range: 1 ... Int.max)
        let store = ChatStore(directory: URL(fileURLWithPath: args.positionals[0]))
        var conversation = (try? store.load(id: chatID)) ?? Conversation(id: chatID, createdAt: 0)
        for _ in 0 ..< count {
            let index = conversation.messages.count
            conversation.messages.append(ChatMessage(id: index, role: index % 2 == 0 ? .user : .assistant, text: text(index)))
            try store.save(conversation)
        }
        return 0
    }

    /// Message `index`, saying how long it is so a reader can tell it is whole: 1 to 8 KB.
    static func text(_ index: Int) -> String {
        let body = String(repeating: "\(index % 10)", count: 1024 * (index % 8 + 1))
        return "message \(index), \(body.count) digits: \(body)"
    }
}
