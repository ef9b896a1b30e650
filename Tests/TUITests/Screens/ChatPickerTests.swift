import Foundation
import Testing
@testable import TUI

@Suite struct ChatPickerTests {
    let chats = [
        ChatSummary(id: "2", title: "Rust lifetimes", updatedAt: testNow - 120, messageCount: 4, text: "How does the Borrow checker work?"),
        ChatSummary(id: "1", title: "Swift concurrency", updatedAt: testNow - 90_000, messageCount: 10, text: "actors and tasks"),
    ]

    func openPicker() -> AppModel {
        var model = makeModel()
        model.press(.ctrl("o"))
        model.send(.chatsListed(chats, problems: []))
        return model
    }

    @Test func opensFiltersAndChooses() {
        var model = makeModel()
        #expect(model.press(.ctrl("o")) == [.listChats])
        #expect(model.screen.contains(text: "Loading…"))
        model.send(.chatsListed(chats, problems: []))
        #expect(model.screen.contains(text: "▸ Rust lifetimes"))
        #expect(model.screen.contains(text: "4 msgs · 2 min ago"))
        #expect(model.screen.contains(text: "10 msgs · 1 d ago"))
        model.type("swi")
        #expect(!model.screen.contains(text: "Rust lifetimes"))
        #expect(model.press(Key(.enter)) == [.openChat(id: "1")])
        #expect(model.overlay == nil)
    }

    @Test func openingAChatReplacesTheConversationAndItsSampler() {
        var model = makeModel()
        var conversation = Conversation(id: "x", createdAt: testNow, messages: [ChatMessage(id: 1, role: .user, text: "old question")])
        conversation.sampler.temperature = 0.2
        let effects = model.send(.chatOpened(conversation))
        #expect(model.chat.conversation.id == "x")
        #expect(model.chat.sampler.temperature == 0.2)
        #expect(effects.contains(.applySampler(conversation.sampler)))
        #expect(model.screen.contains(text: "old question"))
    }

    @Test func reportsUnreadableFiles() {
        var model = makeModel()
        model.press(.ctrl("o"))
        model.send(.chatsListed([], problems: ["bad.json is not a chat file (moved to bad.json.corrupt-1)"]))
        #expect(model.screen.contains(text: "⚠ bad.json is not a chat file"))
        #expect(model.screen.contains(text: "No saved chats yet."))
    }

    /// `/` or any typing searches titles and text, ignoring case; Esc clears the search
    /// first, then closes.
    @Test func searchesTitlesAndTextThenEscClearsThenCloses() {
        var model = openPicker()
        model.type("/borrow")
        #expect(model.screen.contains(text: "Search: borrow"))
        #expect(model.screen.contains(text: "▸ Rust lifetimes"), "found by its text")
        #expect(!model.screen.contains(text: "Swift concurrency"))
        model.type("x")
        #expect(model.screen.contains(text: "No chat matches."))
        model.press(Key(.escape))
        #expect(model.overlay != nil)
        #expect(model.screen.contains(text: "Swift concurrency") && model.screen.contains(text: "Rust lifetimes"))
        model.type("ACTORS")
        #expect(model.press(Key(.enter)) == [.openChat(id: "1")])
        model = openPicker()
        model.send(.paste("LIFETIMES\nand more"))
        #expect(model.screen.contains(text: "Search: LIFETIMES"), "a pasted line searches too")
        model.press(Key(.escape))
        model.press(Key(.escape))
        #expect(model.overlay == nil)
    }

    @Test func renamesTheChosenChatInItsRow() {
        var model = openPicker()
        model.press(Key(.down))
        model.press(Key(.function(2)))
        #expect(model.screen.contains(text: "✎ Swift concurrency"))
        #expect(model.screen.contains(text: "Enter saves the title · Esc cancels"))
        model.press(Key(.escape))
        #expect(!model.screen.contains(text: "✎"), "Esc cancels the rename, not the picker")
        #expect(model.overlay != nil)
        model.press(.ctrl("r"))
        model.press(.ctrl("u"))
        model.type("Actors, tasks")
        #expect(model.press(Key(.enter)) == [.renameChat(id: "1", title: "Actors, tasks")])
        #expect(model.screen.contains(text: "▸ Swift concurrency"), "the list changes when the store says so")
        model.send(.chatRenamed(id: "1", title: "Actors, tasks"))
        #expect(model.screen.contains(text: "▸ Actors, tasks"))
        #expect(model.screen.last?.contains("Renamed to “Actors, tasks”.") == true)
    }

    @Test func renamingTheOpenChatRetitlesItAtOnce() {
        var model = makeModel()
        let id = model.chat.conversation.id
        model.press(.ctrl("o"))
        model.send(.chatsListed([ChatSummary(id: id, title: "hello", updatedAt: testNow, messageCount: 2)], problems: []))
        model.press(Key(.function(2)))
        model.press(.ctrl("u"))
        model.type("Greetings")
        #expect(model.press(Key(.enter)) == [.renameChat(id: id, title: "Greetings")])
        #expect(model.chat.conversation.title == "Greetings")
    }

    @Test func deletesOnlyAfterAsking() {
        var model = openPicker()
        #expect(model.press(Key(.delete)).isEmpty)
        #expect(model.screen.contains(text: "Delete this chat?"))
        #expect(model.screen.contains(text: "“Rust lifetimes” (4 msgs) will be deleted for good."))
        #expect(model.press(.char("n")).isEmpty)
        #expect(!model.screen.contains(text: "Delete this chat?"))
        model.press(.ctrl("d"))
        #expect(model.press(.char("y")) == [.deleteChat(id: "2")])
        model.send(.chatDeleted(id: "2"))
        #expect(!model.screen.dropLast().contains(text: "Rust lifetimes"), "only the notice names it")
        #expect(model.screen.contains(text: "▸ Swift concurrency"))
        #expect(model.screen.last?.contains("Deleted “Rust lifetimes”.") == true)
    }

