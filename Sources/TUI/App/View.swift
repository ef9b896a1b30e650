import Render

/// Draws the whole screen for `model`.
public func view(_ model: AppModel) -> CellGrid {
    let theme = model.theme
    var grid = CellGrid(width: model.size.width, height: model.size.height, fill: Cell(" ", style: theme[.text]))
    if model.isTooSmall {
        model.drawTooSmall(&grid)
        return grid
    }
    let (top, rest) = grid.bounds.splitTop(1)
    let (body, bottom) = rest.splitBottom(1)
    TabBar(active: model.tab, rightTitle: model.tab == .chat ? model.chat.conversation.title : "")
        .draw(in: top, theme: theme, grid: &grid)
    switch model.tab {
    case .chat: model.drawChat(in: body, grid: &grid)
    case .diffusion: model.drawDiffusion(in: body, grid: &grid)
    case .gan: model.drawGAN(in: body, grid: &grid)
    case .vae: model.drawVAE(in: body, grid: &grid)
    case .models: model.drawModels(in: body, grid: &grid)
    }
    let hints: [(key: String, action: String)] = switch model.tab {
    case .chat: model.chatHints
    case .diffusion: [("Space", "play"), ("←→", "step"), ("F1", "help")]
    case .gan: [("a/b", "mark"), ("Enter", "walk"), ("F1", "help")]
    case .vae: [("v", "view"), ("←→", "move"), ("F1", "help")]
    case .models: [("Enter", "load"), ("F1", "help")]
    }
    StatusBar(segments: model.tab == .chat || model.tab == .models ? model.chatStatusSegments : model.imageStatusSegments,
              hints: hints, notice: model.notice)
        .draw(in: bottom, theme: theme, grid: &grid)
    if let overlay = model.overlay { model.draw(overlay, over: body, grid: &grid) }
    return grid
}

extension AppModel {
    func draw(_ overlay: Overlay, over area: Rect, grid: inout CellGrid) {
        grid.cursor = nil
        switch overlay {
        case .help(let scroll):
            HelpOverlay(sections: helpSections, scroll: scroll).draw(over: area, theme: theme, grid: &grid)
        case .confirmQuit:
            ConfirmDialog(title: "Quit?", message: "A reply is still being generated.", confirmLabel: "quit", cancelLabel: "keep going")
                .draw(over: area, theme: theme, grid: &grid)
        case .offerDownload(let entry):
            ConfirmDialog(title: "Download a chat model?",
                          message: "There is no chat model yet. Download \(entry.name) (\(entry.detail))?",
                          confirmLabel: "download", cancelLabel: "not now")
                .draw(over: area, theme: theme, grid: &grid)
        case .chatPicker(let picker):
            picker.draw(over: area, theme: theme, now: now, grid: &grid)
        case .editor(let edited, let editor):
            let box = editorBox(edited)
            let (title, placeholder) = switch edited {
            case .systemPrompt: ("System prompt · Enter saves · Esc cancels", "You are a helpful assistant.")
            case .stopStrings: (#"Stop strings · | separates · \n newline · Enter saves · Esc cancels"#, #"User:|\n\n"#)
            }
            grid.fill(box, style: theme[.dialog])
            grid.drawBox(box, style: theme.style(.borderFocused, on: .dialog), title: title, titleStyle: theme.style(.title, on: .dialog))
            EditorView(editor: editor, placeholder: placeholder, isFocused: true)
                .draw(in: box.inset(by: 1), theme: theme, base: .dialog, grid: &grid)
        }
    }

    /// The system prompt gets room for paragraphs; stop strings are one line of text.
    func editorBox(_ edited: EditedText) -> Rect {
        let rows = edited == .systemPrompt ? 10 : 3
        return bodyArea.centered(Size(width: min(bodyArea.width - 4, 80), height: min(bodyArea.height - 2, rows + 2)))
    }

    /// The message below the minimum size, wrapped to whatever room there is.
    func drawTooSmall(_ grid: inout CellGrid) {
        var rows: [(glyphs: ArraySlice<Glyph>, role: ThemeRole)] = []
        for (text, role) in [("Terminal too small", ThemeRole.warning),
                             ("need \(Self.minimumSize.width)×\(Self.minimumSize.height), have \(size.width)×\(size.height)", .muted)] {
            var glyphs: [Glyph] = []
            Glyphs.appendText(text, to: &glyphs)
            rows += WordWrap.rows(glyphs, width: size.width).map { (glyphs[$0], role) }
        }
        let top = max(0, (size.height - rows.count) / 2)
        for (offset, row) in rows.enumerated() {
            let trimmed = row.glyphs.last?.isSpace == true ? row.glyphs.dropLast() : row.glyphs
            var x = max(0, (size.width - trimmed.reduce(0) { $0 + Int($1.width) }) / 2)
            for glyph in trimmed {
                x = grid.put(glyph.character, width: Int(glyph.width), x: x, y: top + offset, style: theme[row.role])
            }
        }
    }
}
