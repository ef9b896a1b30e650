import Engine
import Foundation
import Render

/// Runs the app: feeds messages to `update`, performs the effects it returns, and hands the
/// driver a frame to draw. Everything here runs on the UI thread except the work it sends to
/// the backend, the model library and the chat-file queue, which report back through `inbox`.
public final class AppRuntime {
    public private(set) var model: AppModel
    public private(set) var shouldQuit = false
    /// Set when the model changed since the last `frame()`.
    public private(set) var needsRedraw = true
    public let inbox: Inbox

    private var backend: (any ChatBackend)?
    private let images: (any ImageBackend)?
    private let exporter: ImageExporter
    private let library: (any ModelLibrary)?
    private let store: ChatStore
    private let liveSettings: LiveSamplerSettings
    /// Stamps every message `send` hands to `update`.
    public let clock: @Sendable () -> Double
    private let onSuspend: () -> Void
    private let onCopy: (String) -> Void
    private let onMouseCapture: (Bool) -> Void
    /// Chat files are read and written here, in order, off the UI thread.
    private let files = DispatchQueue(label: "genplay.chat-files")

    /// - Parameters:
    ///   - loaded: a model loaded before the UI started (`genplay -m MODEL`), if any.
    ///   - images: the image tabs' models; without it those tabs say so.
    ///   - exporter: where the image tabs' exports go (default: the working directory).
    ///   - onSuspend: stops the process until resumed (Ctrl-Z); the driver provides it.
    ///   - onCopy: sends text to the clipboard through the terminal; the driver provides it.
    ///   - onMouseCapture: turns the terminal's mouse reporting on or off.
    public init(model: AppModel, loaded: LoadedModel?, library: (any ModelLibrary)?, store: ChatStore,
                inbox: Inbox, images: (any ImageBackend)? = nil,
                exporter: ImageExporter = ImageExporter(directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
                clock: @escaping @Sendable () -> Double = MonotonicClock().now,
                onSuspend: @escaping () -> Void = {}, onCopy: @escaping (String) -> Void = { _ in },
                onMouseCapture: @escaping (Bool) -> Void = { _ in }) {
        self.model = model
        self.images = images
        self.exporter = exporter
        self.library = library
        self.store = store
        self.inbox = inbox
        self.clock = clock
        self.onSuspend = onSuspend
        self.onCopy = onCopy
        self.onMouseCapture = onMouseCapture
        liveSettings = LiveSamplerSettings(model.chat.sampler)
        backend = loaded?.backend
        if let loaded { send(.modelStatus(.ready(loaded.info))) }
    }

    /// The settings the generator reads before each token.
    public var samplerSettings: SamplerSettings { liveSettings.value }

    public func send(_ msg: Msg) {
        let effects = update(&model, msg, at: clock())
        needsRedraw = true
        for effect in effects { perform(effect) }
    }

    /// Handles everything other threads posted; returns whether there was anything.
    @discardableResult
    public func drainInbox() -> Bool {
        let items = inbox.takeAll()
        for item in items {
            switch item {
            case .message(let msg): send(msg)
            case .modelLoaded(let loaded):
                backend = loaded.backend
                send(.modelStatus(.ready(loaded.info)))
            }
        }
        return !items.isEmpty
    }

    /// The screen to show; clears `needsRedraw`.
    public func frame() -> CellGrid {
        needsRedraw = false
        return view(model)
    }

    /// Waits until pending chat saves are on disk (before exiting).
    public func flush() {
        files.sync {}
    }

    // MARK: Effects

    private func perform(_ effect: Effect) {
        switch effect {
        case .startGeneration(let request): start(request)
        case .stopGeneration(let requestID): backend?.stop(requestID: requestID)
        case .applySampler(let settings): liveSettings.value = settings
        case .saveChat(let conversation):
            onFiles { store in try store.save(conversation); return nil }
        case .listChats:
            let inbox = inbox
            files.async { [store] in
                let (chats, problems) = store.list()
                inbox.post(.chatsListed(chats, problems: problems.map(\.description)))
            }
        case .openChat(let id):
            onFiles { store in
                let (conversation, repairs) = try store.open(id: id)
                return .chatOpened(conversation, repairs: repairs)
            }
        case .renameChat(let id, let title):
            onFiles { store in .chatRenamed(id: id, title: try store.rename(id: id, to: title)) }
        case .deleteChat(let id):
            onFiles { store in
                try store.delete(id: id)
                return .chatDeleted(id: id)
            }
        case .exportMarkdown(let conversation):
            let now = clock()
            onFiles { store in
                let url = try store.exportMarkdown(conversation, exportedAt: now)
                return .notice(Notice("Exported to \(url.path)", kind: .success))
            }
        case .listModels:
            guard let library else { return send(.modelsListed([])) }
            let inbox = inbox
            DispatchQueue.global().async { inbox.post(.modelsListed(library.availableModels())) }
        case .loadModel(let entry): load(entry)
        case .image(let request): startImage(request)
        case .exportImages(let export):
            onFiles { [exporter] _ in .notice(Notice(try exporter.write(export), kind: .success)) }
        case .suspend: onSuspend()
        case .copyToClipboard(let text): onCopy(text)
        case .setMouseCapture(let on): onMouseCapture(on)
        case .quit: shouldQuit = true
        }
    }

    private func start(_ request: GenerationRequest) {
        let inbox = inbox, clock = clock
        guard let backend else {
            return inbox.post(.generation(GenerationUpdate(requestID: request.id, event: .failed("no model loaded"), time: clock())))
        }
        liveSettings.value = model.chat.sampler
        backend.start(request, settings: liveSettings) { event in
            inbox.post(.generation(GenerationUpdate(requestID: request.id, event: event, time: clock())))
        }
    }

    private func startImage(_ request: ImageRequest) {
        let inbox = inbox
        let emit: @Sendable (ImageEvent) -> Void = { inbox.post(.image(ImageUpdate(requestID: request.id, event: $0))) }
        guard let images else {
            if case .prepare(let kind) = request.job { return emit(.unavailable(kind, "this build has no image models")) }
            return emit(.failed("no image models"))
        }
        images.perform(request, emit: emit)
    }

    /// Loads a model in the background, as choosing it in the Models tab does.
    public func load(_ entry: ModelEntry) {
        guard let library else { return }
        send(.modelStatus(.loading(name: entry.name, stage: "loading", fraction: nil)))
        let inbox = inbox
        library.load(entry, progress: { stage, fraction in
            inbox.post(.modelStatus(.loading(name: entry.name, stage: stage, fraction: fraction)))
        }, completion: { result in
            switch result {
            case .success(let loaded): inbox.post(loaded)
            case .failure(let error): inbox.post(.modelStatus(.failed(name: entry.name, message: error.message)))
            }
        })
    }

    /// Runs `work` on the chat-file queue; posts the message it returns, or its error as a notice.
    private func onFiles(_ work: @escaping @Sendable (ChatStore) throws -> Msg?) {
        let inbox = inbox
        files.async { [store] in
            do {
                if let msg = try work(store) { inbox.post(msg) }
            } catch {
                inbox.post(.notice(Notice("\(error)", kind: .error)))
            }
        }
    }
}
