import Render

/// The VAE tab's keys, clicks and backend results.
extension AppModel {
    mutating func vaeKey(_ key: Key) -> [Effect] {
        if let handled = knobPanelKey(key, \.vae.panel, count: VAEScreen.knobs.count) {
            return handled.map { adjustVAE(knob: $0.knob, by: $0.steps) } ?? []
        }
        guard let command: VAECommand = VAEScreen.bindings.command(for: key) else { return imageScreenFallback(key) }
        return perform(command)
    }

    mutating func perform(_ command: VAECommand) -> [Effect] {
        switch (command, vae.mode) {
        case (.left, .map): return moveVAECursor(-1, 0)
        case (.right, .map): return moveVAECursor(1, 0)
        case (.up, .map): return moveVAECursor(0, 1)
        case (.down, .map): return moveVAECursor(0, -1)
        case (.farLeft, .map): return moveVAECursor(-5, 0)
        case (.farRight, .map): return moveVAECursor(5, 0)
        case (.farUp, .map): return moveVAECursor(0, 5)
        case (.farDown, .map): return moveVAECursor(0, -5)
        case (.origin, .map): return setVAECursor(LatentPoint(x: 0, y: 0))
        case (.nextClass, .map), (.previousClass, .map): return jumpToClass(command == .nextClass ? 1 : -1)
        case (.left, _), (.farLeft, _): return adjustVAE(knob: 0, by: -1)
        case (.right, _), (.farRight, _): return adjustVAE(knob: 0, by: 1)
        case (.up, _), (.farUp, _): return adjustVAE(knob: 1, by: 1)
        case (.down, _), (.farDown, _): return adjustVAE(knob: 1, by: -1)
        case (.cycleMode, _):
            let all = VAEMode.allCases
            vae.mode = all[((all.firstIndex(of: vae.mode) ?? 0) + 1) % all.count]
            show(Notice("\(vae.mode.title)."))
            return vaeWork()
        case (.exportFrame, _):
            guard let panels = vaePanels, !panels.isEmpty else { return nothingToExport() }
            return [.exportImages(ImageExport(name: vaeExportName, frames: [panels]))]
        case (.exportWalk, _):
            guard let walk = vaeWalkPanels else { return nothingToExport() }
            return [.exportImages(ImageExport(name: "vae-walk-test\(vae.testIndex)-to-test\(vae.otherIndex)", frames: walk.map { [$0] }))]
        case (.panel, _): vae.panel.isFocused = true
        case (.knob(let index, let steps), _): return adjustVAE(knob: index, by: steps)
        case (.origin, _), (.nextClass, _), (.previousClass, _): break
        }
        return []
    }

    /// A click on the map moves the cursor there.
    mutating func vaeClick(at point: Point) -> [Effect] {
        guard vae.mode == .map, let map = vaeLayout.map, let latent = vaeMapping(map)?.latent(at: point) else { return [] }
        return setVAECursor(latent)
    }

    private mutating func moveVAECursor(_ dx: Float, _ dy: Float) -> [Effect] {
        guard let info = vae.model.info else { return [] }
        let step = VAEScreen.cursorStep
        return setVAECursor(LatentPoint(x: vae.cursor.x + dx * step * (info.high.x - info.low.x),
                                        y: vae.cursor.y + dy * step * (info.high.y - info.low.y)))
    }

    mutating func setVAECursor(_ point: LatentPoint) -> [Effect] {
        guard let info = vae.model.info else { return [] }
        vae.cursor = LatentMapping.clamped(point, low: info.low, high: info.high)
        return vaeWork()
    }

    /// The cursor to the mean of the next class's points on the map.
    private mutating func jumpToClass(_ steps: Int) -> [Effect] {
        guard let info = vae.model.info, let points = vae.scatter?.points, !info.classNames.isEmpty else { return [] }
        let label = steppedLabel(nearestClass(points) ?? 0, by: steps, count: info.classNames.count, allowsNone: false) ?? 0
        let members = points.filter { $0.label == label }
        guard !members.isEmpty else { return [] }
        show(Notice("Cursor on the mean of \(className(label, info.classNames))."))
        let n = Float(members.count)
        return setVAECursor(LatentPoint(x: members.reduce(0) { $0 + $1.position.x } / n, y: members.reduce(0) { $0 + $1.position.y } / n))
    }

