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

    @Test func twoPixelRowsPerLine() {
        // 3 × 3: rows 0–1 average into line 0, row 2 stands alone in line 1.
        let levels: [Float] = [0, 1, 1,
                               0, 1, 0,
                               1, 0, 0.5]
        let lines = AsciiRamp.standard.lines(levels: levels, width: 3, height: 3)
        #expect(lines == [" @+", "@ +"])
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
