import Engine
import Foundation
import Testing
@testable import TUI

@Suite struct ChatStoreTests {
    let store: ChatStore

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("genplay-chats-\(UUID())")
        store = ChatStore(directory: folder)
    }

    func sampleConversation(id: String = "20240101-120000-1") -> Conversation {
        var sampler = SamplerSettings()
        sampler.temperature = 0.3
        var conversation = Conversation(id: id, createdAt: 1000, systemPrompt: "Be brief.", modelName: "tiny", sampler: sampler)
        conversation.append(.user, "What is 2+2?\nQuickly.")
        let reply = conversation.append(.assistant, "")
        conversation.messages[reply].append(token("4", id: 7, probability: 0.9))
        conversation.messages[reply].append(token("", id: 2, end: true))
        conversation.append(.assistant, "")
        conversation.messages[2].error = "stopped: out of memory"
        conversation.updatedAt = 2000
        return conversation
    }

    @Test func saveAndLoadRoundTrip() throws {
        let conversation = sampleConversation()
        let url = try store.save(conversation)
        #expect(url.lastPathComponent == "20240101-120000-1.json")
        let loaded = try store.load(id: conversation.id)
        #expect(loaded == conversation)
        #expect(loaded.messages[1].tokens[0].alternatives.count == 2)
        #expect(loaded.messages[1].tokens[1].isEndOfGeneration)
    }

    /// Stop strings are saved with the sampler; a chat saved before they existed opens with none.
    @Test func stopStringsAreSavedAndOlderFilesHaveNone() throws {
        var conversation = sampleConversation()
        conversation.sampler.stopStrings = ["User:", "\n\n"]
        try store.save(conversation)
        #expect(try store.load(id: conversation.id).sampler.stopStrings == ["User:", "\n\n"])

        let older = #"{"version":1,"id":"old","title":"t","createdAt":1,"updatedAt":2,"systemPrompt":"","messages":[],"#
            + #""sampler":{"temperature":0.5,"topK":40,"topP":0.95,"minP":0.05,"repeatPenalty":1,"repeatLastN":64,"#
            + #""presencePenalty":0,"frequencyPenalty":0,"seed":7}}"#
        try Data(older.utf8).write(to: store.directory.creatingParent().appendingPathComponent("old.json"))
        let loaded = try store.load(id: "old")
        #expect(loaded.sampler.temperature == 0.5 && loaded.sampler.seed == 7)
        #expect(loaded.sampler.stopStrings == [])
    }

    @Test func savingReplacesTheFileAndLeavesNoTemporaries() throws {
        var conversation = sampleConversation()
        try store.save(conversation)
        conversation.append(.user, "again")
        try store.save(conversation)
        #expect(try store.load(id: conversation.id).messages.count == 4)
        let names = try FileManager.default.contentsOfDirectory(atPath: store.directory.path)
        #expect(names == ["20240101-120000-1.json"])
    }

    @Test func listsNewestFirst() throws {
        var older = sampleConversation(id: "a")
        older.updatedAt = 10
        try store.save(older)
        try store.save(sampleConversation(id: "b"))
        let (chats, problems) = store.list()
        #expect(chats.map(\.id) == ["b", "a"])
        #expect(chats[0].title == "What is 2+2?")
        #expect(chats[0].messageCount == 3)
        #expect(problems.isEmpty)
    }

    @Test func renamingKeepsTheChatAndAnEmptyTitleGoesBack() throws {
        let conversation = sampleConversation()
        try store.save(conversation)
        #expect(try store.rename(id: conversation.id, to: "  Arithmetic\nquickly ") == "Arithmetic quickly")
        let renamed = try store.load(id: conversation.id)
        #expect(renamed.title == "Arithmetic quickly")
        #expect(renamed.messages == conversation.messages)
        #expect(store.list().chats.map(\.title) == ["Arithmetic quickly"])
        #expect(try store.rename(id: conversation.id, to: "") == "What is 2+2?")
        #expect(try store.load(id: conversation.id) == conversation)
        #expect(throws: ChatStoreError.notFound(id: "missing")) { try store.rename(id: "missing", to: "x") }
    }

    @Test func listedChatsCarryTheirTextForSearch() throws {
        try store.save(sampleConversation())
        let chat = try #require(store.list().chats.first)
        #expect(chat.matches("BRIEF") && chat.matches("quickly") && chat.matches("2+2"))
        #expect(!chat.matches("five"))
    }

    @Test func deletingRemovesTheFile() throws {
        try store.save(sampleConversation(id: "a"))
        try store.save(sampleConversation(id: "b"))
        try store.delete(id: "a")
        #expect(store.list().chats.map(\.id) == ["b"])
        #expect(throws: ChatStoreError.notFound(id: "a")) { try store.delete(id: "a") }
        #expect(throws: ChatStoreError.invalidID("../b")) { try store.delete(id: "../b") }
    }

    @Test func aCorruptFileIsReportedAndKeptAside() throws {
        try store.save(sampleConversation(id: "good"))
        let bad = store.url(for: "bad")
        try Data("{ not json".utf8).write(to: bad)
        let (chats, problems) = store.list()
        #expect(chats.map(\.id) == ["good"])
        #expect(problems.count == 1)
        guard case .corrupt(let file, let reason, let movedTo) = problems[0] else { Issue.record("\(problems)"); return }
        #expect(file == "bad.json")
        #expect(reason.hasPrefix("not a genplay chat file"))
        #expect(movedTo.hasPrefix("bad.json.corrupt-"))
        let kept = store.directory.appendingPathComponent(movedTo)
        #expect(try String(contentsOf: kept, encoding: .utf8) == "{ not json")
        #expect(!FileManager.default.fileExists(atPath: bad.path))
    }

    /// Files a crash, a disk error or another program could leave: a save cut off half-way,
    /// JSON nested a million deep, binary junk. Each is reported and kept byte for byte.
    @Test(arguments: ["torn", "deep", "binary"])
    func unreadableFilesAreKeptAsTheyWere(_ kind: String) throws {
        let whole = try Data(contentsOf: try store.save(sampleConversation(id: "whole")))
        let contents: Data
        switch kind {
        case "torn": contents = whole.prefix(whole.count / 2)
        case "deep": contents = Data((String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)).utf8)
        default: contents = Data([0x00, 0xFF, 0xFE, 0x1B, 0x5B, 0x32, 0x4A] + Array(repeating: 0x80, count: 100))
        }
        try contents.write(to: store.url(for: kind))
        let (chats, problems) = store.list()
        #expect(chats.map(\.id) == ["whole"])
        guard case .corrupt(let file, _, let movedTo) = problems.first, problems.count == 1 else { Issue.record("\(problems)"); return }
        #expect(file == "\(kind).json")
        #expect(try Data(contentsOf: store.directory.appendingPathComponent(movedTo)) == contents)
    }

    @Test func savingOverACorruptFileKeepsTheCorruptOneAside() throws {
        let conversation = sampleConversation(id: "same")
        try Data("garbage".utf8).write(to: store.directory.creatingParent().appendingPathComponent("same.json"))
        try store.save(conversation)
        let names = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).sorted()
        #expect(names.count == 2)
        #expect(names.contains("same.json"))
        #expect(names.contains { $0.hasPrefix("same.json.corrupt-") })
        #expect(try store.load(id: "same") == conversation)
    }

    @Test func loadingACorruptFileThrowsAndMovesIt() throws {
        try Data(#"{"version": 99}"#.utf8).write(to: store.directory.creatingParent().appendingPathComponent("x.json"))
        #expect(throws: ChatStoreError.self) { try store.load(id: "x") }
        #expect(throws: ChatStoreError.notFound(id: "x")) { try store.load(id: "x") }
    }

    @Test func newerFormatsAreNotRead() throws {
        var file = ChatFile(sampleConversation(id: "future"))
        file.version = 2
        try JSONEncoder().encode(file).write(to: store.directory.creatingParent().appendingPathComponent("future.json"))
        let (_, problems) = store.list()
        #expect(problems.first?.description.contains("made by a newer genplay (format 2, this one reads 1)") == true)
    }

    @Test func idsCannotEscapeTheFolder() {
        #expect(throws: ChatStoreError.invalidID("../etc/passwd")) { try store.load(id: "../etc/passwd") }
        var conversation = sampleConversation()
        conversation.id = "a/b"
        #expect(throws: ChatStoreError.invalidID("a/b")) { try store.save(conversation) }
    }

    @Test func defaultDirectoryFollowsXDG() {
        #expect(ChatStore.defaultDirectory(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]).path == "/data/genplay/chats")
        #expect(ChatStore.defaultDirectory(environment: ["HOME": "/home/u"]).path == "/home/u/.local/share/genplay/chats")
    }

    @Test func exportsMarkdown() throws {
        let url = try store.exportMarkdown(sampleConversation(), exportedAt: 1_700_000_000)
        #expect(url.path.hasSuffix("exports/20240101-120000-1.md"))
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == """
            # What is 2+2?

            *Exported from genplay on 2023-11-14 · model tiny*

            > Be brief.

            ## You

            What is 2+2?
            Quickly.

            ## Assistant

            4

            ## Assistant



            > ⚠ stopped: out of memory

            """)
    }
}

extension URL {
    func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}
