import Testing
@testable import TUI

@Suite struct KeyDecodingTests {
    @Test func controlCharacters() {
        #expect(KeyDecoding.key(forCharacter: 13) == Key(.enter))
        #expect(KeyDecoding.key(forCharacter: 10) == .ctrl("j"))
        #expect(KeyDecoding.key(forCharacter: 8) == .ctrl("h"))
        #expect(KeyDecoding.key(forCharacter: 127) == Key(.backspace))
        #expect(KeyDecoding.key(forCharacter: 1) == .ctrl("a"))
        #expect(KeyDecoding.key(forCharacter: 0) == nil)
        #expect(KeyDecoding.key(forCharacter: 0x6F22) == .char("漢"))
    }

    @Test func terminfoNames() {
        #expect(KeyDecoding.key(forTerminfoName: "kLFT5") == Key(.left, .control))
        #expect(KeyDecoding.key(forTerminfoName: "kRIT3") == Key(.right, .alt))
        #expect(KeyDecoding.key(forTerminfoName: "kNXT5") == Key(.pageDown, .control))
        #expect(KeyDecoding.key(forTerminfoName: "kUP6") == Key(.up, [.control, .shift]))
        #expect(KeyDecoding.key(forTerminfoName: "kxIN") == nil)
    }

    @Test func escapeSequencesNcursesMayNotKnow() {
        #expect(KeyDecoding.key(forEscapeSequence: "1~") == Key(.home))
        #expect(KeyDecoding.key(forEscapeSequence: "4~") == Key(.end))
        #expect(KeyDecoding.key(forEscapeSequence: "3;5~") == Key(.delete, .control))
        #expect(KeyDecoding.key(forEscapeSequence: "1;5D") == Key(.left, .control))
        #expect(KeyDecoding.key(forEscapeSequence: "H") == Key(.home))
        #expect(KeyDecoding.key(forEscapeSequence: "F", ss3: true) == Key(.end))
        #expect(KeyDecoding.key(forEscapeSequence: "P", ss3: true) == Key(.function(1)))
        #expect(KeyDecoding.key(forEscapeSequence: "15~") == Key(.function(5)))
        #expect(KeyDecoding.key(forEscapeSequence: "200~") == nil)
        #expect(KeyDecoding.key(forEscapeSequence: "?1049h") == nil)
    }
}
