import Testing
@testable import TUI

@Suite struct KeyTests {
    @Test func descriptions() {
        #expect(Key.ctrl("r").description == "Ctrl-R")
        #expect(Key(.enter, .alt).description == "Alt-Enter")
        #expect(Key(.function(5)).description == "F5")
        #expect(Key(.left, [.control, .shift]).description == "Ctrl-Shift-←")
        #expect(Key.char(" ").description == "Space")
    }

    @Test func typedCharacters() {
        #expect(Key.char("a").typedCharacter == "a")
        #expect(Key.ctrl("a").typedCharacter == nil)
        #expect(Key.alt("a").typedCharacter == nil)
    }

    @Test func bindingsLookUpCommands() {
        let bindings = [KeyBinding([.ctrl("a"), Key(.home)], 1, "start"), KeyBinding([.ctrl("e")], 2, "end")]
        #expect(bindings.command(for: Key(.home)) == 1)
        #expect(bindings.command(for: .ctrl("x")) == nil)
        #expect(bindings.helpRows() == [HelpRow(keys: "Ctrl-A / Home", action: "start"), HelpRow(keys: "Ctrl-E", action: "end")])
    }

    @Test func noKeyIsBoundTwiceInOneTable() {
        func unique<C>(_ bindings: [KeyBinding<C>]) -> Bool {
            let keys = bindings.flatMap(\.keys)
            return Set(keys).count == keys.count
        }
        #expect(unique(ChatScreen.bindings))
        #expect(unique(ChatScreen.samplerBindings))
        #expect(unique(ChatScreen.tokenBindings))
        #expect(unique(ChatScreen.proposalBindings))
        #expect(unique(TextEditor.bindings))
        #expect(unique(AppModel.globalBindings))
        // Keys the chat input takes must not also be editor keys.
        let chatKeys = Set(ChatScreen.bindings.flatMap(\.keys)), editorKeys = Set(TextEditor.bindings.flatMap(\.keys))
        #expect(chatKeys.isDisjoint(with: editorKeys))
        #expect(Set(AppModel.globalBindings.flatMap(\.keys)).isDisjoint(with: chatKeys.union(editorKeys)))
    }
}
