import Engine

/// What `update` asks the outside world to do. Effects are plain values: tests read them,
/// `AppRuntime` performs them.
public enum Effect: Equatable, Sendable {
    case startGeneration(GenerationRequest)
    case stopGeneration(requestID: Int)
    /// Write these settings where the generator reads them before each token.
    case applySampler(SamplerSettings)
    case saveChat(Conversation)
    case listChats
    case openChat(id: String)
    /// Give a saved chat a new title (empty: its first message again).
    case renameChat(id: String, title: String)
    case deleteChat(id: String)
    case exportMarkdown(Conversation)
    case listModels
    case loadModel(ModelEntry)
    /// Work for the image backend (the Diffusion, GAN and VAE tabs).
    case image(ImageRequest)
    /// Write pictures to the exports folder.
    case exportImages(ImageExport)
    /// Put text on the clipboard through the terminal (OSC 52).
    case copyToClipboard(String)
    /// Mouse reporting on (clicks and the wheel come to the app) or off (the terminal selects).
    case setMouseCapture(Bool)
    /// Ctrl-Z: give the terminal back to the shell until resumed.
    case suspend
    case quit
}
