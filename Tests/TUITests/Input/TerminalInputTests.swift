import Render
import Testing
@testable import TUI

@Suite struct TerminalInputTests {
    static let esc = TerminalInput.character(27)

    static func characters(_ text: String) -> [TerminalInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test func anEscBeforeAResizeIsAnEscThenTheResize() {
        let resize = Msg.resize(Size(width: 100, height: 30))
        #expect(TerminalInput.messages([Self.esc, .decoded(resize)]) == [.key(Key(.escape)), resize])
    }

    @Test func anEscBeforeAKeyNcursesDecodedIsAnEscThenThatKey() {
        let f2 = Msg.key(Key(.function(2)))
        #expect(TerminalInput.messages([Self.esc, .decoded(f2)]) == [.key(Key(.escape)), f2])
        let click = Msg.mouse(.click(at: Point(x: 3, y: 0)))
        #expect(TerminalInput.messages([Self.esc, .decoded(click)]) == [.key(Key(.escape)), click])
    }

    @Test func anEscBeforeACharacterIsAlt() {
        #expect(TerminalInput.messages([Self.esc] + Self.characters("x")) == [.key(.alt("x"))])
        #expect(TerminalInput.messages([Self.esc, .character(13)]) == [.key(Key(.enter, .alt))])
        #expect(TerminalInput.messages([Self.esc] + Self.characters("[")) == [.key(.alt("["))])
    }

    @Test func aLoneEscAndEscsInARow() {
        #expect(TerminalInput.messages([Self.esc]) == [.key(Key(.escape))])
        #expect(TerminalInput.messages([Self.esc, Self.esc]) == [.key(Key(.escape)), .key(Key(.escape))])
        // The second Esc still starts a sequence.
        #expect(TerminalInput.messages([Self.esc, Self.esc] + Self.characters("[1~")) == [.key(Key(.escape)), .key(Key(.home))])
    }

    @Test func sequencesNcursesDidNotKnowAreDecodedOrDroppedWhole() {
        #expect(TerminalInput.messages([Self.esc] + Self.characters("[1;5Dx")) == [.key(Key(.left, .control)), .key(.char("x"))])
        #expect(TerminalInput.messages([Self.esc] + Self.characters("OF")) == [.key(Key(.end))])
        #expect(TerminalInput.messages([Self.esc] + Self.characters("[?1049hy")) == [.key(.char("y"))])
        // A resize in the middle ends the sequence and is kept.
        let resize = Msg.resize(Size(width: 80, height: 24))
        #expect(TerminalInput.messages([Self.esc] + Self.characters("[1") + [.decoded(resize)]) == [resize])
    }

    @Test func charactersWithoutEscAreKeys() {
        #expect(TerminalInput.messages(Self.characters("hi") + [.character(1), .character(0)]) == [.key(.char("h")), .key(.char("i")), .key(.ctrl("a"))])
    }
}
