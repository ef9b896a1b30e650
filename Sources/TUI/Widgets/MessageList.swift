import Engine
import Render

/// The conversation as rows: a header per message, its wrapped body, a blank row between
/// messages; the system prompt first when there is one.
struct MessageList {
    enum Row: Equatable {
        case header(message: Int)
        case body(message: Int, row: Int)
        case spacer
    }

    /// The message index the system prompt is listed under.
    static let systemPromptIndex = -1
    static let indent = 2

    let rows: [Row]
    private let layouts: [Int: MessageLayout]
    private let systemPrompt: ChatMessage?

    /// `width` is the list's width; bodies wrap two cells narrower (the indent) and one more
    /// for the scrollbar.
    init(_ screen: ChatScreen, width: Int) {
        let bodyWidth = max(1, width - Self.indent - 1)
        let conversation = screen.conversation
        var rows: [Row] = []
        var layouts: [Int: MessageLayout] = [:]
        let prompt = conversation.systemPrompt.isEmpty ? nil
            : ChatMessage(id: Int.min + Int(truncatingIfNeeded: conversation.systemPrompt.hashValue & 0xFFFF_FFFF),
                          role: .system, text: conversation.systemPrompt)
        let all = (prompt.map { [(Self.systemPromptIndex, $0)] } ?? []) + conversation.messages.enumerated().map { ($0.offset, $0.element) }
        for (index, message) in all {
            let reasoning = MessageLayout.Reasoning(isExpanded: screen.showsReasoning, isStreaming: screen.generation?.messageIndex == index)
            let layout = screen.layoutCache.layout(of: message, in: conversation.id, width: bodyWidth, reasoning: reasoning)
            layouts[index] = layout
            if !rows.isEmpty { rows.append(.spacer) }
            rows.append(.header(message: index))
            let isEmptyReply = message.text.isEmpty && message.error == nil
            if !isEmptyReply {
                for row in layout.rows.indices { rows.append(.body(message: index, row: row)) }
            }
        }
        self.rows = rows
        self.layouts = layouts
        systemPrompt = prompt
    }

    func layout(of message: Int) -> MessageLayout? { layouts[message] }

    /// The first row shown in a list `height` rows tall.
    func firstVisibleRow(_ scroll: ScrollPosition, height: Int) -> Int {
        let maxTop = max(0, rows.count - height)
        switch scroll {
        case .bottom: return maxTop
        case .top(let row): return min(max(0, row), maxTop)
        }
    }

    /// The row that shows `token` of `message`.
    func row(ofToken token: Int, in message: Int) -> Int? {
        guard let layout = layouts[message] else { return nil }
        guard let bodyRow = layout.rows.firstIndex(where: { range in
            layout.glyphs[range].contains { $0.tag == Int32(token) }
        }) else { return nil }
        return rows.firstIndex(of: .body(message: message, row: bodyRow))
    }
}

extension MessageList {
    /// Draws the rows from `scroll` into `area`, with a scrollbar on the right when the
    /// conversation is taller than the area.
    func draw(_ screen: ChatScreen, model: AppModel, in area: Rect, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let theme = model.theme
        let top = firstVisibleRow(screen.scroll, height: area.height)
        let heat = screen.heatmap ? TokenHeatmap.palette(theme) : []
        for (offset, row) in rows[top..<min(rows.count, top + area.height)].enumerated() {
            let y = area.y + offset
            switch row {
            case .spacer: break
            case .header(let index): drawHeader(index, screen: screen, model: model, x: area.x, y: y, grid: &grid)
            case .body(let index, let bodyRow):
                drawBody(index, bodyRow, screen: screen, theme: theme, heat: heat, x: area.x + Self.indent, y: y, grid: &grid)
            }
        }
        drawScrollbar(top: top, in: area, theme: theme, grid: &grid)
    }

    private func message(_ index: Int, _ screen: ChatScreen) -> ChatMessage? {
        index == Self.systemPromptIndex ? systemPrompt : screen.conversation.messages[index]
    }

    private func drawHeader(_ index: Int, screen: ChatScreen, model: AppModel, x: Int, y: Int, grid: inout CellGrid) {
        guard let message = message(index, screen) else { return }
        let theme = model.theme
        let (label, role): (String, ThemeRole) = switch (index, message.role) {
        case (Self.systemPromptIndex, _): ("System prompt", .systemLabel)
        case (_, .user): (screen.editingMessage == index ? "You (editing)" : "You", .userLabel)
        case (_, .assistant): ("Assistant", .assistantLabel)
        case (_, .system): ("System", .systemLabel)
        }
        var column = grid.write("▌" + label, x: x, y: y, style: theme[role])
        if let generation = screen.generation, generation.messageIndex == index {
            let activity = generation.mode == .proposeNext || screen.proposal != nil ? "stepping" : "generating"
            column = grid.write("  \(Spinner.frame(model.animationFrame)) \(activity)", x: column, y: y, style: theme[.accent])
        }
        if message.role == .assistant && !message.tokens.isEmpty {
            grid.write("  \(message.tokens.count) tokens", x: column, y: y, style: theme[.muted])
        }
    }

    /// `heat` is the heatmap palette, empty when the heatmap is off.
    private func drawBody(_ index: Int, _ bodyRow: Int, screen: ChatScreen, theme: Theme, heat: [CellStyle],
                          x: Int, y: Int, grid: inout CellGrid) {
        guard let layout = layouts[index], let message = message(index, screen) else { return }
        let base = index == Self.systemPromptIndex ? theme[.muted].with(.italic) : theme[.text]
        let cursorToken = screen.tokenCursor.flatMap { $0.message == index ? Int32($0.token) : nil }
        var column = x
        for position in layout.rows[bodyRow] {
            let glyph = layout.glyphs[position]
            let isReasoning = layout.reasoningGlyphs.contains(position)
            var style = isReasoning ? theme[.muted] : base
            if glyph.tag == MessageLayout.errorTag {
                style = theme[.error]
            } else if glyph.tag >= 0 {
                if glyph.tag == cursorToken {
                    style = theme[.selection]
                } else if !heat.isEmpty {
                    let level = heat[TokenHeatmap.level(message.tokens[Int(glyph.tag)].probability)]
                    style = isReasoning ? level.with(.dim) : level
                }
            }
            if glyph.isPlaceholder { style = style.with(.dim) }
            column = grid.put(glyph.character, width: Int(glyph.width), x: column, y: y, style: style)
        }
        let isLastRow = bodyRow == layout.rows.count - 1
        if isLastRow, let generation = screen.generation, generation.messageIndex == index, screen.proposal == nil {
            grid.write("▍", x: column, y: y, style: theme[.accent])
        }
    }

    private func drawScrollbar(top: Int, in area: Rect, theme: Theme, grid: inout CellGrid) {
        guard rows.count > area.height, area.height > 0 else { return }
        let x = area.maxX - 1
        let thumbHeight = max(1, area.height * area.height / rows.count)
        let thumbTop = (area.height - thumbHeight) * top / max(1, rows.count - area.height)
        for offset in 0..<area.height {
            let isThumb = offset >= thumbTop && offset < thumbTop + thumbHeight
            grid.write(isThumb ? "┃" : "│", x: x, y: area.y + offset, style: theme[isThumb ? .accent : .border])
        }
    }
}

/// A braille spinner for things in progress.
enum Spinner {
    static let frames: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    static func frame(_ counter: Int) -> Character { frames[(counter / 2) % frames.count] }
}
