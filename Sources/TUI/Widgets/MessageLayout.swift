import Engine
import Render

/// One message's body as glyphs wrapped to a width.
///
/// Glyph tags say what each glyph shows: for a generated reply, the index of the token it
/// came from (a grapheme made of several tokens, such as an emoji sequence, belongs to the
/// token of its first byte); `plainTag` for other text; `errorTag` for the error line.
struct MessageLayout {
    static let plainTag: Int32 = -1
    static let errorTag: Int32 = -2

    let glyphs: [Glyph]
    let rows: [Range<Int>]

    init(_ message: ChatMessage, width: Int) {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(message.text.utf8.count)
        if message.tokens.isEmpty {
            Glyphs.appendText(message.text, tag: Self.plainTag, to: &glyphs)
        } else {
            Self.appendTokenText(message, to: &glyphs)
        }
        if let error = message.error {
            if !glyphs.isEmpty { glyphs.append(.lineBreak(tag: Self.errorTag)) }
            Glyphs.appendText("⚠ " + error, tag: Self.errorTag, to: &glyphs)
        }
        self.glyphs = glyphs
        rows = WordWrap.rows(glyphs, width: width)
    }

    /// Glyphs of the text, tagged with token indices by UTF-8 offset.
    private static func appendTokenText(_ message: ChatMessage, to glyphs: inout [Glyph]) {
        var tokenEnds: [(end: Int, index: Int)] = []
        var offset = 0
        for (index, token) in message.tokens.enumerated() where !token.isEndOfGeneration && !token.text.isEmpty {
            offset += token.text.utf8.count
            tokenEnds.append((offset, index))
        }
        var next = 0
        offset = 0
        for grapheme in message.text {
            while next < tokenEnds.count - 1 && offset >= tokenEnds[next].end { next += 1 }
            let tag = tokenEnds.isEmpty ? Self.plainTag : Int32(tokenEnds[next].index)
            Glyphs.append(grapheme, tag: tag, to: &glyphs)
            offset += grapheme.utf8.count
        }
    }
}

/// Layouts of the messages of the last frames, one per message, so that only a message that
/// changed (the one streaming) is wrapped again. A pure memo: it never changes what is drawn.
final class MessageLayoutCache {
    private struct Key: Equatable {
        let conversationID: String
        let textBytes: Int
        let tokenCount: Int
        let error: String?
        let width: Int
    }

    private var entries: [Int: (key: Key, layout: MessageLayout)] = [:]

    func layout(of message: ChatMessage, in conversationID: String, width: Int) -> MessageLayout {
        let key = Key(conversationID: conversationID, textBytes: message.text.utf8.count,
                      tokenCount: message.tokens.count, error: message.error, width: width)
        if let entry = entries[message.id], entry.key == key { return entry.layout }
        let layout = MessageLayout(message, width: width)
        entries[message.id] = (key, layout)
        return layout
    }
}
