import Render

/// Everything that can happen to the app: the driver's input, the frame clock, and what the
/// backend, model library and chat store report back. `update` gets each with the time it is
/// handled at, so whatever a message starts (a notice, playback) starts at that time.
public enum Msg: Equatable, Sendable {
    case key(Key)
    /// Text pasted with bracketed paste: inserted as text, never read as keys.
    case paste(String)
    case mouse(MouseEvent)
    case resize(Size)
    /// A frame while something animates.
    case tick
    case generation(GenerationUpdate)
    /// What the image backend reports.
    case image(ImageUpdate)
    case modelStatus(ModelStatus)
    case modelsListed([ModelEntry])
    /// The saved chats, newest first, and readable lines about files that could not be read.
    case chatsListed([ChatSummary], problems: [String])
    /// A saved chat, read; `repairs` names values its file had out of bounds (now within).
    case chatOpened(Conversation, repairs: [String] = [])
    /// The chat store gave chat `id` this title.
    case chatRenamed(id: String, title: String)
    case chatDeleted(id: String)
    /// A one-line report for the status bar ("Saved", "Export failed: ...").
    case notice(Notice)
    /// At start without a chat model: ask whether to download this one.
    case offerDownload(ModelEntry)
    /// The process was told to end (SIGTERM, SIGHUP, a SIGINT from outside): what is being
    /// generated is saved, marked as interrupted, and the app quits. `signal` names it.
    case terminate(signal: String)
}

/// A backend event, with the request it belongs to and when it arrived.
public struct GenerationUpdate: Equatable, Sendable {
    public let requestID: Int
    public let event: GenerationEvent
    /// Seconds since 1970, stamped by the runtime (tests choose it).
    public let time: Double

    public init(requestID: Int, event: GenerationEvent, time: Double) {
        self.requestID = requestID
        self.event = event
        self.time = time
    }
}

public struct Notice: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, success, error }

    public let text: String
    public let kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}
