/// Messages sent before, browsed with up/down from the input field, shell style: the text
/// being typed is kept as a draft and comes back after the newest entry.
public struct InputHistory: Equatable, Sendable {
    public private(set) var entries: [String] = []
    /// Index into `entries` while browsing; nil when editing the draft.
    private var position: Int?
    private var draft = ""
    public static let limit = 500

    public init() {}

    public mutating func record(_ entry: String) {
        position = nil
        guard !entry.isEmpty, entries.last != entry else { return }
        entries.append(entry)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    }

    /// The entry before the one shown (saving `current` as the draft when leaving it), or nil
    /// at the oldest.
    public mutating func previous(current: String) -> String? {
        let target = (position ?? entries.count) - 1
        guard target >= 0 else { return nil }
        if position == nil { draft = current }
        position = target
        return entries[target]
    }

    /// The entry after the one shown, the draft after the newest, or nil when not browsing.
    public mutating func next() -> String? {
        guard let current = position else { return nil }
        if current + 1 < entries.count {
            position = current + 1
            return entries[current + 1]
        }
        position = nil
        return draft
    }
}
