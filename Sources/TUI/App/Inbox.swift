import Foundation

/// Messages from other threads (backend tokens, model loading, chat files) waiting for the UI
/// thread. `post` may be called from anywhere; the UI loop drains it each frame.
public final class Inbox: @unchecked Sendable {
    enum Item: Sendable {
        case message(Msg)
        case modelLoaded(LoadedModel)
    }

    private let lock = NSLock()
    private var items: [Item] = []
    /// Called after every post: the driver uses it to wake its loop.
    private let wake: @Sendable () -> Void

    public init(wake: @escaping @Sendable () -> Void = {}) {
        self.wake = wake
    }

    public func post(_ msg: Msg) { append(.message(msg)) }

    func post(_ loaded: LoadedModel) { append(.modelLoaded(loaded)) }

    func takeAll() -> [Item] {
        lock.withLock {
            defer { items.removeAll(keepingCapacity: true) }
            return items
        }
    }

    private func append(_ item: Item) {
        lock.withLock { items.append(item) }
        wake()
    }
}
