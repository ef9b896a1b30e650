extension CellGrid {
    /// Calls `body` with the position and cell of every cell that differs from `previous`
    /// (every cell when there is no previous frame or its size differs), row by row.
    /// Continuation cells are left out: the wide grapheme on their left covers them.
    public func forEachChange(since previous: CellGrid?, _ body: (_ x: Int, _ y: Int, _ cell: Cell) -> Void) {
        let comparable = previous.map { $0.width == width && $0.height == height } ?? false
        for y in 0..<height {
            for x in 0..<width {
                let index = y * width + x
                let cell = cells[index]
                if cell.isContinuation { continue }
                if comparable, let previous, previous.cells[index] == cell { continue }
                body(x, y, cell)
            }
        }
    }
}
