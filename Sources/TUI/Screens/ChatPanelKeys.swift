import Engine

/// Keys when the sampler panel, the token view or a step-mode proposal has the focus.
extension AppModel {
    mutating func samplerKey(_ key: Key) -> [Effect] {
        guard let command: SamplerCommand = ChatScreen.samplerBindings.command(for: key) else {
            return panelFallback(key)
        }
        // The last row is the stop strings: edited as text, not stepped.
        let parameter = SamplerParameter.all.indices.contains(chat.samplerRow) ? SamplerParameter.all[chat.samplerRow] : nil
        let before = chat.sampler
        func step(_ steps: Int) {
            if let parameter { chat.sampler = parameter.adjusted(chat.sampler, by: steps) }
        }
        switch command {
        case .previous: chat.samplerRow = max(0, chat.samplerRow - 1)
        case .next: chat.samplerRow = min(SamplerPanel.rowCount - 1, chat.samplerRow + 1)
        case .decrease: step(-1)
        case .increase: step(1)
        case .decreaseMore: step(-10)
        case .increaseMore: step(10)
        case .randomSeed:
            // A seed from the clock: `update` stays a function of its inputs.
            chat.sampler.seed = UInt64(UInt32(truncatingIfNeeded: Int(now * 1000) &* 2_654_435_761))
        case .reset:
            if let parameter {
                parameter.write(&chat.sampler, parameter.read(SamplerSettings()))
            } else {
                chat.sampler.stopStrings = []
            }
        case .edit:
            if parameter == nil {
                overlay = .editor(.stopStrings, TextEditor(StopStringSyntax.format(chat.sampler.stopStrings)))
            }
        case .leave: chat.focus = .input
        }
        return chat.sampler == before ? [] : [.applySampler(chat.sampler)]
    }

    /// The stop-strings editor's Enter: the row's text becomes the stop strings in effect.
    mutating func setStopStrings(_ text: String) -> [Effect] {
        chat.sampler.stopStrings = StopStringSyntax.parseList(text)
        let count = chat.sampler.stopStrings.count
        show(Notice(count == 0 ? "No stop strings." : "\(count) stop string\(count == 1 ? "" : "s"): replies end before them."))
        return [.applySampler(chat.sampler)]
    }

    mutating func tokenKey(_ key: Key) -> [Effect] {
        guard let command: TokenCommand = ChatScreen.tokenBindings.command(for: key) else {
            return panelFallback(key)
        }
        guard var cursor = chat.tokenCursor, isValid(cursor) else {
            chat.focus = .input
            return []
        }
        let messages = chat.conversation.messages
        let tokenCount = messages[cursor.message].tokens.count
        switch command {
        case .previousToken:
            if cursor.token > 0 {
                cursor = TokenCursor(message: cursor.message, token: cursor.token - 1, alternative: 0)
            } else if let previous = messages[..<cursor.message].lastIndex(where: { !$0.tokens.isEmpty }) {
                cursor = TokenCursor(message: previous, token: messages[previous].tokens.count - 1, alternative: 0)
            }
        case .nextToken:
            if cursor.token + 1 < tokenCount {
                cursor = TokenCursor(message: cursor.message, token: cursor.token + 1, alternative: 0)
            } else if let next = messages[(cursor.message + 1)...].firstIndex(where: { !$0.tokens.isEmpty }) {
                cursor = TokenCursor(message: next, token: 0, alternative: 0)
            }
        case .firstToken: cursor = TokenCursor(message: cursor.message, token: 0, alternative: 0)
        case .lastToken: cursor = TokenCursor(message: cursor.message, token: tokenCount - 1, alternative: 0)
        case .previousAlternative: cursor.alternative = max(0, cursor.alternative - 1)
        case .nextAlternative:
            let candidates = messages[cursor.message].tokens[cursor.token].candidates.count
            cursor.alternative = min(max(0, candidates - 1), cursor.alternative + 1)
        case .branch: return branchAtCursor()
        case .toggleHeatmap: toggleHeatmap()
        case .leave:
            chat.focus = .input
            return []
        }
        chat.tokenCursor = cursor
        scrollToTokenCursor()
        return []
    }

    mutating func proposalKey(_ key: Key) -> [Effect] {
        guard let command: ProposalCommand = ChatScreen.proposalBindings.command(for: key) else {
            return panelFallback(key)
        }
        guard var proposal = chat.proposal, let generation = chat.generation else {
            chat.focus = .input
            return []
        }
        switch command {
        case .previousCandidate: proposal.selected = max(0, proposal.selected - 1)
        case .nextCandidate: proposal.selected = min(proposal.token.candidates.count - 1, proposal.selected + 1)
        case .accept: return accept(proposal, continueStreaming: false, in: generation)
        case .continueStreaming: return accept(proposal, continueStreaming: true, in: generation)
        case .stop: return stopGeneration()
        }
        chat.proposal = proposal
        return []
    }

    /// F5 / Alt-M. Turning step mode on while streaming restarts the reply as steps from the
    /// tokens so far; turning it off while a proposal waits continues by streaming.
    mutating func toggleStepMode() -> [Effect] {
        chat.stepMode.toggle()
        show(Notice(chat.stepMode ? "Step mode on: one token per key press." : "Step mode off."))
        guard let generation = chat.generation else { return [] }
        if let proposal = chat.proposal, !chat.stepMode {
            return accept(proposal, continueStreaming: true, in: generation)
        }
        if chat.stepMode && generation.mode == .stream {
            return [.stopGeneration(requestID: generation.requestID)] + startReply(at: generation.messageIndex)
        }
        return []
    }

    /// Appends the picked candidate to the reply and asks for the next step (or the rest).
    private mutating func accept(_ proposal: Proposal, continueStreaming: Bool, in generation: ActiveGeneration) -> [Effect] {
        let candidate = proposal.token.candidates[proposal.selected]
        let token = candidate.id == proposal.token.id ? proposal.token
            : GeneratedToken(id: candidate.id, text: candidate.text, probability: candidate.probability,
                             alternatives: proposal.token.alternatives, isEndOfGeneration: false)
        chat.conversation.messages[generation.messageIndex].append(token)
        chat.contextUsed += 1
        chat.proposal = nil
        chat.focus = .input
        if continueStreaming { chat.stepMode = false }
        if token.isEndOfGeneration {
            chat.generation = nil
            return [.saveChat(chat.conversationToSave)]
        }
        return startReply(at: generation.messageIndex)
    }

    /// Keys every panel shares: `?` help, `q` quit, and the screen's commands (Tab, paging,
    /// Ctrl and Alt keys) except sending, which belongs to the input.
    private mutating func panelFallback(_ key: Key) -> [Effect] {
        switch key {
        case .char("?"):
            overlay = .help(scroll: 0)
            return []
        case .char("q"): return requestQuit()
        default:
            guard let command: ChatCommand = ChatScreen.bindings.command(for: key), command != .send else { return [] }
            return perform(command)
        }
    }
}