    /// The class of the point nearest the cursor.
    private func nearestClass(_ points: [VAEScatter.Point]) -> Int? {
        func distance(_ p: VAEScatter.Point) -> Float {
            let dx = p.position.x - vae.cursor.x, dy = p.position.y - vae.cursor.y
            return dx * dx + dy * dy
        }
        return points.min { distance($0) < distance($1) }?.label
    }

    private mutating func adjustVAE(knob index: Int, by steps: Int) -> [Effect] {
        VAEScreen.knobs[index].adjust(&vae, steps)
        return vaeWork()
    }

    /// Requests what the mode shows and does not have yet.
    mutating func vaeWork() -> [Effect] {
        guard let info = vae.model.info else { return [] }
        func request(_ job: ImageJob, _ id: WritableKeyPath<AppModel, Int?>) -> [Effect] {
            let new = makeRequestID()
            self[keyPath: id] = new
            return [.image(ImageRequest(id: new, job: job))]
        }
        switch vae.mode {
        case .map:
            // The decode first: it takes a millisecond, encoding the test set a while.
            var effects: [Effect] = []
            if vae.decoded?.point != vae.cursor { effects += request(.vaeDecode(vae.cursor), \.vae.decodeID) }
            if vae.scatter == nil && vae.scatterID == nil { effects += request(.vaeScatter, \.vae.scatterID) }
            return effects
        case .reconstruction:
            guard info.reconstructionProblem == nil, vae.reconstruction?.index != vae.testIndex else { return [] }
            return request(.vaeReconstruction(index: vae.testIndex), \.vae.reconstructionID)
        case .interpolation:
            let wanted = (vae.testIndex, vae.otherIndex, vae.steps)
            if let walk = vae.interpolation, (walk.from, walk.to, walk.images.count) == wanted { return [] }
            guard info.reconstructionProblem == nil else { return [] }
            return request(.vaeInterpolation(from: wanted.0, to: wanted.1, steps: wanted.2), \.vae.interpolationID)
        }
    }

    mutating func receiveVAE(_ update: ImageUpdate) -> [Effect] {
        let id = update.requestID
        switch update.event {
        case .ready(.vae(let info)):
            vae.model = .ready(info)
            vae.cursor = LatentPoint(x: (info.low.x + info.high.x) / 2, y: (info.low.y + info.high.y) / 2)
            return vaeWork()
        case .unavailable(.vae, let message):
            vae.model = .unavailable(message)
        case .vaeDecoded(let decode) where vae.decodeID == id:
            (vae.decoded, vae.decodeID) = (decode, nil)
        case .vaeScatter(let scatter) where vae.scatterID == id:
            (vae.scatter, vae.scatterID) = (scatter, nil)
        case .vaeReconstruction(let result) where vae.reconstructionID == id:
            (vae.reconstruction, vae.reconstructionID) = (result, nil)
        case .vaeInterpolation(let walk) where vae.interpolationID == id:
            (vae.interpolation, vae.interpolationID) = (walk, nil)
        case .failed:
            for path in [\AppModel.vae.decodeID, \.vae.scatterID, \.vae.reconstructionID, \.vae.interpolationID] where self[keyPath: path] == id {
                self[keyPath: path] = nil
            }
        default: break
        }
        return []
    }

    private var vaeExportName: String {
        switch vae.mode {
        case .map: "vae2d-z\(short(vae.cursor.x))_\(short(vae.cursor.y))"
        case .reconstruction: "vae16-reconstruction-test\(vae.reconstruction?.index ?? vae.testIndex)"
        case .interpolation: "vae16-walk-test\(vae.testIndex)-to-test\(vae.otherIndex)"
        }
    }
}
