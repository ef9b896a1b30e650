import Engine

/// Sending, generating, stopping, regenerating, editing and branching on the Chat screen,
/// and the backend's events.
extension AppModel {
    mutating func send() -> [Effect] {
        let text = chat.input.text
        guard !text.allSatisfy(\.isWhitespace) else { return [] }
        guard !chat.isGenerating else {
            show(Notice("Still generating: Esc stops it.", kind: .error))
            return []
        }
        guard modelStatus.info != nil else {
            show(Notice("No model loaded: pick one in the Models tab (Alt-5).", kind: .error))
            return []
        }
        if let editing = chat.editingMessage {
            chat.conversation.messages.removeSubrange(min(editing, chat.conversation.messages.count)...)
            chat.editingMessage = nil
        }
        chat.history.record(text)
        chat.input.setText("")
        chat.conversation.append(.user, text)
        chat.conversation.updatedAt = now
        return startReply(at: chat.conversation.append(.assistant, "")) + [.saveChat(chat.conversationToSave)]
    }

    /// Starts (or continues) the reply at `index` from the tokens it already has.
    mutating func startReply(at index: Int) -> [Effect] {
        let requestID = makeRequestID()
        let mode: GenerationMode = chat.stepMode ? .proposeNext : .stream
        chat.generation = ActiveGeneration(requestID: requestID, messageIndex: index, mode: mode, startedAt: now)
        chat.proposal = nil
        chat.tokensPerSecond = nil
        chat.scroll = .bottom
        if chat.focus == .tokens { chat.focus = .input }
        let message = chat.conversation.messages[index]
        return [.startGeneration(GenerationRequest(id: requestID, turns: chat.conversation.turns(before: index),
                                                   assistantPrefix: message.tokens.map(\.id), mode: mode))]
    }

    /// Esc: ends the generation at once; the text so far stays.
    mutating func stopGeneration() -> [Effect] {
        guard let generation = chat.generation else { return [] }
        chat.generation = nil
        chat.proposal = nil
        if chat.focus == .proposal { chat.focus = .input }
        return [.stopGeneration(requestID: generation.requestID), .saveChat(chat.conversationToSave)]
    }

    mutating func regenerate() -> [Effect] {
        guard modelStatus.info != nil else {
            show(Notice("No model loaded: pick one in the Models tab (Alt-5).", kind: .error))
            return []
        }
        var effects = stopGeneration()
        let messages = chat.conversation.messages
        guard let lastUser = messages.lastIndex(where: { $0.role == .user }) else {
            show(Notice("Nothing to regenerate yet.", kind: .error))
            return effects
        }
        chat.conversation.messages.removeSubrange((lastUser + 1)...)
        // The same seed would give the same answer; the next one gives another.
        chat.sampler.seed &+= 1
        show(Notice("Regenerating with seed \(chat.sampler.seed)."))
        effects.append(.applySampler(chat.sampler))
        effects += startReply(at: chat.conversation.append(.assistant, ""))
        return effects
    }

    mutating func editLastUserMessage() -> [Effect] {
        guard let index = chat.conversation.messages.lastIndex(where: { $0.role == .user }) else {
            show(Notice("No message to edit yet.", kind: .error))
            return []
        }
        let effects = stopGeneration()
        chat.input.setText(chat.conversation.messages[index].text)
        chat.editingMessage = index
        chat.focus = .input
        show(Notice("Editing your last message: Enter resends it, Esc cancels."))
        return effects
    }

    mutating func newChat() -> [Effect] {
        var effects = stopGeneration()
        if !chat.conversation.messages.isEmpty { effects.append(.saveChat(chat.conversationToSave)) }
        let systemPrompt = chat.conversation.systemPrompt
        open(Conversation(id: makeChatID(), createdAt: now, systemPrompt: systemPrompt, sampler: chat.sampler))
        show(Notice("New chat."))
        return effects
    }

