import Foundation

/// A command-line mistake: printed as one line, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// One option a command accepts.
struct OptionSpec: Sendable {
    let names: [String]
    /// Placeholder shown in help; nil for a flag without a value.
    let value: String?
    let help: String

    init(_ names: String..., value: String? = nil, help: String) {
        self.names = names
        self.value = value
        self.help = help
    }
}

/// Parsed arguments of one subcommand: `--name value`, `--name=value`, flags, positionals,
/// and `--` to end options. Typed accessors turn bad values into `UsageError`s naming the option.
/// An option given twice keeps its last value, except where `strings` reads them all.
struct Arguments {
    /// Each option's values, in the order given.
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private let specs: [OptionSpec]

    init(_ args: ArraySlice<String>, options specs: [OptionSpec]) throws {
        self.specs = specs
        var i = args.startIndex
        var optionsEnded = false
        while i < args.endIndex {
            let arg = args[i]
            i += 1
            if optionsEnded || !arg.hasPrefix("-") || arg == "-" || Double(arg) != nil {
                positionals.append(arg)
                continue
            }
            if arg == "--" { optionsEnded = true; continue }
            let (name, inline) = Self.split(arg)
            guard let spec = specs.first(where: { $0.names.contains(name) }) else {
                throw UsageError("unknown option '\(name)' (see --help)")
            }
            let key = spec.names[0]
            if spec.value == nil {
                guard inline == nil else { throw UsageError("option \(name) takes no value") }
                flags.insert(key)
            } else if let inline {
                values[key, default: []].append(inline)
            } else {
                // `-m -p hi`: the option's value is missing, not "-p".
                guard i < args.endIndex, !specs.contains(where: { $0.names.contains(args[i]) }) else {
                    throw UsageError("option \(name) needs a value (\(spec.value!))")
                }
                values[key, default: []].append(args[i])
                i += 1
            }
        }
    }

    private static func split(_ arg: String) -> (String, String?) {
        guard arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") else { return (arg, nil) }
        return (String(arg[..<eq]), String(arg[arg.index(after: eq)...]))
    }

    private func key(_ name: String) -> String {
        specs.first { $0.names.contains(name) }?.names[0] ?? name
    }

    /// For commands that take options only.
    func requireNoPositionals() throws {
        if let first = positionals.first { throw UsageError("unexpected argument '\(first)'") }
    }

    func flag(_ name: String) -> Bool { flags.contains(key(name)) }

    func string(_ name: String) -> String? { values[key(name)]?.last }

    /// Every value of a repeatable option (`--stop A --stop B`), in order.
    func strings(_ name: String) -> [String] { values[key(name)] ?? [] }

    func int(_ name: String, default fallback: Int, range: ClosedRange<Int>? = nil) throws -> Int {
        guard let raw = string(name) else { return fallback }
        guard let value = Int(raw) else { throw UsageError("\(name): expected a whole number, got '\(raw)'") }
        if let range, !range.contains(value) {
            throw UsageError(range.upperBound == .max ? "\(name): expected \(range.lowerBound) or more, got \(value)"
                                                      : "\(name): \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func float(_ name: String, default fallback: Float, range: ClosedRange<Float>? = nil) throws -> Float {
        guard let raw = string(name) else { return fallback }
        guard let value = Float(raw), value.isFinite else { throw UsageError("\(name): expected a number, got '\(raw)'") }
        if let range, !range.contains(value) {
            throw UsageError("\(name): \(raw) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func uint64(_ name: String, default fallback: UInt64) throws -> UInt64 {
        guard let raw = string(name) else { return fallback }
        guard let value = UInt64(raw) else { throw UsageError("\(name): expected a non-negative whole number, got '\(raw)'") }
        return value
    }

    /// One of an enumeration's cases, named by its raw value in any case (`--mode halfblocks`).
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, default fallback: Choice) throws -> Choice where Choice.RawValue == String {
        guard let raw = string(name) else { return fallback }
        guard let value = Choice.allCases.first(where: { $0.rawValue.lowercased() == raw.lowercased() }) else {
            throw UsageError("\(name): expected \(Choice.allCases.map { $0.rawValue.lowercased() }.joined(separator: "|")), got '\(raw)'")
        }
        return value
    }

    /// Help text for the options, aligned.
    static func help(_ specs: [OptionSpec]) -> String {
        let left = specs.map { s in s.names.joined(separator: ", ") + (s.value.map { " " + $0 } ?? "") }
        let width = (left.map(\.count).max() ?? 0) + 2
        return zip(left, specs).map { l, s in "  " + l.padding(toLength: width, withPad: " ", startingAt: 0) + s.help }
            .joined(separator: "\n")
    }
}
