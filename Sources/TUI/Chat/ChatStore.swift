import Engine
import Foundation

/// Saved chats: one JSON file per chat in `$XDG_DATA_HOME/genplay/chats` (by default
/// `~/.local/share/genplay/chats`).
///
/// Writes are atomic: the JSON goes to a temporary file in the same folder, is synced, and
/// is renamed over the old file, so a crash leaves the old version or the new one. A file
/// that cannot be read is never overwritten: it is renamed to `NAME.corrupt-TIME` and reported.
public struct ChatStore: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public static func defaultDirectory(environment: [String: String]) -> URL {
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/share")
        return data.appendingPathComponent("genplay/chats")
    }

    public func url(for id: String) -> URL { directory.appendingPathComponent("\(id).json") }

    @discardableResult
    public func save(_ conversation: Conversation) throws(ChatStoreError) -> URL {
        guard Self.isSafe(id: conversation.id) else { throw .invalidID(conversation.id) }
        let target = url(for: conversation.id)
        try createDirectory()
        if FileManager.default.fileExists(atPath: target.path), (try? decode(target)) == nil {
            _ = try moveAside(target)
        }
        let data: Data
        do { data = try Self.encoder.encode(ChatFile(conversation)) } catch {
            throw .cannotWrite(path: target.path, reason: "\(error)")
        }
        try Self.write(data, to: target)
        return target
    }

    public func load(id: String) throws(ChatStoreError) -> Conversation { try open(id: id).conversation }

    /// The chat saved as `id`, and the values that were out of bounds in its file and were
    /// brought within (see `ChatFile.read`). A file that cannot be read is moved aside.
    public func open(id: String) throws(ChatStoreError) -> (conversation: Conversation, repairs: [String]) {
        guard Self.isSafe(id: id) else { throw .invalidID(id) }
        let file = url(for: id)
        guard FileManager.default.fileExists(atPath: file.path) else { throw .notFound(id: id) }
        do {
            let (chat, repairs) = try decode(file)
            return (chat.conversation(savedAs: id), repairs)
        } catch {
            throw .corrupt(file: file.lastPathComponent, reason: error.reason, movedTo: try moveAside(file))
        }
    }

    /// Gives a saved chat a new title (an empty one: its first message again) and writes it
    /// back atomically; returns the title it now has. On any error the file is as it was.
    @discardableResult
    public func rename(id: String, to title: String) throws(ChatStoreError) -> String {
        var conversation = try load(id: id)
        conversation.rename(title)
        try save(conversation)
        return conversation.title
    }

    public func delete(id: String) throws(ChatStoreError) {
        guard Self.isSafe(id: id) else { throw .invalidID(id) }
        let file = url(for: id)
        guard FileManager.default.fileExists(atPath: file.path) else { throw .notFound(id: id) }
        do { try FileManager.default.removeItem(at: file) } catch {
            throw .cannotDelete(path: file.path, reason: error.localizedDescription)
        }
    }

    /// The saved chats, newest first, and the files that could not be read (moved aside).
    /// Temporary files of saves that were killed half-way are removed.
    public func list() -> (chats: [ChatSummary], problems: [ChatStoreError]) {
        AtomicFile.removeAbandonedTemporaries(in: directory)
        var problems: [ChatStoreError] = []
        let names = renamingUnsafeNames(problems: &problems)
        var chats: [ChatSummary] = []
        for name in names {
            let file = directory.appendingPathComponent(name)
            do {
                let (chat, _) = try decode(file)
                chats.append(ChatSummary(id: String(name.dropLast(5)), title: chat.title, updatedAt: chat.updatedAt,
                                         messageCount: chat.messages.count,
                                         text: ([chat.systemPrompt] + chat.messages.map(\.text)).joined(separator: "\n")))
            } catch {
                let reason = error.reason
                do {
                    problems.append(.corrupt(file: name, reason: reason, movedTo: try moveAside(file)))
                } catch {
                    problems.append(error)
                }
            }
        }
        return (chats.sorted { $0.updatedAt > $1.updatedAt }, problems)
    }

    /// Writes the chat as Markdown to `exports/ID.md` beside the chats folder.
    @discardableResult
    public func exportMarkdown(_ conversation: Conversation, exportedAt: Double) throws(ChatStoreError) -> URL {
        guard Self.isSafe(id: conversation.id) else { throw .invalidID(conversation.id) }
        let folder = directory.deletingLastPathComponent().appendingPathComponent("exports")
        try createDirectory(folder)
        let target = folder.appendingPathComponent("\(conversation.id).md")
        try Self.write(Data(MarkdownExport.markdown(conversation, exportedAt: exportedAt).utf8), to: target)
        return target
    }

    // MARK: Private

    private static func write(_ data: Data, to target: URL) throws(ChatStoreError) {
        do { try AtomicFile.write(data, to: target) } catch { throw .cannotWrite(path: error.path, reason: error.reason) }
    }

    private func decode(_ file: URL) throws(UnreadableChatFile) -> (chat: ChatFile, repairs: [String]) {
        // Refused before it is read whole: a 10 GB "chat" must not fill the memory.
        if let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int {
            try ChatFileLimits.checkSize(size)
        }
        let data: Data
        do { data = try Data(contentsOf: file) } catch { throw UnreadableChatFile(reason: "unreadable (\(error.localizedDescription))") }
        return try ChatFile.read(data)
    }

    /// The chat files' names, each a safe id: a file copied or renamed by hand to a name that
    /// is not one ("my chat.json") is renamed to one that is, so it can be saved again.
    private func renamingUnsafeNames(problems: inout [ChatStoreError]) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var taken = Set(names)
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.compactMap { name in
            let stem = String(name.dropLast(5))
            guard !Self.isSafe(id: stem) else { return name }
            let safe = String(stem.map { Self.isSafe($0) ? $0 : "-" }.prefix(100)), base = safe.isEmpty ? "chat" : safe
            var candidate = base + ".json", counter = 2
            while taken.contains(candidate) { candidate = base + "-\(counter).json"; counter += 1 }
            do {
                try FileManager.default.moveItem(at: directory.appendingPathComponent(name), to: directory.appendingPathComponent(candidate))
            } catch {
                problems.append(.cannotWrite(path: directory.appendingPathComponent(name).path, reason: "could not rename it to \(candidate): \(error.localizedDescription)"))
                return nil
            }
            taken.insert(candidate)
            return candidate
        }
    }

    /// Renames a file that could not be read so nothing overwrites it; returns its new name.
    private func moveAside(_ file: URL) throws(ChatStoreError) -> String {
        let stamp = Int(Date().timeIntervalSince1970)
        var candidate = file.appendingPathExtension("corrupt-\(stamp)")
        var counter = 1
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = file.appendingPathExtension("corrupt-\(stamp)-\(counter)")
            counter += 1
        }
        do { try FileManager.default.moveItem(at: file, to: candidate) } catch {
            throw .cannotWrite(path: file.path, reason: "could not move the unreadable file aside: \(error.localizedDescription)")
        }
        return candidate.lastPathComponent
    }

    private func createDirectory(_ folder: URL? = nil) throws(ChatStoreError) {
        let folder = folder ?? directory
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: folder.path, reason: error.localizedDescription)
        }
    }

    private static func isSafe(id: String) -> Bool { !id.isEmpty && id.count <= 128 && id.allSatisfy(isSafe(_:)) }

    private static func isSafe(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

public enum ChatStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidID(String)
    case notFound(id: String)
    case cannotWrite(path: String, reason: String)
    case cannotDelete(path: String, reason: String)
    /// `file` could not be read; it was renamed to `movedTo`.
    case corrupt(file: String, reason: String, movedTo: String)

    public var description: String {
        switch self {
        case .invalidID(let id): "“\(id)” is not a chat id"
        case .notFound(let id): "no saved chat \(id)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .cannotDelete(let path, let reason): "cannot delete \(path): \(reason)"
        case .corrupt(let file, let reason, let movedTo): "\(file) is \(reason); kept as \(movedTo)"
        }
    }
}
