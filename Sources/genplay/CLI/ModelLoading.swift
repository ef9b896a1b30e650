import Engine
import Foundation

/// The model, its tokenizer and the file they come from, as the headless commands load them.
struct LoadedLanguageModel {
    let path: String
    let file: GGUFFile
    let model: LanguageModel
    let tokenizer: any Tokenizer
    let loadSeconds: Double

    static let options: [OptionSpec] = [
        OptionSpec("-m", "--model", value: "MODEL", help: "GGUF file or known name (default \(ModelCatalog.defaultChatModel))"),
        OptionSpec("-c", "--ctx-size", value: "N", help: "context length (default 2048, capped by the model)"),
        OptionSpec("-t", "--threads", value: "N", help: "threads (default 2)"),
    ]

    init(_ args: Arguments) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        path = try ModelCatalog.resolve(args.string("-m") ?? ModelCatalog.defaultChatModel)
        let options = ModelOptions(contextLength: try args.int("-c", default: 2048, range: 1 ... 1 << 20),
                                   threads: try args.int("-t", default: ModelOptions().threads, range: 1 ... 256))
        let bundle = try LanguageModelBundle(path: path, options: options)
        (file, tokenizer, model) = (bundle.file, bundle.tokenizer, bundle.model)
        loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// Reads a text file that must be UTF-8.
func readUTF8File(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw UsageError("cannot read '\(path)'")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
        throw UsageError("'\(path)' is not valid UTF-8 text")
    }
    return text
}
