import Render

/// The app's commands available everywhere, and their keys.
enum AppCommand: Equatable, Sendable {
    case quit, help, showTab(Tab), nextTab, previousTab, suspend
}

extension AppModel {
    static let globalBindings: [KeyBinding<AppCommand>] = [
        KeyBinding([.ctrl("c"), .ctrl("q")], .quit, "Quit (asks first while generating)"),
        KeyBinding([Key(.function(1))], .help, "This help (also ? outside text fields)"),
        KeyBinding([.alt("1")], .showTab(.chat), "Chat tab"),
        KeyBinding([.alt("2")], .showTab(.diffusion), "Diffusion tab"),
        KeyBinding([.alt("3")], .showTab(.gan), "GAN tab"),
        KeyBinding([.alt("4")], .showTab(.vae), "VAE tab"),
        KeyBinding([.alt("5")], .showTab(.models), "Models tab"),
        KeyBinding([Key(.pageDown, .control)], .nextTab, "Next tab"),
        KeyBinding([Key(.pageUp, .control)], .previousTab, "Previous tab"),
        KeyBinding([.ctrl("z")], .suspend, "Suspend to the shell (fg resumes)"),
    ]

    /// Every key, the tab shown first after the keys that work everywhere.
    var helpSections: [HelpSection] {
        func sections(_ tab: Tab) -> [HelpSection] {
            switch tab {
            case .chat: ChatScreen.helpSections
            case .diffusion: DiffusionScreen.helpSections
            case .gan: GANScreen.helpSections
            case .vae: VAEScreen.helpSections
            case .models: [HelpSection("Models tab", ModelsScreen.bindings.helpRows())]
            }
        }
        return [HelpSection("Everywhere", Self.globalBindings.helpRows() + [HelpRow(keys: "q", action: "Quit, outside text fields")])]
            + ([tab] + Tab.allCases.filter { $0 != tab }).flatMap(sections)
    }
}

/// Applies `msg`, handled at `time` (seconds since 1970, from a monotonic clock), to `model`
/// and returns what the outside world should do.
public func update(_ model: inout AppModel, _ msg: Msg, at time: Double) -> [Effect] {
    model.advanceClock(to: time)
    switch msg {
    case .resize(let size):
        model.size = Size(width: max(0, size.width), height: max(0, size.height))
    case .tick:
        model.animate()
    case .generation(let update):
        return model.receive(update)
    case .image(let update):
        return model.receiveImage(update)
    case .modelStatus(let status):
        return model.receiveModelStatus(status)
    case .modelsListed(let entries):
        model.receiveModels(entries)
    case .chatsListed(let chats, let problems):
        if case .chatPicker(var picker) = model.overlay {
            picker.chats = chats
            picker.problems = problems
            model.overlay = .chatPicker(picker)
        }
        if let problem = problems.first { model.show(Notice(problem, kind: .error)) }
    case .terminate(let signal):
        if let index = model.chat.generation?.messageIndex {
            model.chat.conversation.messages[index].error = ChatScreen.interrupted("genplay got \(signal)")
        }
        return model.stopGeneration() + [.quit]
    case .chatRenamed(let id, let title):
        model.chatRenamed(id, as: title)
    case .chatDeleted(let id):
        model.chatDeleted(id)
    case .chatOpened(let conversation, let repairs):
        var effects = model.stopGeneration()
        model.open(conversation)
        model.chat.sampler = conversation.sampler
        model.tab = .chat
        model.show(repairs.isEmpty ? Notice("Opened “\(conversation.title)”.")
            : Notice("Opened; out of range in its file, now reset: \(repairs.joined(separator: ", ")).", kind: .error))
        effects.append(.applySampler(conversation.sampler))
        return effects
    case .notice(let notice):
        model.show(notice)
    case .offerDownload(let entry):
        model.overlay = .offerDownload(entry)
    case .paste(let text):
        model.paste(text)
    case .mouse(let event):
        return model.mouse(event)
    case .key(let key):
        return model.key(key)
    }
    return []
}

