import Testing
@testable import Render

@Suite struct GridDiffTests {
    func changes(_ new: CellGrid, since old: CellGrid?) -> [String] {
        var found: [String] = []
        new.forEachChange(since: old) { x, y, cell in found.append("\(x),\(y):\(cell.text)") }
        return found
    }

    @Test func firstFrameWritesEverythingButContinuations() {
        var grid = CellGrid(width: 3, height: 1)
        grid.write("漢a", x: 0, y: 0, style: .plain)
        #expect(changes(grid, since: nil) == ["0,0:漢", "2,0:a"])
    }

    @Test func onlyChangedCellsAreWritten() {
        var old = CellGrid(width: 4, height: 2)
        old.write("abcd", x: 0, y: 0, style: .plain)
        var new = old
        new.write("X", x: 2, y: 0, style: .plain)
        new.restyle(Rect(x: 0, y: 1, width: 1, height: 1)) { $0.attributes = .bold }
        #expect(changes(new, since: old) == ["2,0:X", "0,1: "])
        #expect(changes(old, since: old).isEmpty)
    }

    @Test func aResizeRepaintsEverything() {
        let old = CellGrid(width: 2, height: 1)
        #expect(changes(CellGrid(width: 3, height: 1), since: old).count == 3)
    }

    @Test func replacingAWideCharacterRewritesBothCells() {
        var old = CellGrid(width: 2, height: 1)
        old.write("漢", x: 0, y: 0, style: .plain)
        var new = old
        new.write("ab", x: 0, y: 0, style: .plain)
        #expect(changes(new, since: old) == ["0,0:a", "1,0:b"])
    }
}
