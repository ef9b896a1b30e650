/// The fenced code blocks of a Markdown answer (lines of three or more backticks or tildes,
/// the opening one optionally naming the language), for copying one. A fence left open (a reply
/// still streaming, or cut off) runs to the end of the text.
struct CodeBlocks {
    struct Block: Equatable {
        /// The UTF-8 range the block covers in the text, fences included.
        let span: Range<Int>
        /// The code between the fences, without them.
        let code: String
    }

    let blocks: [Block]

    init(_ text: String) {
        var blocks: [Block] = []
        var offset = 0
        var open: (fence: Substring, start: Int, lines: [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if var current = open {
                if trimmed.hasPrefix(current.fence) && trimmed.drop(while: { $0 == current.fence.first }).allSatisfy(\.isWhitespace) {
                    blocks.append(Block(span: current.start ..< offset + line.utf8.count, code: current.lines.joined(separator: "\n")))
                    open = nil
                } else {
                    current.lines.append(line)
                    open = current
                }
            } else if let mark = trimmed.first, mark == "`" || mark == "~" {
                let fence = trimmed.prefix { $0 == mark }
                if fence.count >= 3 { open = (fence, offset, []) }
            }
            offset += line.utf8.count + 1
        }
        if let current = open {
            blocks.append(Block(span: current.start ..< text.utf8.count, code: current.lines.joined(separator: "\n")))
        }
        self.blocks = blocks
    }

    /// The block covering UTF-8 offset `position`, else the last one.
    func block(at position: Int?) -> Block? {
        position.flatMap { p in blocks.first { $0.span.contains(p) } } ?? blocks.last
    }
}
