/// The state of a multi-line text field with readline keys.
///
/// Text is kept as an array of graphemes with the cursor as an index into it, so an edit
/// costs at most one shift of the array. A large paste (over `attachmentCharacters`
/// characters or `attachmentLines` lines) is not put into the array: it becomes an
/// attachment shown as one chip, `[pasted 1.0 MB · 20,000 lines]`, marked in the text by
/// U+FFFC OBJECT REPLACEMENT CHARACTER, and expanded again in `text`. Typed or pasted U+FFFC
/// is changed to U+FFFD so it cannot pose as a chip.
public struct TextEditor: Equatable, Sendable {
    public static let attachmentMarker: Character = "\u{FFFC}"
    public static let attachmentCharacters = 2000
    public static let attachmentLines = 40

    public private(set) var characters: [Character] = []
    public private(set) var cursor = 0
    /// Large pastes, in the order of their markers in `characters`.
    public private(set) var attachments: [Attachment] = []

    /// A large paste kept out of the character array, measured once.
    public struct Attachment: Equatable, Sendable {
        public let text: String
        public let lineCount: Int

        init(_ text: String) {
            self.text = text
            lineCount = text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }
    private var killBuffer = ""
    /// The column up/down aim for, kept while moving through shorter rows.
    private var goalColumn: Int?

    public init(_ text: String = "") {
        setText(text)
    }

    public var isEmpty: Bool { characters.isEmpty }

    /// The whole text, attachments expanded.
    public var text: String {
        var result = ""
        var attachmentIndex = 0
        for character in characters {
            if character == Self.attachmentMarker {
                result += attachments[attachmentIndex].text
                attachmentIndex += 1
            } else {
                result.append(character)
            }
        }
        return result
    }

    public mutating func setText(_ text: String) {
        characters = []
        attachments = []
        cursor = 0
        goalColumn = nil
        insert(text)
    }

    /// Types `text` at the cursor. Text that continues the grapheme before the cursor (a
    /// combining mark, the rest of an emoji sequence typed code point by code point) joins it.
    public mutating func insert(_ text: String) {
        var added = Array(text.replacingAttachmentMarkers())
        var start = cursor
        if start > 0, characters[start - 1] != Self.attachmentMarker, let first = added.first,
           Array(String(characters[start - 1]) + String(first)).count == 1 {
            start -= 1
            added = Array(String(characters[start]) + text.replacingAttachmentMarkers())
        }
        characters.replaceSubrange(start..<cursor, with: added)
        cursor = start + added.count
        goalColumn = nil
    }

    /// Inserts pasted text: newlines normalised, large pastes as an attachment chip.
    public mutating func paste(_ pasted: String) {
        let normalized = pasted.replacingLineEndings()
        var lines = 1, count = 0
        for character in normalized {
            count += 1
            if character == "\n" { lines += 1 }
            if count > Self.attachmentCharacters || lines > Self.attachmentLines { break }
        }
        guard count > Self.attachmentCharacters || lines > Self.attachmentLines else {
            insert(normalized)
            return
        }
        let before = characters[..<cursor].lazy.filter { $0 == Self.attachmentMarker }.count
        attachments.insert(Attachment(normalized.replacingAttachmentMarkers()), at: before)
        characters.insert(Self.attachmentMarker, at: cursor)
        cursor += 1
        goalColumn = nil
    }

    // MARK: Commands

    /// Performs `command`; `width` is the field's width for up/down. Returns false when it
    /// could not apply (up on the first row, down on the last), so the caller may use history.
    @discardableResult
    public mutating func perform(_ command: EditCommand, width: Int) -> Bool {
        if command != .up && command != .down { goalColumn = nil }
        switch command {
        case .insertNewline: insert("\n")
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .wordLeft: cursor = wordStart(before: cursor)
        case .wordRight: cursor = wordEnd(after: cursor)
        case .lineStart: cursor = lineStart(of: cursor)
        case .lineEnd: cursor = lineEnd(of: cursor)
        case .textStart: cursor = 0
        case .textEnd: cursor = characters.count
        case .backspace where cursor > 0: delete(cursor - 1..<cursor)
        case .deleteForward where cursor < characters.count: delete(cursor..<cursor + 1)
        case .killToLineEnd:
            let end = lineEnd(of: cursor)
            kill(cursor..<(end == cursor && end < characters.count ? end + 1 : end))
        case .killToLineStart: kill(lineStart(of: cursor)..<cursor)
        case .killWordBackward: kill(whitespaceWordStart(before: cursor)..<cursor)
        case .killWordForward: kill(cursor..<wordEnd(after: cursor))
        case .yank: insert(killBuffer)
        case .up: return moveVertically(by: -1, width: width)
        case .down: return moveVertically(by: 1, width: width)
        case .backspace, .deleteForward: return false
        }
        return true
    }

    /// The edit command for `key` when it is one, else nil (typing is handled separately).
    public static func command(for key: Key) -> EditCommand? {
        bindings.command(for: key)
    }

