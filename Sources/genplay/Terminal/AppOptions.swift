import Engine
import Foundation
import TUI

/// How `genplay` (no subcommand) starts the full-screen app; `main.swift` fills it from the
/// command line and calls `runApp`.
struct AppOptions {
    /// `--theme NAME`; nil picks the default, or mono when `NO_COLOR` is set.
    var themeName: String?
    /// A model loaded before the UI starts (`genplay -m MODEL`).
    var model: LoadedModel?
    /// The models the Models tab lists and loads.
    var library: (any ModelLibrary)?
    /// Loaded in the background once the app is up (the default model, when downloaded).
    var startupModel: ModelEntry?
    /// Offered for download at start (the default model when it is not downloaded yet).
    var startupOffer: ModelEntry?
    var systemPrompt = ""
    var sampler = SamplerSettings()
    /// Without a model, answer with `DemoChatBackend` (for trying the interface).
    var demo = false
    /// The folder with the image checkpoints (`--checkpoints`); nil searches the usual places.
    var checkpoints: String?
    /// The Fashion-MNIST test-set folder (`--dataset`, `$GENPLAY_TEST_SET`).
    var datasetDirectory = FashionMNIST.defaultDirectory
    /// Where chats are saved; nil for `$XDG_DATA_HOME/genplay/chats`.
    var chatsDirectory: URL?
    var environment = ProcessInfo.processInfo.environment
}
