import Render

/// Where the Chat screen's parts go for a body rectangle: the message list, the input box,
/// and the panels (sampler, tokens) on the right when the terminal is wide enough, else
/// between the list and the input. `update` and `view` share it, so scrolling and drawing agree.
struct ChatLayout {
    let messages: Rect
    let input: Rect
    let sampler: Rect?
    let tokens: Rect?

    private enum Panel { case sampler, tokens }

    static let sideColumnMinimumWidth = 80
    static let maximumInputRows = 8

    init(_ screen: ChatScreen, body: Rect) {
        let showSampler = screen.samplerVisible
        let showTokens = screen.tokenPanelSubject != nil
        let wide = body.width >= Self.sideColumnMinimumWidth && (showSampler || showTokens)
        let sideWidth = wide ? min(46, body.width * 2 / 5) : 0
        let (main, side) = body.splitRight(sideWidth)

        let inputRows = min(Self.inputRows(screen.input, width: main.width - 2), max(1, min(Self.maximumInputRows, body.height / 3)))
        var (rest, input) = main.splitBottom(inputRows + 2)
        var sampler: Rect?, tokens: Rect?
        if wide {
            var column = side
            if showSampler {
                let split = column.splitTop(SamplerPanel.height)
                sampler = split.top
                column = split.rest
            }
            if showTokens && column.height >= 5 { tokens = column.splitTop(TokenPanel.height).top }
        } else {
            // Stacked: the focused panel first; each only if the list keeps three rows, but a
            // focused sampler always shows, shortened (its rows scroll) to leave the list one row.
            let tokensFirst = screen.focus == .tokens || screen.focus == .proposal
            for panel in tokensFirst ? [Panel.tokens, .sampler] : [.sampler, .tokens] {
                let full = switch panel {
                case .tokens: showTokens ? TokenPanel.height : 0
                case .sampler: showSampler ? SamplerPanel.height : 0
                }
                let focusedSampler = panel == .sampler && screen.focus == .sampler
                let wanted = focusedSampler ? min(full, rest.height - 1) : full
                let fits = focusedSampler ? wanted >= KnobPanel.minimumHeight : full > 0 && rest.height - full >= 3
                guard fits else { continue }
                let split = rest.splitBottom(wanted)
                rest = split.rest
                switch panel {
                case .tokens: tokens = split.bottom
                case .sampler: sampler = split.bottom
                }
            }
        }
        if rest.height < 1 { input = main.splitBottom(min(main.height, 3)).bottom }
        messages = rest
        self.input = input
        self.sampler = sampler
        self.tokens = tokens
    }

    static func inputRows(_ editor: TextEditor, width: Int) -> Int {
        EditorLayout(editor, width: max(1, width)).rows.count
    }
}

extension ChatScreen {
    /// What the token panel shows, when it is open.
    var tokenPanelSubject: TokenPanel.Subject? {
        if let proposal, let generation {
            return .proposal(proposal, acceptedSoFar: conversation.messages[generation.messageIndex].tokens)
        }
        if focus == .tokens, let cursor = tokenCursor, conversation.messages.indices.contains(cursor.message),
           conversation.messages[cursor.message].tokens.indices.contains(cursor.token) {
            return .cursor(tokens: conversation.messages[cursor.message].tokens, cursor: cursor)
        }
        return nil
    }
}
