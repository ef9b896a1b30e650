import Foundation

/// A language model with its tokenizer, from one GGUF file.
public struct LanguageModelBundle: @unchecked Sendable {
    public let file: GGUFFile
    public let tokenizer: any Tokenizer
    public let model: LanguageModel

    public init(path: String, options: ModelOptions) throws {
        try self.init(file: GGUFFile(path: path), options: options)
    }

    /// Loads both; the tokenizer builds its tables on another thread while the model maps and
    /// repacks its weights. Every token must have a row in the model's embedding.
    public init(file: GGUFFile, options: ModelOptions) throws {
        // A model that cannot fit stops here, as an error: past this point an allocation Swift
        // makes itself (the tokenizer's, on another thread) would trap. A file whose sizes
        // cannot be read is left to the loaders to report.
        if let needed = try? ModelRegistry.memoryNeeded(file, options: options) {
            try ModelMemory.ensureAvailable(needed, loading: file.path, alreadyMapped: file.file.bytes.count)
        }
        let tokenizer = ResultBox<any Tokenizer>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            tokenizer.set(Result { try loadTokenizer(from: file) })
            done.signal()
        }
        let model = Result {
            if let damaged = NonFiniteWeights.firstDamagedTensor(in: file) { throw ModelError.nonFiniteWeights(tensor: damaged) }
            return try ModelRegistry.load(file, options: options)
        }
        done.wait()
        self.file = file
        self.tokenizer = try tokenizer.get()
        self.model = try model.get()
        guard self.tokenizer.vocabularySize <= self.model.vocabularySize else {
            throw ModelError.vocabularyMismatch(tokens: self.tokenizer.vocabularySize, embeddingRows: self.model.vocabularySize)
        }
    }
}

/// A value handed from one thread to another.
private final class ResultBox<T>: @unchecked Sendable {
    private var result: Result<T, Error>?
    func set(_ r: Result<T, Error>) { result = r }
    func get() throws -> T { try result!.get() }
}
