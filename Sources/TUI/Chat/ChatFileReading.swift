import Engine
import Foundation

/// Why the bytes of a chat file cannot be opened.
public struct UnreadableChatFile: Error, Equatable, Sendable {
    public let reason: String
}

/// What a chat file is held to when it is read: anything a hand edit (or an attacker) can put
/// in one either opens within these bounds or is refused whole, never crashes what shows it.
enum ChatFileLimits {
    static let fileBytes = 64 << 20
    static let messages = 100_000
    static let titleCharacters = 500
    static let alternatives = 64
    /// 1970 to the year 2286: a time outside is no time a chat was saved at.
    static let time: ClosedRange<Double> = 0 ... 1e10
    static let probability: ClosedRange<Float> = 0 ... 1

    /// Refuses a file of `bytes` bytes larger than `fileBytes`.
    static func checkSize(_ bytes: Int) throws(UnreadableChatFile) {
        guard bytes <= fileBytes else {
            throw UnreadableChatFile(reason: "larger than a chat file can be (\(bytes >> 20) MB; at most \(fileBytes >> 20) MB)")
        }
    }
}

extension ChatFile {
    /// The chat in `data`, checked: the version this genplay reads, every value within
    /// `ChatFileLimits`. Values out of bounds are brought within and named in `repairs`
    /// (say, "sampler: min-p"); what cannot be repaired makes the file unreadable.
    static func read(_ data: Data) throws(UnreadableChatFile) -> (chat: ChatFile, repairs: [String]) {
        try ChatFileLimits.checkSize(data.count)
        var chat: ChatFile
        do { chat = try JSONDecoder().decode(ChatFile.self, from: data) } catch {
            throw UnreadableChatFile(reason: "not a genplay chat file (\(shortReason(error)))")
        }
        guard chat.version <= currentVersion else {
            throw UnreadableChatFile(reason: "made by a newer genplay (format \(chat.version), this one reads \(currentVersion))")
        }
        guard chat.messages.count <= ChatFileLimits.messages else {
            throw UnreadableChatFile(reason: "\(chat.messages.count) messages, more than a chat holds (\(ChatFileLimits.messages))")
        }
        let repairs = chat.repair()
        return (chat, repairs)
    }

    /// Brings every value within bounds; returns what had to change.
    private mutating func repair() -> [String] {
        var repairs: [String] = []
        func fix<T: Equatable>(_ value: inout T, _ fixed: T, _ name: String) {
            if fixed != value { value = fixed; if !repairs.contains(name) { repairs.append(name) } }
        }
        func time(_ t: Double) -> Double { ChatFileLimits.time.contains(t) ? t : 0 }
        fix(&createdAt, time(createdAt), "times")
        fix(&updatedAt, ChatFileLimits.time.contains(updatedAt) ? updatedAt : createdAt, "times")
        fix(&title, String(title.prefix(ChatFileLimits.titleCharacters)), "title")
        if let custom = customTitle { fix(&customTitle, String(custom.prefix(ChatFileLimits.titleCharacters)), "title") }
        let (settings, changed) = sampler.clamped()
        sampler = settings
        repairs += changed.map { "sampler: \($0)" }
        for m in messages.indices {
            guard var tokens = messages[m].tokens else { continue }
            for t in tokens.indices {
                fix(&tokens[t].p, Self.probability(tokens[t].p), "token probabilities")
                if tokens[t].alternatives.count > ChatFileLimits.alternatives {
                    tokens[t].alternatives.removeSubrange(ChatFileLimits.alternatives...)
                    if !repairs.contains("token alternatives") { repairs.append("token alternatives") }
                }
                for a in tokens[t].alternatives.indices {
                    fix(&tokens[t].alternatives[a].p, Self.probability(tokens[t].alternatives[a].p), "token probabilities")
                }
            }
            // Token ids are checked against the vocabulary by the model that gets them.
            messages[m].tokens = tokens
        }
        return repairs
    }

    private static func probability(_ p: Float) -> Float {
        p.isNaN ? 0 : min(max(p, ChatFileLimits.probability.lowerBound), ChatFileLimits.probability.upperBound)
    }

    private static func shortReason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}

/// A chat file's bytes as the app opens them, for tools and the chat-file fuzzer (`Fuzz/`).
public enum ChatFileReader {
    /// The conversation in `data`, saved as `id` (a chat is the file it was read from, whatever
    /// the id inside says), and what was repaired on the way (see `ChatFile.read`).
    public static func conversation(from data: Data, id: String) throws(UnreadableChatFile) -> (conversation: Conversation, repairs: [String]) {
        let (chat, repairs) = try ChatFile.read(data)
        return (chat.conversation(savedAs: id), repairs)
    }
}
