/// What the Models tab needs: the models there are, and loading one (pulling it first when it
/// is not cached). Calls come on the UI thread; callbacks may come from any thread.
public protocol ModelLibrary: AnyObject, Sendable {
    func availableModels() -> [ModelEntry]

    /// Loads `entry`, reporting progress (0...1, or nil when unknown) with a short stage name
    /// ("downloading", "loading"), then the backend or a readable error.
    func load(_ entry: ModelEntry,
              progress: @escaping @Sendable (_ stage: String, _ fraction: Double?) -> Void,
              completion: @escaping @Sendable (Result<LoadedModel, ModelLoadError>) -> Void)

    /// Stops any download in progress, leaving nothing behind; called as the app ends.
    func cancelDownloads()
}

extension ModelLibrary {
    public func cancelDownloads() {}
}

public struct ModelEntry: Equatable, Sendable, Identifiable {
    public let id: String
    public let name: String
    /// A short line about the model: size, quantisation, where it is.
    public let detail: String
    /// False when it must be downloaded before use.
    public let isCached: Bool
    /// Why it cannot be loaded ("Gemma 3: needs the gemma3 architecture"), or nil when it can.
    public let unavailable: String?

    public init(id: String, name: String, detail: String, isCached: Bool, unavailable: String? = nil) {
        self.id = id
        self.name = name
        self.detail = detail
        self.isCached = isCached
        self.unavailable = unavailable
    }
}

public struct ModelInfo: Equatable, Sendable {
    public let name: String
    public let contextLength: Int
    /// How chats are written for it ("the model's chat template", "ChatML (built in)").
    public let chatFormat: String?
    /// Something the user should know about the model (its template could not be used).
    public let warning: String?

    public init(name: String, contextLength: Int, chatFormat: String? = nil, warning: String? = nil) {
        self.name = name
        self.contextLength = contextLength
        self.chatFormat = chatFormat
        self.warning = warning
    }
}

public struct LoadedModel: Sendable {
    public let info: ModelInfo
    public let backend: any ChatBackend

    public init(info: ModelInfo, backend: any ChatBackend) {
        self.info = info
        self.backend = backend
    }
}

public struct ModelLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The model as the status bar and Models tab show it.
public enum ModelStatus: Equatable, Sendable {
    case none
    case loading(name: String, stage: String, fraction: Double?)
    case ready(ModelInfo)
    case failed(name: String, message: String)

    public var info: ModelInfo? {
        if case .ready(let info) = self { return info }
        return nil
    }
}
