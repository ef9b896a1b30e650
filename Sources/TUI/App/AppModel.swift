import Engine
import Render

public enum Tab: Int, CaseIterable, Sendable {
    case chat, diffusion, gan, vae, models

    public var title: String {
        switch self {
        case .chat: "Chat"
        case .diffusion: "Diffusion"
        case .gan: "GAN"
        case .vae: "VAE"
        case .models: "Models"
        }
    }
}

/// A modal layer over the screen: it gets every key until closed.
public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case confirmQuit
    /// No chat model yet: offer to download this one.
    case offerDownload(ModelEntry)
    case chatPicker(ChatPicker)
    /// A dialog editing one text of the Chat screen.
    case editor(EditedText, TextEditor)
}

/// What an editor overlay edits.
public enum EditedText: Equatable, Sendable {
    case systemPrompt
    /// The sampler panel's stop strings, as `StopStringSyntax` writes them.
    case stopStrings
}

/// The whole state of the app. `update` changes it, `view` draws it.
public struct AppModel {
    public static let minimumSize = Size(width: 40, height: 10)
    /// How long a notice stays in the status bar, in seconds.
    public static let noticeDuration = 4.0

    public var size: Size
    public var theme: Theme
    /// Seconds since 1970 when the message being handled arrived, from a monotonic clock
    /// (`update` sets it).
    public var now: Double
    public var tab: Tab = .chat
    public var overlay: Overlay?
    public var chat: ChatScreen
    public var diffusion = DiffusionScreen()
    public var gan = GANScreen()
    public var vae = VAEScreen()
    public var models = ModelsScreen()
    /// How the image tabs draw pixels (`p` cycles through the modes).
    public var pixelMode: PixelMode
    public var modelStatus: ModelStatus = .none
    public var notice: Notice?
    /// Whether the terminal reports the mouse to the app (Alt-u lets the terminal select text).
    public var mouseCaptured = true
    var noticeExpiry = 0.0
    /// Frames drawn while something animates; drives the spinner.
    public private(set) var animationFrame = 0
    var nextRequestID = 1
    private var nextChatNumber = 1
    /// Makes chat ids from different runs in the same second differ.
    private let chatIDSalt: UInt32

    public init(size: Size, theme: Theme, now: Double, chatIDSalt: UInt32 = 0, systemPrompt: String = "",
                sampler: SamplerSettings = SamplerSettings()) {
        self.size = size
        self.theme = theme
        self.now = now
        self.chatIDSalt = chatIDSalt
        pixelMode = theme.isMonochrome ? .ascii : .halfBlocks
        chat = ChatScreen(conversation: Conversation(id: "", createdAt: now, systemPrompt: systemPrompt), sampler: sampler)
        chat.conversation.id = makeChatID()
    }

    /// True while the screen changes without input (streaming, loading, a notice to expire):
    /// the driver then sends ticks at frame rate.
    public var isAnimating: Bool {
        if chat.generation != nil || notice != nil { return true }
        if case .loading = modelStatus { return true }
        if diffusion.playback.isPlaying || gan.playback.isPlaying { return true }
        return [diffusion.model == .loading, gan.model == .loading, vae.model == .loading].contains(true)
    }

    /// Ordered dithering: a texture that stays put from frame to frame while a run plays.
    var pixelStyle: PixelStyle { PixelStyle(mode: pixelMode, dither: .ordered, monochrome: theme.isMonochrome) }

    public var isTooSmall: Bool {
        size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
    }

    mutating func show(_ notice: Notice) {
        self.notice = notice
        noticeExpiry = now + Self.noticeDuration
    }

    mutating func advanceClock(to time: Double) {
        now = time
        if notice != nil && now >= noticeExpiry { notice = nil }
    }

    /// The next frame of whatever animates.
    mutating func animate() {
        animationFrame &+= 1
        tickDiffusion()
        tickGAN()
    }

    mutating func makeChatID() -> String {
        defer { nextChatNumber += 1 }
        let seconds = Int(now)
        let days = seconds / 86_400, daySeconds = seconds % 86_400
        let (year, month, day) = civilDate(daysSince1970: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let stamp = "\(year)\(two(month))\(two(day))-\(two(daySeconds / 3600))\(two(daySeconds / 60 % 60))\(two(daySeconds % 60))"
        let suffix = String(chatIDSalt &+ UInt32(nextChatNumber), radix: 16)
        return "\(stamp)-\(suffix)"
    }

    mutating func makeRequestID() -> Int {
        defer { nextRequestID += 1 }
        return nextRequestID
    }
}

/// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}