    @Test func deletingTheOpenChatStartsANewOne() {
        var model = makeModel()
        model.exchange("hello", reply: ["hi"])
        let id = model.chat.conversation.id
        model.press(.ctrl("o"))
        model.send(.chatsListed([ChatSummary(id: id, title: "hello", updatedAt: testNow, messageCount: 2)], problems: []))
        model.press(Key(.delete))
        let effects = model.press(Key(.enter))
        #expect(effects.last == .deleteChat(id: id))
        #expect(model.chat.conversation.id != id)
        #expect(model.chat.conversation.messages.isEmpty)
    }

    @Test func theKeysAreInTheHintLineAndTheHelp() {
        let model = openPicker()
        #expect(model.screen.contains(text: "Enter open · F2 rename · Del delete · Esc close"))
        let rows = model.helpSections.first { $0.title == "Chat picker" }?.rows ?? []
        #expect(rows.contains(HelpRow(keys: "type or /", action: "Search titles and text (Backspace erases)")))
        #expect(rows.contains { $0.keys == "F2 / Ctrl-R" && $0.action.hasPrefix("Rename") })
        #expect(rows.contains { $0.keys == "Del / Ctrl-D" && $0.action.hasPrefix("Delete") })
        #expect(rows.contains { $0.keys == "Esc" && $0.action == "Clear the search, or close" })
    }
}

/// The picker through the runtime, on a chat store in a temporary folder.
@Suite struct ChatPickerFileTests {
    let store = ChatStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("genplay-picker-\(UUID())"))

    func saveChat(_ id: String, asking question: String, at time: Double) throws {
        var conversation = Conversation(id: id, createdAt: time)
        conversation.append(.user, question)
        conversation.append(.assistant, "an answer")
        try store.save(conversation)
    }

    /// A runtime with the picker open on the saved chats.
    func openPicker() -> AppRuntime {
        let runtime = AppRuntime(model: makeModel(), loaded: nil, library: nil, store: store, inbox: Inbox(), clock: { testNow })
        runtime.send(.key(.ctrl("o")))
        settle(runtime)
        return runtime
    }

    func settle(_ runtime: AppRuntime) {
        runtime.flush()
        runtime.drainInbox()
    }

    @Test func renameIsWrittenToTheFile() throws {
        try saveChat("a", asking: "first question", at: 10)
        let runtime = openPicker()
        runtime.send(.key(Key(.function(2))))
        runtime.send(.key(.ctrl("u")))
        for character in "My chat" { runtime.send(.key(.char(character))) }
        runtime.send(.key(Key(.enter)))
        settle(runtime)
        let renamed = try store.load(id: "a")
        #expect(renamed.title == "My chat")
        #expect(renamed.messages.map(\.text) == ["first question", "an answer"])
        #expect(store.list().chats.map(\.title) == ["My chat"])
        #expect(runtime.model.screen.contains(text: "▸ My chat"))
    }

    @Test func deleteRemovesTheFileAfterAsking() throws {
        try saveChat("a", asking: "first question", at: 10)
        try saveChat("b", asking: "second question", at: 20)
        let runtime = openPicker()
        runtime.send(.key(Key(.delete)))
        runtime.send(.key(.char("y")))
        settle(runtime)
        #expect(!FileManager.default.fileExists(atPath: store.url(for: "b").path))
        #expect(FileManager.default.fileExists(atPath: store.url(for: "a").path))
        #expect(runtime.model.screen.contains(text: "▸ first question"))
        #expect(!runtime.model.screen.dropLast().contains(text: "second question"), "only the notice names it")
    }

    /// A chat deleted by another genplay, or a file that turned unreadable: the error is a
    /// notice, the picker stays, and nothing on disk is lost.
    @Test func storeErrorsAreNoticesAndLoseNothing() throws {
        try saveChat("a", asking: "first question", at: 10)
        try saveChat("b", asking: "second question", at: 20)
        let runtime = openPicker()
        try FileManager.default.removeItem(at: store.url(for: "b"))
        runtime.send(.key(Key(.function(2))))
        runtime.send(.key(.char("!")))
        runtime.send(.key(Key(.enter)))
        settle(runtime)
        #expect(runtime.model.screen.last?.contains("no saved chat b") == true)
        #expect(runtime.model.screen.contains(text: "▸ second question"))

        runtime.send(.key(Key(.down)))
        let junk = Data("not a chat".utf8)
        try junk.write(to: store.url(for: "a"))
        runtime.send(.key(Key(.function(2))))
        runtime.send(.key(Key(.enter)))
        settle(runtime)
        #expect(runtime.model.screen.last?.contains("a.json is not a genplay chat file") == true)
        let kept = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).filter { $0.hasPrefix("a.json.corrupt-") }
        #expect(try kept.map { try Data(contentsOf: store.directory.appendingPathComponent($0)) } == [junk])

        runtime.send(.key(Key(.delete)))
        runtime.send(.key(.char("y")))
        settle(runtime)
        #expect(runtime.model.screen.last?.contains("no saved chat a") == true)
        #expect(runtime.model.overlay != nil)
    }
}
