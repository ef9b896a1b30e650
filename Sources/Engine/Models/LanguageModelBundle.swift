import Foundation

/// A language model with its tokenizer, from one GGUF file.
public struct LanguageModelBundle: @unchecked Sendable {
    public let file: GGUFFile
    public let tokenizer: any Tokenizer
    public let model: LanguageModel

    /// Loads both; the tokenizer builds its tables on another thread while the model maps and
    /// repacks its weights.
    public init(path: String, options: ModelOptions) throws {
        let file = try GGUFFile(path: path)
        let tokenizer = ResultBox<any Tokenizer>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            tokenizer.set(Result { try loadTokenizer(from: file) })
            done.signal()
        }
        let model = Result { try ModelRegistry.load(file, options: options) }
        done.wait()
        self.file = file
        self.tokenizer = try tokenizer.get()
        self.model = try model.get()
    }
}

/// A value handed from one thread to another.
private final class ResultBox<T>: @unchecked Sendable {
    private var result: Result<T, Error>?
    func set(_ r: Result<T, Error>) { result = r }
    func get() throws -> T { try result!.get() }
}