    /// Shows `conversation` in the Chat screen, resetting what belonged to the previous one.
    mutating func open(_ conversation: Conversation) {
        chat.conversation = conversation
        chat.tokenCursor = nil
        chat.proposal = nil
        chat.editingMessage = nil
        chat.scroll = .bottom
        chat.contextUsed = 0
        chat.tokensPerSecond = nil
        if chat.focus != .sampler { chat.focus = .input }
    }

    /// Branch: the reply keeps its tokens before the cursor, takes the picked alternative in
    /// place of the token there, and continues; messages after it are dropped.
    mutating func branchAtCursor() -> [Effect] {
        guard let cursor = chat.tokenCursor, isValid(cursor) else { return [] }
        let original = chat.conversation.messages[cursor.message].tokens[cursor.token]
        let candidates = original.candidates
        guard candidates.indices.contains(cursor.alternative), candidates[cursor.alternative].id != original.id else {
            show(Notice("That token is the one already chosen: pick another with ↑↓.", kind: .error))
            return []
        }
        guard modelStatus.info != nil else {
            show(Notice("No model loaded: pick one in the Models tab (Alt-5).", kind: .error))
            return []
        }
        let alternative = candidates[cursor.alternative]
        var effects = stopGeneration()
        chat.conversation.messages.removeSubrange((cursor.message + 1)...)
        chat.conversation.messages[cursor.message].truncateTokens(to: cursor.token)
        chat.conversation.messages[cursor.message].append(
            GeneratedToken(id: alternative.id, text: alternative.text, probability: alternative.probability,
                           alternatives: original.alternatives, isEndOfGeneration: false))
        chat.tokenCursor = nil
        show(Notice("Branched at token \(cursor.token + 1): continuing with “\(TokenStrip.visible(alternative.text))”."))
        effects += startReply(at: cursor.message)
        return effects
    }

    // MARK: Backend events

    mutating func receive(_ update: GenerationUpdate) -> [Effect] {
        guard let generation = chat.generation, generation.requestID == update.requestID else { return [] }
        let index = generation.messageIndex
        switch update.event {
        case .promptProcessed(let contextTokens):
            chat.contextUsed = contextTokens
        case .token(let token):
            chat.conversation.messages[index].append(token)
            chat.contextUsed += 1
            recordSpeed(at: update.time)
            if update.time - (chat.generation?.savedAt ?? generation.startedAt) >= ChatScreen.autosaveInterval {
                chat.generation?.savedAt = update.time
                return [.saveChat(chat.savingUnfinishedReply("genplay stopped while it was generating"))]
            }
        case .proposal(let token):
            chat.proposal = Proposal(token: token, selected: token.candidates.firstIndex { $0.id == token.id } ?? 0)
            chat.focus = .proposal
        case .finished(.proposed):
            break  // the proposal waits for the user; `generation` stays to mark the reply as stepping
        case .finished(let reason):
            chat.generation = nil
            chat.conversation.updatedAt = update.time
            if reason == .lengthLimit || reason == .contextFull {
                show(Notice("Generation ended: \(reason.rawValue).", kind: .error))
            }
            return [.saveChat(chat.conversationToSave)]
        case .failed(let message):
            chat.generation = nil
            chat.proposal = nil
            if chat.focus == .proposal { chat.focus = .input }
            chat.conversation.messages[index].error = message
            show(Notice("Generation failed: \(message)", kind: .error))
            return [.saveChat(chat.conversationToSave)]
        }
        return []
    }

    private mutating func recordSpeed(at time: Double) {
        guard var generation = chat.generation, generation.mode == .stream else { return }
        generation.tokenCount += 1
        if generation.firstTokenAt == nil { generation.firstTokenAt = time }
        if let first = generation.firstTokenAt, time > first, generation.tokenCount > 1 {
            chat.tokensPerSecond = Double(generation.tokenCount - 1) / (time - first)
        }
        chat.generation = generation
    }
}
