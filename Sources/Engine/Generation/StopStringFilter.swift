/// Generated tokens passed through stop strings, for a reply shown token by token (the chat's
/// token view): a token is handed on once none of its text can be part of a stop string. When
/// one is found, the token it starts in keeps only its text before it (if any), and the tokens
/// of the stop string and after it are dropped, so the reply's tokens spell the reply's text.
public struct StopStringFilter: Sendable {
    private var text: StopStrings
    /// Tokens not handed on yet, in order.
    private var held: [GeneratedToken] = []
    /// Bytes of the held tokens' text that `text` has declared safe.
    private var safeBytes = 0

    public init(_ stops: [String]) {
        text = StopStrings(stops)
    }

    /// Live: a change applies from the next token (see `StopStrings.stops`).
    public var stops: [String] {
        get { text.stops }
        set { text.stops = newValue }
    }

    /// The stop string found, once one has ended the reply.
    public var matched: String? { text.matched }
    public var isStopped: Bool { text.isStopped }

    /// Adds a generated token; returns the tokens that can be shown now. An end-of-generation
    /// token flushes the tokens held before it.
    public mutating func append(_ token: GeneratedToken) -> [GeneratedToken] {
        guard !isStopped else { return [] }
        held.append(token)
        safeBytes += text.append(token.text).utf8.count
        if token.isEndOfGeneration { return flush() }
        return release()
    }

    /// Hands on every held token (generation ended for another reason).
    public mutating func flush() -> [GeneratedToken] {
        guard !isStopped else { return [] }
        safeBytes += text.flush().utf8.count
        if isStopped { return release() }
        defer { held = []; safeBytes = 0 }
        return held
    }

    /// The held tokens whose text is all safe. An empty token (the first bytes of a character
    /// completed by a later one) goes only when safe text follows it. After a stop: the token
    /// cut at the stop string, and nothing more.
    private mutating func release() -> [GeneratedToken] {
        var released: [GeneratedToken] = []
        var offset = 0
        for token in held {
            let end = offset + token.text.utf8.count
            guard end < safeBytes || (end == safeBytes && end > offset) else { break }
            released.append(token)
            offset = end
        }
        if isStopped {
            if let cut = held.dropFirst(released.count).first, offset < safeBytes {
                released.append(GeneratedToken(id: cut.id, text: String(decoding: cut.text.utf8.prefix(safeBytes - offset), as: UTF8.self),
                                               probability: cut.probability, alternatives: cut.alternatives, isEndOfGeneration: false))
            }
            held = []
            safeBytes = 0
            return released
        }
        held.removeFirst(released.count)
        safeBytes -= offset
        return released
    }
}
