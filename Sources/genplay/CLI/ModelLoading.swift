import Engine
import Foundation

/// The model, its tokenizer and the file they come from, as the headless commands load them.
struct LoadedLanguageModel {
    let path: String
    let file: GGUFFile
    let model: LanguageModel
    let tokenizer: any Tokenizer
    let loadSeconds: Double

    static let modelOption = OptionSpec("-m", "--model", value: "MODEL", help: "GGUF file or known name (default \(ModelCatalog.defaultChatModel))")
    static let threadsOption = OptionSpec("-t", "--threads", value: "N", help: "threads (default 2)")
    static let options: [OptionSpec] = [
        modelOption, OptionSpec("-c", "--ctx-size", value: "N", help: "context length (default 2048, capped by the model)"), threadsOption,
    ]

    static let chatTemplateOption = OptionSpec("--chat-template", value: "FILE",
                                               help: "a Jinja chat template to chat with instead of the model's own")

    /// The `--chat-template` file's text, checked to parse before any model is loaded (a
    /// mistake in it is the user's to fix, not a reason to fall back to a built-in format).
    static func chatTemplate(_ args: Arguments) throws -> String? {
        guard let path = args.string("--chat-template") else { return nil }
        let text = try readUTF8File(path)
        do { _ = try JinjaTemplate(text) } catch { throw UsageError("\(path): \(error)") }
        return text
    }

    /// The chat format: `override`'s (`chatTemplate(args)`), else the model's own; a warning on
    /// stderr when the model's template cannot be used.
    func chatFormat(override: String?) throws -> any ChatFormat {
        let choice = try ChatFormats.choose(file: file, tokenizer: tokenizer, override: override)
        if let warning = choice.warning { Console.status("warning: \(warning)\n") }
        return choice.format
    }

    /// `batch`: tokens per forward pass, when the command sets it (`eval text -b`).
    init(_ args: Arguments, defaultContext: Int = 2048, batch: Int? = nil) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        // Every value is checked before anything is read from disk.
        var options = ModelOptions(contextLength: try args.int("-c", default: defaultContext, range: 1 ... 1 << 20),
                                   threads: try args.int("-t", default: ModelOptions().threads, range: 1 ... 256))
        if let batch { options.batchSize = batch }
        path = try modelPath(args.string("-m"))
        let bundle = try LanguageModelBundle(path: path, options: options)
        (file, tokenizer, model) = (bundle.file, bundle.tokenizer, bundle.model)
        loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// The file `-m` (or `info`'s argument) names: a known model (which must have been pulled) or
/// a path. A bare word that is neither is a mistyped name, a usage error; a path that cannot
/// be opened is reported when it is opened.
func modelPath(_ nameOrPath: String?) throws -> String {
    let name = nameOrPath ?? ModelCatalog.defaultChatModel
    let looksLikePath = name.contains("/") || name.hasSuffix(".gguf")
    guard ModelCatalog.named(name) != nil || looksLikePath || FileManager.default.fileExists(atPath: name) else {
        throw UsageError(PullError.unknownModel(name).description + "; or give a path to a .gguf file")
    }
    return try ModelCatalog.resolve(name)
}

/// Reads a text file that must be UTF-8.
func readUTF8File(_ path: String) throws -> String {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw UsageError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
    close(descriptor)
    guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read '\(path)'") }
    return try utf8Text(data, from: "'\(path)'")
}

/// Reads standard input to its end; it must be UTF-8.
func readUTF8StandardInput() throws -> String {
    try utf8Text(FileHandle.standardInput.readDataToEndOfFile(), from: "standard input")
}

/// `data` as text, or an error naming `source` and the first bad byte.
private func utf8Text(_ data: Data, from source: String) throws -> String {
    guard let text = String(validating: data, as: UTF8.self) else {
        throw UsageError("\(source) is not UTF-8 text (invalid byte at offset \(firstInvalidUTF8(data)))")
    }
    return text
}

/// Where the first byte that is not part of a valid UTF-8 sequence is.
private func firstInvalidUTF8(_ data: Data) -> Int {
    var parser = Unicode.UTF8.ForwardParser()
    var bytes = data.makeIterator()
    var offset = 0
    while case let .valid(scalar) = parser.parseScalar(from: &bytes) { offset += scalar.count }
    return offset
}
