import Engine
import Foundation
import Testing
@testable import TUI

/// Chat files as a hostile user leaves them: copied, renamed, hand-edited with values no
/// genplay writes. Each opens within bounds (with a notice of what was reset), is refused
/// whole, or is moved aside; none overwrites another chat or crashes what shows it.
@Suite struct HostileChatFileTests {
    let store = ChatStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("genplay-hostile-\(UUID())"))

    func chat(_ id: String, says text: String) -> Conversation {
        var conversation = Conversation(id: id, createdAt: 1000, systemPrompt: "", modelName: "tiny", sampler: SamplerSettings())
        conversation.append(.user, text)
        let reply = conversation.append(.assistant, "")
        conversation.messages[reply].append(token("ok", id: 7, probability: 0.9))
        conversation.updatedAt = 2000
        return conversation
    }

    func json(_ id: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: store.url(for: id))) as! [String: Any]
    }

    func write(_ object: [String: Any], as id: String) throws {
        try JSONSerialization.data(withJSONObject: object).write(to: store.url(for: id))
    }

    /// `cp A.json B.json`, edit B, open B and send: A stays as it was.
    @Test func aCopiedChatIsSavedToItsOwnFile() throws {
        try store.save(chat("A", says: "the original"))
        let original = try Data(contentsOf: store.url(for: "A"))
        var copy = try json("A")
        var messages = copy["messages"] as! [[String: Any]]
        messages[0]["text"] = "the copy, edited"
        copy["messages"] = messages
        try write(copy, as: "B")

        var opened = try store.load(id: "B")
        #expect(opened.id == "B" && opened.messages[0].text == "the copy, edited")
        opened.append(.user, "hi")
        try store.save(opened)
        #expect(try Data(contentsOf: store.url(for: "A")) == original)
        #expect(try store.load(id: "B").messages.map(\.text) == ["the copy, edited", "ok", "hi"])
    }

    /// An id inside the file with path characters, and a file name that is no id: both open
    /// and save under a safe name, in the chats folder.
    @Test func unsafeIdsAndNamesAreMadeSafe() throws {
        try store.save(chat("A", says: "one"))
        var object = try json("A")
        object["id"] = "../../escaped"
        try write(object, as: "A")
        var opened = try store.load(id: "A")
        #expect(opened.id == "A")
        opened.append(.user, "two")
        #expect(try store.save(opened).lastPathComponent == "A.json")

        try FileManager.default.copyItem(at: store.url(for: "A"), to: store.directory.appendingPathComponent("my chat (copy).json"))
        let (chats, problems) = store.list()
        #expect(problems.isEmpty)
        #expect(Set(chats.map(\.id)) == ["A", "my-chat--copy-"])
        #expect(try store.load(id: "my-chat--copy-").messages.count == 3)
        #expect(!FileManager.default.fileExists(atPath: store.directory.deletingLastPathComponent().appendingPathComponent("escaped.json").path))
    }

    /// Values that used to crash the app (a Double too large for Int in the picker, a
    /// temperature the slider multiplied to overflow, a min-p above 1, a probability of 1e30)
    /// open brought within bounds, and say which.
    @Test func outOfRangeValuesOpenWithinBoundsAndAreNamed() throws {
        try store.save(chat("A", says: "hi"))
        var object = try json("A")
        object["updatedAt"] = -1e300
        object["createdAt"] = 1e300
        var sampler = object["sampler"] as! [String: Any]
        (sampler["temperature"], sampler["minP"], sampler["topK"]) = (1e30, 2, -5)
        object["sampler"] = sampler
        var messages = object["messages"] as! [[String: Any]]
        var tokens = messages[1]["tokens"] as! [[String: Any]]
        tokens[0]["p"] = 1e30
        tokens[0]["alternatives"] = (0 ..< 500).map { ["id": $0, "text": "x", "p": -3] }
        messages[1]["tokens"] = tokens
        object["messages"] = messages
        object["title"] = String(repeating: "t", count: 10_000)
        try write(object, as: "A")

        let (conversation, repairs) = try store.open(id: "A")
        #expect(repairs == ["times", "title", "sampler: temperature", "sampler: top-k", "sampler: min-p", "token probabilities", "token alternatives"])
        #expect(conversation.createdAt == 0 && conversation.updatedAt == 0)
        #expect(conversation.sampler.temperature == 100 && conversation.sampler.minP == 1 && conversation.sampler.topK == 0)
        let token = conversation.messages[1].tokens[0]
        #expect(token.probability == 1 && token.alternatives.count == 64 && token.alternatives.allSatisfy { $0.probability == 0 })
        #expect(store.list().chats.first?.title.count == 500)

        // Shown everywhere without trouble: the picker, the chat, the token view.
        var model = makeModel(width: 80, height: 24)
        model.send(.chatOpened(conversation, repairs: repairs))
        #expect(model.screen.contains(text: "now reset: times, title"))
        model.press(.alt("t"))
        _ = view(model)
        model.press(.ctrl("o"))
        model.send(.chatsListed(store.list().chats, problems: []))
        _ = view(model)
    }

    @Test func filesTooLargeOrWithTooManyMessagesAreRefusedWhole() throws {
        let big = store.url(for: "big")
        try FileManager.default.createDirectory(at: store.directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(ChatFileLimits.fileBytes + 1))
        try handle.close()
        #expect(throws: ChatStoreError.self) { try store.load(id: "big") }
        #expect(!FileManager.default.fileExists(atPath: big.path))   // moved aside, not deleted

        let many = #"{"version":1,"id":"x","title":"","createdAt":0,"updatedAt":0,"systemPrompt":"","sampler":{},"messages":["#
            + Array(repeating: #"{"role":"user","text":""}"#, count: ChatFileLimits.messages + 1).joined(separator: ",") + "]}"
        #expect(throws: UnreadableChatFile.self) { try ChatFileReader.conversation(from: Data(many.utf8), id: "x") }
    }
}
