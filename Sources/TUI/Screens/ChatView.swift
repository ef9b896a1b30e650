import Render

/// Draws the Chat screen: messages, panels, the input box.
extension AppModel {
    func drawChat(in area: Rect, grid: inout CellGrid) {
        let layout = chatLayout
        if chat.conversation.messages.isEmpty && chat.conversation.systemPrompt.isEmpty {
            drawWelcome(in: layout.messages, grid: &grid)
        } else {
            MessageList(chat, width: layout.messages.width).draw(chat, model: self, in: layout.messages, grid: &grid)
        }
        if let samplerArea = layout.sampler {
            SamplerPanel(settings: chat.sampler, selectedRow: chat.samplerRow, isFocused: chat.focus == .sampler,
                         isGenerating: chat.isGenerating)
                .draw(in: samplerArea, theme: theme, grid: &grid)
        }
        if let tokenArea = layout.tokens, let subject = chat.tokenPanelSubject {
            TokenPanel(subject: subject, isFocused: chat.focus == .tokens || chat.focus == .proposal)
                .draw(in: tokenArea, theme: theme, grid: &grid)
        }
        drawInput(in: layout.input, grid: &grid)
    }

    private func drawInput(in area: Rect, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let focused = chat.focus == .input && overlay == nil
        let title = chat.editingMessage != nil ? "Edit message · Enter resends · Esc cancels"
            : chat.stepMode ? "Message · step mode" : "Message"
        grid.fill(area, style: theme[.text])
        grid.drawBox(area, style: theme[focused ? .borderFocused : .border], title: title, titleStyle: theme[.title])
        let placeholder = chat.isGenerating ? "Generating… Esc stops" : "Type a message · Enter sends · Alt-Enter new line · F1 keys"
        EditorView(editor: chat.input, placeholder: placeholder, isFocused: focused)
            .draw(in: area.inset(by: 1), theme: theme, base: .text, grid: &grid)
    }

    private func drawWelcome(in area: Rect, grid: inout CellGrid) {
        let modelLine: (String, ThemeRole) = switch modelStatus {
        case .ready(let info): ("Chatting with \(info.name)", .accent)
        case .loading(let name, let stage, _): ("\(Spinner.frame(animationFrame)) \(stage) \(name)…", .accent)
        case .failed(let name, let message): ("Could not load \(name): \(message)", .error)
        case .none: ("No model loaded: Alt-5 opens the Models tab", .warning)
        }
        let lines: [(String, ThemeRole)] = [
            ("genplay", .title),
            modelLine,
            ("", .text),
            ("Enter sends · Alt-Enter new line · Alt-P sampler · Alt-T tokens", .muted),
            ("Alt-M step mode · Ctrl-O open chat · F1 every key", .muted),
        ]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        grid.clipped(to: area) { grid in
            for (offset, line) in lines.enumerated() {
                let x = area.x + max(0, (area.width - DisplayWidth.of(line.0)) / 2)
                grid.write(line.0, x: x, y: top + offset, style: theme[line.1])
            }
        }
    }

    var chatStatusSegments: [StatusBar.Segment] {
        var segments: [StatusBar.Segment] = []
        switch modelStatus {
        case .ready(let info):
            segments.append(.init(text: info.name, role: .statusKey))
            let used = chat.contextUsed
            segments.append(.init(text: "ctx \(used.grouped)/\(info.contextLength.grouped)",
                                  role: used * 10 >= info.contextLength * 9 ? .warning : .statusBar))
        case .loading(let name, let stage, let fraction):
            let percent = fraction.map { " \(Int(($0 * 100).rounded()))%" } ?? ""
            segments.append(.init(text: "\(Spinner.frame(animationFrame)) \(stage) \(name)\(percent)", role: .statusKey))
        case .failed: segments.append(.init(text: "model failed", role: .error))
        case .none: segments.append(.init(text: "no model", role: .statusBar))
        }
        if let speed = chat.tokensPerSecond {
            segments.append(.init(text: "\(Double(Int(speed * 10)) / 10) tok/s", role: .statusBar))
        }
        var modes: [String] = []
        if chat.stepMode { modes.append("STEP") }
        if chat.heatmap { modes.append("HEAT") }
        if !modes.isEmpty { segments.append(.init(text: modes.joined(separator: " "), role: .statusKey)) }
        segments.append(.init(text: SamplerParameter.summary(chat.sampler), role: .statusBar))
        return segments
    }

    var chatHints: [(key: String, action: String)] {
        switch chat.focus {
        case .input where chat.isGenerating: [("Esc", "stop"), ("F1", "help")]
        case .input: [("Enter", "send"), ("F1", "help")]
        case .sampler where chat.samplerRow == SamplerPanel.stopStringsRow: [("Enter", "edit"), ("Esc", "back")]
        case .sampler: [("←→", "adjust"), ("Esc", "back")]
        case .tokens: [("↑↓", "alternative"), ("Enter", "branch"), ("Esc", "back")]
        case .proposal: [("Enter", "accept"), ("c", "continue"), ("Esc", "stop")]
        }
    }
}