    public static let bindings: [KeyBinding<EditCommand>] = [
        KeyBinding([Key(.enter, .alt), .ctrl("j")], .insertNewline, "New line"),
        KeyBinding([Key(.left), .ctrl("b")], .left, "Character left"),
        KeyBinding([Key(.right), .ctrl("f")], .right, "Character right"),
        KeyBinding([.alt("b"), Key(.left, .control), Key(.left, .alt)], .wordLeft, "Word left"),
        KeyBinding([.alt("f"), Key(.right, .control), Key(.right, .alt)], .wordRight, "Word right"),
        KeyBinding([.ctrl("a"), Key(.home)], .lineStart, "Start of line"),
        KeyBinding([.ctrl("e"), Key(.end)], .lineEnd, "End of line"),
        KeyBinding([Key(.home, .control)], .textStart, "Start of text"),
        KeyBinding([Key(.end, .control)], .textEnd, "End of text"),
        KeyBinding([Key(.up)], .up, "Row up, or previous message in history"),
        KeyBinding([Key(.down)], .down, "Row down, or next message in history"),
        KeyBinding([Key(.backspace), .ctrl("h")], .backspace, "Delete before the cursor"),
        KeyBinding([Key(.delete), .ctrl("d")], .deleteForward, "Delete at the cursor"),
        KeyBinding([.ctrl("k")], .killToLineEnd, "Cut to the end of the line"),
        KeyBinding([.ctrl("u")], .killToLineStart, "Cut to the start of the line"),
        KeyBinding([.ctrl("w"), Key(.backspace, .alt)], .killWordBackward, "Cut the word before the cursor"),
        KeyBinding([.alt("d")], .killWordForward, "Cut the word after the cursor"),
        KeyBinding([.ctrl("y")], .yank, "Paste what was cut last"),
    ]

    // MARK: Private

    private mutating func delete(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let markersBefore = characters[..<range.lowerBound].lazy.filter { $0 == Self.attachmentMarker }.count
        let markersInside = characters[range].lazy.filter { $0 == Self.attachmentMarker }.count
        attachments.removeSubrange(markersBefore..<markersBefore + markersInside)
        characters.removeSubrange(range)
        cursor = range.lowerBound
    }

    private mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let markersBefore = characters[..<range.lowerBound].lazy.filter { $0 == Self.attachmentMarker }.count
        var cut = ""
        var attachmentIndex = markersBefore
        for character in characters[range] {
            if character == Self.attachmentMarker {
                cut += attachments[attachmentIndex].text
                attachmentIndex += 1
            } else {
                cut.append(character)
            }
        }
        killBuffer = cut
        delete(range)
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    private func wordStart(before index: Int) -> Int {
        var position = index
        while position > 0 && !isWordCharacter(characters[position - 1]) { position -= 1 }
        while position > 0 && isWordCharacter(characters[position - 1]) { position -= 1 }
        return position
    }

    private func wordEnd(after index: Int) -> Int {
        var position = index
        while position < characters.count && !isWordCharacter(characters[position]) { position += 1 }
        while position < characters.count && isWordCharacter(characters[position]) { position += 1 }
        return position
    }

    /// Ctrl-W's notion of a word: everything back to the previous whitespace.
    private func whitespaceWordStart(before index: Int) -> Int {
        var position = index
        while position > 0 && characters[position - 1].isWhitespace { position -= 1 }
        while position > 0 && !characters[position - 1].isWhitespace { position -= 1 }
        return position
    }

    private func lineStart(of index: Int) -> Int {
        var position = index
        while position > 0 && characters[position - 1] != "\n" { position -= 1 }
        return position
    }

    private func lineEnd(of index: Int) -> Int {
        var position = index
        while position < characters.count && characters[position] != "\n" { position += 1 }
        return position
    }

    private mutating func moveVertically(by rows: Int, width: Int) -> Bool {
        let layout = EditorLayout(self, width: width)
        let (row, column) = layout.position(of: cursor)
        let target = row + rows
        guard target >= 0 && target < layout.rows.count else { return false }
        let goal = goalColumn ?? column
        cursor = layout.index(atRow: target, column: goal)
        goalColumn = goal
        return true
    }
}

public enum EditCommand: Equatable, Sendable {
    case insertNewline, left, right, wordLeft, wordRight, lineStart, lineEnd, textStart, textEnd, up, down
    case backspace, deleteForward, killToLineEnd, killToLineStart, killWordBackward, killWordForward, yank
}

extension String {
    /// "\r\n" and lone "\r" as "\n", as terminals send pasted newlines. Works on bytes: a
    /// paste can be megabytes.
    func replacingLineEndings() -> String {
        guard utf8.contains(0x0D) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var afterCarriageReturn = false
        for byte in utf8 {
            if byte == 0x0A && afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = byte == 0x0D
            bytes.append(afterCarriageReturn ? 0x0A : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// U+FFFC made U+FFFD, so pasted text cannot pose as an attachment marker.
    func replacingAttachmentMarkers() -> String {
        guard unicodeScalars.contains("\u{FFFC}") else { return self }
        return String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{FFFC}" ? "\u{FFFD}" : $0 }))
    }
}
