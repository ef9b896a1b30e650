/// A command reachable from one or more keys, with the line the help overlay shows for it.
/// Screens keep their bindings in one table, look commands up in it, and the help overlay
/// lists the same table, so no key goes undocumented.
public struct KeyBinding<Command: Sendable>: Sendable {
    public let keys: [Key]
    public let command: Command
    public let help: String

    public init(_ keys: [Key], _ command: Command, _ help: String) {
        self.keys = keys
        self.command = command
        self.help = help
    }

    /// "Alt-Enter / Ctrl-J"
    public var keyLabel: String { keys.map(\.description).joined(separator: " / ") }
}

extension Array {
    /// The command bound to `key`, if any.
    public func command<Command>(for key: Key) -> Command? where Element == KeyBinding<Command> {
        first { $0.keys.contains(key) }?.command
    }

    /// The bindings as help rows.
    public func helpRows<Command>() -> [HelpRow] where Element == KeyBinding<Command> {
        map { HelpRow(keys: $0.keyLabel, action: $0.help) }
    }
}

/// One line of the help overlay.
public struct HelpRow: Equatable, Sendable {
    public let keys: String
    public let action: String

    public init(keys: String, action: String) {
        self.keys = keys
        self.action = action
    }
}

/// A titled group of help rows (one per screen or panel).
public struct HelpSection: Equatable, Sendable {
    public let title: String
    public let rows: [HelpRow]

    public init(_ title: String, _ rows: [HelpRow]) {
        self.title = title
        self.rows = rows
    }
}
