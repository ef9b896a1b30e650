import Engine
import Foundation
import Render

enum InfoCommand {
    static let name = "info"
    static let summary = "Print a GGUF file's metadata and tensor table (like gguf-dump)."
    static let usage = "info [options] MODEL.gguf|NAME"
    static let options: [OptionSpec] = [
        OptionSpec("--no-tensors", help: "omit the tensor table"),
        OptionSpec("--full", help: "print long strings and arrays in full"),
    ]

    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected one model file or name") }
        let path = try modelPath(args.positionals[0])
        let file = try GGUFFile(path: path)
        let full = args.flag("--full")
        var out = ""
        out += "file: \(field(path)) (\(Console.formatBytes(file.file.bytes.count)))\n"
        out += "GGUF v\(file.version), \(file.metadata.count) metadata keys, \(file.tensors.count) tensors, alignment \(file.alignment), data at byte \(file.dataOffset)\n"
        out += summary(file)
        out += "\nmetadata:\n"
        let keyWidth = min(48, file.metadata.map { field($0.key).count }.max() ?? 0)
        for (key, value) in file.metadata {
            let shown = field(full ? fullDescription(value) : value.description)
            out += "  " + field(key).padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "  "
                + value.typeName.padding(toLength: 14, withPad: " ", startingAt: 0) + shown + "\n"
        }
        if !args.flag("--no-tensors") {
            out += "\ntensors:\n"
            let nameWidth = file.tensors.map { field($0.name).count }.max() ?? 0
            out += "  " + "#".padding(toLength: 6, withPad: " ", startingAt: 0) + "name".padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                + "type    " + "shape".padding(toLength: 22, withPad: " ", startingAt: 0) + "bytes\n"
            for (i, t) in file.tensors.enumerated() {
                out += "  " + "\(i)".padding(toLength: 6, withPad: " ", startingAt: 0)
                    + field(t.name).padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                    + t.type.name.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + t.shape.map(String.init).joined(separator: " × ").padding(toLength: 22, withPad: " ", startingAt: 0)
                    + "\(t.byteCount)\n"
            }
        }
        Console.write(out)
        return 0
    }

    /// Text from the file (its path too) on one line of the listing, piped or not: control
    /// characters, newlines included, and bidi overrides as placeholders.
    private static func field(_ text: String) -> String { TerminalSafety.sanitize(text) }

    /// The facts a user looks for first.
    private static func summary(_ file: GGUFFile) -> String {
        let arch = (try? file.string(GGUFKey.architecture)) ?? nil
        var lines: [String] = []
        lines.append("architecture: \(arch ?? "(none)")" + ((try? file.string(GGUFKey.name)).flatMap { $0.map { ", name: \($0)" } } ?? ""))
        let parameters = file.tensors.reduce(0) { $0 + $1.elementCount }
        var types: [String: Int] = [:]
        for t in file.tensors { types[t.type.name, default: 0] += 1 }
        lines.append("parameters: \(formatCount(parameters)), tensor types: " + types.sorted { $0.value > $1.value }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))
        if let arch {
            let facts: [(String, GGUFKey.Arch)] = [("context", .contextLength), ("embedding", .embeddingLength), ("layers", .blockCount),
                                                   ("heads", .headCount), ("kv heads", .headCountKV), ("feed-forward", .feedForwardLength)]
            let known = facts.compactMap { label, key in file[GGUFKey.arch(arch, key)]?.integer.map { "\(label) \($0)" } }
            if !known.isEmpty { lines.append("sizes: " + known.joined(separator: ", ")) }
        }
        let model = (try? file.string(GGUFKey.tokenizerModel)) ?? nil
        let pre = (try? file.string(GGUFKey.tokenizerPre)) ?? nil
        let vocab = file[GGUFKey.tokens]?.array?.count
        lines.append("tokenizer: " + (model.map { "\($0)" + (pre.map { " (pre: \($0))" } ?? "") + (vocab.map { ", \($0) tokens" } ?? "") } ?? "(none)"))
        let template = (try? file.string(GGUFKey.chatTemplate)) ?? nil
        lines.append("chat template: " + (template.map { "present (\($0.count) characters)" } ?? "absent"))
        if let tokenizer = try? loadTokenizer(from: file) {
            do {
                let choice = try ChatFormats.choose(template: template, tokenizer: tokenizer)
                lines.append("chats in: \(choice.format.name)" + (choice.warning.map { " (\($0))" } ?? ""))
            } catch {
                lines.append("chats in: nothing (\(error))")
            }
        }
        return lines.map(field).joined(separator: "\n") + "\n"
    }

    private static func fullDescription(_ value: GGUFValue) -> String {
        switch value {
        case let .string(s): return "\"" + s + "\""
        case let .array(_, items): return "[" + items.map(fullDescription).joined(separator: ", ") + "]"
        default: return value.description
        }
    }

    private static func formatCount(_ n: Int) -> String {
        n >= 1_000_000_000 ? String(format: "%.2fB", Double(n) / 1e9) : n >= 1_000_000 ? String(format: "%.1fM", Double(n) / 1e6) : "\(n)"
    }
}
