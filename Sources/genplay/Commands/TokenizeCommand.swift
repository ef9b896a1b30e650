import Engine
import Foundation

enum TokenizeCommand {
    static let name = "tokenize"
    static let summary = "Print the token ids and pieces of a text (like llama-tokenize). Accepts vocabulary-only GGUF files."
    static let usage = "tokenize [-m MODEL] (TEXT | --file FILE) [--ids] [--special] [--no-bos]"
    static let options: [OptionSpec] = [
        OptionSpec("-m", "--model", value: "MODEL", help: "GGUF file or known name (default \(ModelCatalog.defaultChatModel))"),
        OptionSpec("-f", "--file", value: "FILE", help: "tokenize a UTF-8 file"),
        OptionSpec("--ids", help: "print only the ids, as a list"),
        OptionSpec("--special", help: "recognise special tokens such as <|im_start|> in the text"),
        OptionSpec("--no-bos", help: "do not add BOS/EOS even when the vocabulary asks for them"),
        OptionSpec("--count", help: "print only the number of tokens"),
    ]
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        let text: String
        switch (args.positionals.count, args.string("-f")) {
        case (1, nil): text = args.positionals[0]
        case (0, let path?): text = try readUTF8File(path)
        case (0, nil): throw UsageError("give the text to tokenize, or --file FILE")
        default: throw UsageError("give one text argument or --file, not both")
        }
        let path = try modelPath(args.string("-m"))
        let tokenizer = try loadTokenizer(from: GGUFFile(path: path))
        let ids = tokenizer.encode(text, addSpecial: !args.flag("--no-bos"), parseSpecial: args.flag("--special"))
        var out = ""
        if args.flag("--count") {
            out = "\(ids.count)\n"
        } else if args.flag("--ids") {
            out = "[" + ids.map(String.init).joined(separator: ", ") + "]\n"
        } else {
            let width = ids.map { String($0).count }.max() ?? 1
            for id in ids {
                let number = String(id)
                out += String(repeating: " ", count: width - number.count) + number + " -> '" + tokenizer.piece(id) + "'\n"
            }
        }
        Console.write(out)
        return 0
    }
}
