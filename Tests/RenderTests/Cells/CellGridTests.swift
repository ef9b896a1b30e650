import Testing
@testable import Render

@Suite struct CellGridTests {
    @Test func writesAndClipsAtTheRightEdge() {
        var grid = CellGrid(width: 5, height: 2)
        let end = grid.write("hello world", x: 1, y: 0, style: .plain)
        #expect(grid.lines == [" hell", "     "])
        #expect(end == 5)
    }

    @Test func writesOutsideTheGridAreIgnored() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("abc", x: 0, y: 5, style: .plain)
        grid.write("abc", x: -2, y: 0, style: .plain)
        #expect(grid.lines == ["c  "])
    }

    @Test func wideCharactersTakeTwoCells() {
        var grid = CellGrid(width: 6, height: 1)
        #expect(grid.write("漢字x", x: 0, y: 0, style: .plain) == 5)
        #expect(grid.lines == ["漢字x "])
        #expect(grid[1, 0].isContinuation)
    }

    @Test func wideCharacterThatDoesNotFitIsLeftOut() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("a漢字", x: 0, y: 0, style: .plain)
        #expect(grid.lines == ["a漢"])
        var narrow = CellGrid(width: 1, height: 1)
        narrow.write("漢", x: 0, y: 0, style: .plain)
        #expect(narrow.lines == [" "])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 4, height: 1)
        grid.write("漢字", x: 0, y: 0, style: .plain)
        grid.write("a", x: 1, y: 0, style: .plain)   // right half of 漢
        #expect(grid.lines == [" a字"])
        grid.write("b", x: 2, y: 0, style: .plain)   // left half of 字
        #expect(grid.lines == [" ab "])
    }

    @Test func combiningMarksStayInTheirCell() {
        var grid = CellGrid(width: 4, height: 1)
        grid.write("e\u{301}x", x: 0, y: 0, style: .plain)
        #expect(grid[0, 0].text == "e\u{301}")
        #expect(grid.lines == ["e\u{301}x  "])
    }

    @Test func aLoneMarkGetsADottedCircle() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("\u{301}a", x: 0, y: 0, style: .plain)
        #expect(grid[0, 0].text == "\u{25CC}\u{301}")
        #expect(grid.lines == ["\u{25CC}\u{301}a "])
    }

    @Test func emojiZWJSequenceIsOneWideCell() {
        var grid = CellGrid(width: 4, height: 1)
        grid.write("👨‍👩‍👧!", x: 0, y: 0, style: .plain)
        #expect(grid[0, 0].text == "👨‍👩‍👧")
        #expect(grid.lines == ["👨‍👩‍👧! "])
    }

    @Test func controlCharactersNeverReachACell() {
        var grid = CellGrid(width: 20, height: 1)
        grid.write("\u{1B}[2J\u{9B}1m\u{202E}\u{0}", x: 0, y: 0, style: .plain)
        #expect(grid.lines == ["␛[2J␛[1m⟨RLO⟩␀      "])
        #expect(grid[0, 0].style.attributes.contains(.dim))   // placeholders are dimmed
        for cell in grid.cells {
            #expect(cell.text.unicodeScalars.allSatisfy(TerminalSafety.isSafe))
        }
    }

    @Test func clippedWritesStayInside() {
        var grid = CellGrid(width: 6, height: 3)
        grid.clipped(to: Rect(x: 1, y: 1, width: 3, height: 1)) { grid in
            grid.write("abcdef", x: 0, y: 1, style: .plain)
            grid.write("zzz", x: 0, y: 0, style: .plain)
            grid.fill(Rect(x: 0, y: 0, width: 6, height: 3), with: ".", style: .plain)
        }
        #expect(grid.lines == ["      ", " ...  ", "      "])
        #expect(grid.clip == grid.bounds)
    }

    @Test func boxWithTitle() {
        var grid = CellGrid(width: 10, height: 3)
        grid.drawBox(grid.bounds, style: .plain, title: "Hi")
        #expect(grid.lines == ["╭─ Hi ───╮", "│        │", "╰────────╯"])
    }

    @Test func boxTitleIsClippedToTheBorder() {
        var grid = CellGrid(width: 8, height: 2)
        grid.drawBox(grid.bounds, style: .plain, title: "A long title")
        #expect(grid.lines == ["╭─ A l─╮", "╰──────╯"])
    }

    @Test func blitCopiesAndClips() {
        var small = CellGrid(width: 2, height: 2)
        small.write("ab", x: 0, y: 0, style: .plain)
        small.write("cd", x: 0, y: 1, style: .plain)
        var grid = CellGrid(width: 3, height: 2, fill: Cell("."))
        grid.blit(small, at: Point(x: 2, y: 1))
        #expect(grid.lines == ["...", "..a"])
    }

    @Test func restyleKeepsText() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("abc", x: 0, y: 0, style: .plain)
        grid.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0.attributes.insert(.reverse) }
        #expect(grid.lines == ["abc"])
        #expect(grid[1, 0].style.attributes == .reverse)
        #expect(grid[0, 0].style.attributes == [])
    }

    @Test func degenerateSizesDoNotCrash() {
        var empty = CellGrid(width: 0, height: 0)
        empty.write("x", x: 0, y: 0, style: .plain)
        empty.fill(Rect(x: 0, y: 0, width: 5, height: 5), style: .plain)
        empty.drawBox(Rect(x: 0, y: 0, width: 5, height: 5), style: .plain)
        #expect(empty.lines == [])
        var one = CellGrid(width: 1, height: 1)
        one.drawBox(one.bounds, style: .plain, title: "t")
        one.write("漢字", x: 0, y: 0, style: .plain)
        #expect(one.lines == [" "])
        #expect(CellGrid(width: -3, height: 2).cells.isEmpty)
    }
}