extension AppModel {
    mutating func key(_ key: Key) -> [Effect] {
        if let overlay {
            let quits = Self.globalBindings.command(for: key) == AppCommand.quit
            return quits && overlay != .confirmQuit ? requestQuit() : overlayKey(key, overlay)
        }
        if let command: AppCommand = Self.globalBindings.command(for: key) {
            switch command {
            case .quit: return requestQuit()
            case .help: self.overlay = .help(scroll: 0)
            case .showTab(let tab): return show(tab)
            case .nextTab: return show(Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count)!)
            case .previousTab: return show(Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count)!)
            case .suspend: return [.suspend]
            }
            return []
        }
        switch tab {
        case .chat: return chatKey(key)
        case .diffusion: return diffusionKey(key)
        case .gan: return ganKey(key)
        case .vae: return vaeKey(key)
        case .models:
            switch key {
            case .char("q"): return requestQuit()
            case .char("?"): overlay = .help(scroll: 0)
            default: return modelsKey(key)
            }
            return []
        }
    }

    mutating func requestQuit() -> [Effect] {
        if chat.isGenerating {
            overlay = .confirmQuit
            return []
        }
        return [.quit]
    }

    private mutating func show(_ newTab: Tab) -> [Effect] {
        tab = newTab
        switch newTab {
        case .models: return models.entries == nil ? [.listModels] : []
        case .diffusion: return prepare(.diffusion, \.diffusion.model) + diffusionWork()
        case .gan: return prepare(.gan, \.gan.model)
        case .vae: return prepare(.vae, \.vae.model)
        case .chat: return []
        }
    }

    private mutating func overlayKey(_ key: Key, _ current: Overlay) -> [Effect] {
        switch current {
        case .help(let scroll):
            let page = max(1, size.height - 4)
            switch key {
            case Key(.up), .char("k"): overlay = .help(scroll: max(0, scroll - 1))
            case Key(.down), .char("j"): overlay = .help(scroll: min(helpScrollLimit, scroll + 1))
            case Key(.pageUp): overlay = .help(scroll: max(0, scroll - page))
            case Key(.pageDown), .char(" "): overlay = .help(scroll: min(helpScrollLimit, scroll + page))
            default: overlay = nil  // Esc, ?, q, F1, any other key
            }
        case .confirmQuit:
            // Ctrl-C / Ctrl-Q again mean yes.
            let answer = Self.globalBindings.command(for: key) == AppCommand.quit ? true : ConfirmDialog.answer(to: key)
            switch answer {
            case true?:
                overlay = nil
                return stopGeneration() + [.quit]
            case false?: overlay = nil
            case nil: break
            }
        case .offerDownload(let entry):
            switch ConfirmDialog.answer(to: key) {
            case true?:
                overlay = nil
                tab = .models
                return (models.entries == nil ? [.listModels] : []) + [.loadModel(entry)]
            case false?:
                overlay = nil
                show(Notice("No chat model: choose one in the Models tab (Alt-5) when you want one."))
            case nil: break
            }
        case .chatPicker(let picker):
            return chatPickerKey(key, picker)
        case .editor(let edited, var editor):
            switch key {
            case Key(.escape): overlay = nil
            case Key(.enter):
                overlay = nil
                return save(editor.text, as: edited)
            default:
                if let edit = TextEditor.command(for: key) {
                    editor.perform(edit, width: editorBox(edited).width - 2)
                } else if let character = key.typedCharacter {
                    editor.insert(String(character))
                }
                overlay = .editor(edited, editor)
            }
        }
        return []
    }

    private mutating func save(_ text: String, as edited: EditedText) -> [Effect] {
        switch edited {
        case .systemPrompt:
            chat.conversation.systemPrompt = text
            show(Notice("System prompt set: it applies from the next reply."))
            return chat.conversation.messages.isEmpty ? [] : [.saveChat(chat.conversationToSave)]
        case .stopStrings: return setStopStrings(text)
        }
    }

    /// How far the help text scrolls at this terminal's size.
    private var helpScrollLimit: Int { HelpOverlay(sections: helpSections, scroll: 0).maximumScroll(over: bodyArea) }

    mutating func paste(_ text: String) {
        switch overlay {
        case .editor(let edited, var editor):
            editor.paste(text)
            overlay = .editor(edited, editor)
        case .chatPicker(var picker):
            picker.paste(text)
            overlay = .chatPicker(picker)
        case .help, .confirmQuit, .offerDownload: break
        case nil: if tab == .chat { chatPaste(text) }
        }
    }

    mutating func mouse(_ event: MouseEvent) -> [Effect] {
        switch event {
        case .click(let point) where point.y == 0 && overlay == nil:
            if let hit = TabBar(active: tab, rightTitle: "").tabSpans(width: size.width).first(where: { $0.span.contains(point.x) }) { return show(hit.tab) }
        case .click(let point) where overlay == nil && tab == .gan: ganClick(at: point)
        case .click(let point) where overlay == nil && tab == .vae: return vaeClick(at: point)
        case .wheelUp:
            if case .help(let scroll) = overlay { overlay = .help(scroll: max(0, scroll - 3)) }
            else if overlay == nil && tab == .chat { scrollMessages(by: -3) }
        case .wheelDown:
            if case .help(let scroll) = overlay { overlay = .help(scroll: min(helpScrollLimit, scroll + 3)) }
            else if overlay == nil && tab == .chat { scrollMessages(by: 3) }
        case .click: break
        }
        return []
    }
}
