/// Unicode braille patterns (U+2800…U+28FF): a cell of 2 × 4 dots, one bit per dot.
enum Braille {
    /// The bit of the dot at `column` 0...1, `row` 0...3. Dots 1–6 (the original six-dot cell)
    /// run down the left column, then the right; dots 7 and 8 were added below.
    static func bit(column: Int, row: Int) -> UInt8 {
        row == 3 ? (column == 0 ? 0x40 : 0x80) : UInt8(1) << (row + 3 * column)
    }

    /// The pattern with `dots` raised; a space for none (fonts agree on its width).
    static func character(_ dots: UInt8) -> Character {
        dots == 0 ? " " : Character(Unicode.Scalar(0x2800 + UInt32(dots))!)
    }
}
