import Testing
@testable import TUI

@Suite struct ChatPickerTests {
    let chats = [
        ChatSummary(id: "2", title: "Rust lifetimes", updatedAt: testNow - 120, messageCount: 4),
        ChatSummary(id: "1", title: "Swift concurrency", updatedAt: testNow - 90_000, messageCount: 10),
    ]

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
}
