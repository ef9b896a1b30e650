import Testing
@testable import Render

@Suite struct AsciiRampTests {
    @Test func levelsMapToEqualBins() {
        let ramp = AsciiRamp(" .#")
        #expect(ramp.character(for: 0) == " ")
        #expect(ramp.character(for: 0.33) == " ")
        #expect(ramp.character(for: 0.34) == ".")
        #expect(ramp.character(for: 0.7) == "#")
        #expect(ramp.character(for: 1) == "#")
        #expect(ramp.character(for: -3) == " " && ramp.character(for: 9) == "#" && ramp.character(for: .nan) == " ")
    }

    @Test func shortRampsGiveOneCharacter() {
        #expect([0, 0.5, 1].map(AsciiRamp("#").character) == ["#", "#", "#"])
        #expect(AsciiRamp("").character(for: 0.7) == " ")
    }

    @Test func builtInRamps() {
        #expect(AsciiRamp.long.characters.count == 70)
        #expect(AsciiRamp.long.character(for: 0) == " " && AsciiRamp.long.character(for: 1) == "$")
        #expect(AsciiRamp.long.character(for: 0.5) == "n")
        #expect((0 ... 4).map { AsciiRamp.blocks.character(for: Float($0) / 4) } == [" ", "░", "▒", "▓", "█"])
        #expect(AsciiRamp.named.map(\.name) == ["standard", "long", "blocks"])
        #expect(AsciiRamp.named.map(\.ramp) == [.standard, .long, .blocks])
    }
}
