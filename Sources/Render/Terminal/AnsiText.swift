extension CellGrid {
    /// The grid as lines of text with SGR escape sequences for its colours and attributes, for
    /// printing without ncurses (command-line previews). Colours go through `TerminalColors`
    /// as on screen; a redefinable palette prints as direct colour. Each line ends with a reset
    /// (when styled) and a newline.
    public func ansiText(mode: ColorMode) -> String {
        var colors = TerminalColors(mode: mode == .redefinablePalette ? .direct : mode, pairLimit: 0)
        var text = ""
        for y in 0 ..< height {
            var current = CellStyle.plain
            for x in 0 ..< width where !self[x, y].isContinuation {
                let cell = self[x, y]
                if cell.style != current {
                    let numbers = colors.colorNumbers(for: cell.style, keepingTextReadable: !cell.isBlockElement)
                    text += Self.selectGraphicRendition(cell.style.attributes, numbers.foreground, numbers.background, mode: colors.mode)
                    current = cell.style
                }
                text += cell.text
            }
            text += (current == .plain ? "" : "\u{1B}[0m") + "\n"
        }
        return text
    }

    /// `ESC [ 0 ; … m`: a reset, then the attributes and colours (numbers as `TerminalColors`
    /// gives them; -1 for the terminal default).
    private static func selectGraphicRendition(_ attributes: CellAttributes, _ foreground: Int, _ background: Int, mode: ColorMode) -> String {
        var codes = ["0"]
        let attributeCodes: [(CellAttributes, String)] = [(.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7")]
        for (attribute, code) in attributeCodes where attributes.contains(attribute) { codes.append(code) }
        func color(_ number: Int, base: Int) -> String? {
            guard number >= 0 else { return nil }
            switch mode {
            case .direct: return "\(base + 8);2;\(number >> 16);\((number >> 8) & 0xFF);\(number & 0xFF)"
            case .indexed256, .redefinablePalette: return "\(base + 8);5;\(number)"
            case .ansi8: return "\(base + number)"
            case .monochrome: return nil
            }
        }
        if let code = color(foreground, base: 30) { codes.append(code) }
        if let code = color(background, base: 40) { codes.append(code) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
