import Render

/// A `TextEditor`'s text wrapped to a width: the rows to draw and where each character (and
/// the cursor) sits. Attachments are drawn as chips.
public struct EditorLayout {
    public let glyphs: [Glyph]
    public let rows: [Range<Int>]
    /// Row and column of every character index, and of the end of the text.
    private let positions: [(row: Int, column: Int)]

    public init(_ editor: TextEditor, width: Int) {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(editor.characters.count)
        var attachmentIndex = 0
        for (index, character) in editor.characters.enumerated() {
            if character == TextEditor.attachmentMarker {
                let chip = Self.chipLabel(editor.attachments[attachmentIndex])
                attachmentIndex += 1
                for glyphCharacter in chip {
                    glyphs.append(Glyph(glyphCharacter, width: DisplayWidth.of(glyphCharacter), isPlaceholder: true, tag: Int32(index)))
                }
            } else {
                Glyphs.append(character, tag: Int32(index), to: &glyphs)
            }
        }
        let rows = WordWrap.rows(glyphs, width: width)
        self.glyphs = glyphs
        self.rows = rows

        var positions = [(row: Int, column: Int)?](repeating: nil, count: editor.characters.count + 1)
        for (rowIndex, row) in rows.enumerated() {
            var column = 0
            for glyph in glyphs[row] {
                if positions[Int(glyph.tag)] == nil { positions[Int(glyph.tag)] = (rowIndex, column) }
                column += Int(glyph.width)
            }
            // Characters between this row and the next (a line break, a space dropped at a
            // wrap) sit at the end of this row.
            let nextStart = rowIndex + 1 < rows.count ? rows[rowIndex + 1].lowerBound : glyphs.count
            for glyph in glyphs[row.upperBound..<nextStart] where positions[Int(glyph.tag)] == nil {
                positions[Int(glyph.tag)] = (rowIndex, column)
            }
            if rowIndex == rows.count - 1 { positions[editor.characters.count] = (rowIndex, column) }
        }
        // A character with no glyph (an invisible format character) sits where the next one does.
        var following = positions.last! ?? (0, 0)
        self.positions = positions.reversed().map { position in
            following = position ?? following
            return following
        }.reversed()
    }

    public func position(of index: Int) -> (row: Int, column: Int) {
        positions[min(max(index, 0), positions.count - 1)]
    }

    /// The character index nearest to (`row`, `column`) without going past it.
    public func index(atRow row: Int, column: Int) -> Int {
        var best: Int?
        for (index, position) in positions.enumerated() where position.row >= row {
            if position.row > row || (best != nil && position.column > column) { break }
            best = index
        }
        return best ?? positions.count - 1
    }

    static func chipLabel(_ attachment: TextEditor.Attachment) -> String {
        let bytes = attachment.text.utf8.count
        let lines = attachment.lineCount
        let size = bytes >= 1 << 20 ? formatted(Double(bytes) / Double(1 << 20), "MB")
            : bytes >= 1 << 10 ? formatted(Double(bytes) / Double(1 << 10), "KB") : "\(bytes) B"
        return "[pasted \(size) · \(lines.grouped) line\(lines == 1 ? "" : "s")]"
    }

    private static func formatted(_ value: Double, _ unit: String) -> String {
        "\(Double(Int(value * 10 + 0.5)) / 10) \(unit)"
    }
}

extension Int {
    /// 20000 as "20,000".
    var grouped: String {
        let digits = String(Swift.abs(self))
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return self < 0 ? "-" + result : result
    }
}
