import Render

/// The Models tab: the models the library knows, the one loaded, loading progress.
public struct ModelsScreen: Equatable, Sendable {
    /// Nil until the library has answered.
    public var entries: [ModelEntry]?
    public var selected = 0

    public init() {}

    enum Command: Sendable {
        case up, down, load, refresh
    }

    static let bindings: [KeyBinding<Command>] = [
        KeyBinding([Key(.up), .char("k")], .up, "Previous model"),
        KeyBinding([Key(.down), .char("j")], .down, "Next model"),
        KeyBinding([Key(.enter)], .load, "Load the model (downloading it first if needed)"),
        KeyBinding([.char("r")], .refresh, "Refresh the list"),
    ]
}

extension AppModel {
    mutating func modelsKey(_ key: Key) -> [Effect] {
        guard let command: ModelsScreen.Command = ModelsScreen.bindings.command(for: key) else { return [] }
        let count = models.entries?.count ?? 0
        switch command {
        case .up: models.selected = max(0, models.selected - 1)
        case .down: models.selected = min(max(0, count - 1), models.selected + 1)
        case .refresh: return [.listModels]
        case .load:
            guard let entries = models.entries, entries.indices.contains(models.selected) else { return [] }
            if case .loading = modelStatus {
                show(Notice("A model is already loading.", kind: .error))
                return []
            }
            let entry = entries[models.selected]
            if let reason = entry.unavailable {
                show(Notice(reason, kind: .error))
                return []
            }
            return stopGeneration() + [.loadModel(entry)]
        }
        return []
    }

    /// Whether it must be downloaded first comes before the rest, which a narrow row may cut.
    static func detail(of entry: ModelEntry) -> String {
        entry.unavailable ?? (entry.isCached ? "" : "not downloaded · ") + entry.detail
    }

    /// A load that ends, loaded or failed, may have downloaded the model: the list is read
    /// again so its row stops saying "not downloaded".
    mutating func receiveModelStatus(_ status: ModelStatus) -> [Effect] {
        modelStatus = status
        switch status {
        case .failed(let name, let message): show(Notice("Could not load \(name): \(message)", kind: .error))
        case .ready(let info):
            chat.conversation.modelName = info.name
            show(Notice("Loaded \(info.name).", kind: .success))
        case .none, .loading: return []
        }
        return models.entries == nil ? [] : [.listModels]
    }

    /// A new list keeps the same model chosen, wherever it now is.
    mutating func receiveModels(_ entries: [ModelEntry]) {
        let chosenID = models.entries?.indices.contains(models.selected) == true ? models.entries?[models.selected].id : nil
        models.entries = entries
        models.selected = entries.firstIndex { $0.id == chosenID } ?? min(models.selected, max(0, entries.count - 1))
    }

    func drawModels(in area: Rect, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let inner = area.inset(by: 1)
        grid.drawBox(area, style: theme[.border], title: "Models", titleStyle: theme[.title])
        grid.clipped(to: inner) { grid in
            var y = inner.y
            switch modelStatus {
            case .none:
                grid.write("No model loaded. Choose one and press Enter.", x: inner.x + 1, y: y, style: theme[.muted])
            case .ready(let info):
                grid.write("Loaded: \(info.name) · context \(info.contextLength.grouped) tokens", x: inner.x + 1, y: y, style: theme[.success])
                if let format = info.chatFormat {
                    y += 1
                    grid.write("Chats in \(format)", x: inner.x + 1, y: y, style: theme[.muted])
                }
                if let warning = info.warning {
                    y += 1
                    grid.write("Warning: \(warning)", x: inner.x + 1, y: y, style: theme[.warning])
                }
            case .loading(let name, let stage, let fraction):
                grid.write("\(Spinner.frame(animationFrame)) \(stage) \(name)…", x: inner.x + 1, y: y, style: theme[.accent])
                y += 1
                ProgressBar(fraction: fraction, frame: animationFrame)
                    .draw(in: Rect(x: inner.x + 1, y: y, width: min(60, inner.width - 2), height: 1), theme: theme, base: .text, grid: &grid)
            case .failed(let name, let message):
                grid.write("Could not load \(name): \(message)", x: inner.x + 1, y: y, style: theme[.error])
                y += 1
                grid.write("The rest of the app still works; pick another model or press r to refresh.", x: inner.x + 1, y: y, style: theme[.muted])
            }
            y += 2
            guard let entries = models.entries else {
                grid.write("Looking for models…", x: inner.x + 1, y: y, style: theme[.muted])
                return
            }
            if entries.isEmpty {
                grid.write("No models found. Run `genplay pull` or pass -m MODEL.gguf.", x: inner.x + 1, y: y, style: theme[.muted])
                return
            }
            let loadedName = modelStatus.info?.name
            let items = entries.map { entry in
                SelectionList.Item(title: entry.name + (entry.name == loadedName ? "  ✓" : ""), detail: Self.detail(of: entry),
                                   isDimmed: entry.unavailable != nil)
            }
            // Rows cut their detail to fit; the chosen model's is shown whole below the list.
            let listHeight = min(entries.count, max(1, inner.maxY - y - 4))
            SelectionList(items: items, selected: models.selected, base: .text)
                .draw(in: Rect(x: inner.x, y: y, width: inner.width, height: listHeight), theme: theme, grid: &grid)
            let chosen = entries[models.selected]
            y += listHeight + 1
            drawWrapped("\(chosen.name): \(Self.detail(of: chosen))", in: Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: inner.maxY - y),
                        role: .muted, grid: &grid)
        }
    }
}
