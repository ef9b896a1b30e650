import Foundation
import Render

/// The GAN tab's keys, clicks, backend results and playback.
extension AppModel {
    mutating func ganKey(_ key: Key) -> [Effect] {
        if let handled = knobPanelKey(key, \.gan.panel, count: GANScreen.knobs.count) {
            return handled.map { adjustGAN(knob: $0.knob, by: $0.steps) } ?? []
        }
        guard let command: GANCommand = GANScreen.bindings.command(for: key) else { return imageScreenFallback(key) }
        return perform(command)
    }

    mutating func perform(_ command: GANCommand) -> [Effect] {
        let count = gan.samples.count, columns = max(1, ganLayout.columns)
        switch command {
        case .left: gan.cursor = max(0, gan.cursor - 1)
        case .right: gan.cursor = min(max(0, count - 1), gan.cursor + 1)
        case .up: gan.cursor = gan.cursor >= columns ? gan.cursor - columns : gan.cursor
        case .down: gan.cursor = gan.cursor + columns < count ? gan.cursor + columns : gan.cursor
        case .markA, .markB:
            guard count > 0 else { return [] }
            if command == .markA { gan.markA = gan.cursor } else { gan.markB = gan.cursor }
            if gan.markA != nil && gan.markB != nil { show(Notice("Enter walks from A to B.")) }
        case .interpolate: return ganWalk()
        case .playPause:
            guard gan.interpolation != nil else { return ganWalk() }
            gan.playback.toggle(at: now)
        case .close:
            gan.interpolation = nil
            gan.interpolationID = nil
            gan.playback.isPlaying = false
        case .reroll:
            gan.settings.seed = UInt64(UInt32(truncatingIfNeeded: Int(now * 1000) &* 2_654_435_761))
            return ganSamples()
        case .exportFrame:
            if let walk = ganWalkPanels(), walk.indices.contains(gan.frame) {
                return [.exportImages(ImageExport(name: ganWalkExportName + "-frame\(threeDigits(gan.frame))", frames: [[walk[gan.frame]]]))]
            }
            guard !gan.samples.isEmpty else { return nothingToExport() }
            return [.exportImages(ImageExport(name: ganExportName + "-samples", frames: [ganSamplePanels]))]
        case .exportWalk:
            guard let walk = ganWalkPanels() else { return nothingToExport() }
            return [.exportImages(ImageExport(name: ganWalkExportName, frames: walk.map { [$0] }))]
        case .panel: gan.panel.isFocused = true
        case .knob(let index, let steps): return adjustGAN(knob: index, by: steps)
        }
        return []
    }

    /// A click on a sample picks it.
    mutating func ganClick(at point: Point) {
        if let index = ganLayout.tiles.firstIndex(where: { $0.contains(point) }) { gan.cursor = index }
    }

    private mutating func adjustGAN(knob index: Int, by steps: Int) -> [Effect] {
        let before = gan
        GANScreen.knobs[index].adjust(&gan, steps)
        if gan.settings != before.settings { return ganSamples() }
        if gan.steps != before.steps && gan.interpolation != nil { return ganWalk() }
        return []
    }

    mutating func ganSamples() -> [Effect] {
        guard gan.model.info != nil else { return [] }
        let id = makeRequestID()
        gan.samplesID = id
        return [.image(ImageRequest(id: id, job: .ganSamples(gan.settings)))]
    }

    private mutating func ganWalk() -> [Effect] {
        guard let a = gan.markA, let b = gan.markB, gan.samples.indices.contains(a), gan.samples.indices.contains(b), a != b else {
            show(Notice("Mark two samples first: a on one, b on another.", kind: .error))
            return []
        }
        let id = makeRequestID()
        gan.interpolationID = id
        return [.image(ImageRequest(id: id, job: .ganInterpolation(from: gan.samples[a], to: gan.samples[b], steps: gan.steps)))]
    }

    mutating func receiveGAN(_ update: ImageUpdate) -> [Effect] {
        switch update.event {
        case .ready(.gan(let info)):
            gan.model = .ready(info)
            return ganSamples()
        case .unavailable(.gan, let message):
            gan.model = .unavailable(message)
        case .ganSamples(let samples):
            guard gan.samplesID == update.requestID else { return [] }
            gan.samples = samples
            gan.samplesID = nil
            gan.cursor = min(gan.cursor, max(0, samples.count - 1))
        case .ganInterpolation(let walk):
            guard gan.interpolationID == update.requestID else { return [] }
            gan.interpolation = walk
            gan.interpolationID = nil
            gan.phase = 0
            gan.playback.isPlaying = false
            gan.playback.toggle(at: now)
        case .failed:
            if gan.samplesID == update.requestID { gan.samplesID = nil }
            if gan.interpolationID == update.requestID { gan.interpolationID = nil }
        default: break
        }
        return []
    }

    mutating func tickGAN() {
        guard let count = gan.interpolation?.images.count, count > 1 else { return }
        gan.phase = (gan.phase + gan.playback.due(at: now)) % (2 * (count - 1))
    }

    /// The samples as panels: the D score and class under each, marks in front.
    var ganSamplePanels: [ImagePanel] {
        guard let info = gan.model.info else { return [] }
        return gan.samples.enumerated().map { index, sample in
            let mark = (gan.markA == index ? "A " : "") + (gan.markB == index ? "B " : "")
            return ImagePanel(mark + signed(sample.score) + " " + className(sample.label, info.classNames), sample.image,
                              size: info.size, scale: .signed)
        }
    }

    /// The walk's images as panels, nil without a walk.
    func ganWalkPanels() -> [ImagePanel]? {
        guard let walk = gan.interpolation, let info = gan.model.info else { return nil }
        return walk.images.indices.map { i in
            ImagePanel("\(i + 1)/\(walk.images.count) D \(signed(walk.scores[i])) \(className(walk.labels[i], info.classNames))",
                       walk.images[i], size: info.size, scale: .signed)
        }
    }

    /// Everything that tells one export of samples from another, so none replaces another.
    private var ganExportName: String {
        let s = gan.settings
        return "gan-seed\(s.seed)" + (s.label.map { "-class\($0)" } ?? "") + (s.truncation.map { "-trunc\(short($0))" } ?? "")
    }

    /// A walk's name adds its two ends and its length.
    private var ganWalkExportName: String {
        ganExportName + "-walk-\(gan.markA.map { "\($0 + 1)" } ?? "")-to-\(gan.markB.map { "\($0 + 1)" } ?? "")-\(gan.steps)steps"
    }
}

/// +1.23 / −0.40.
func signed(_ value: Float) -> String { (value >= 0 ? "+" : "") + String(format: "%.2f", Double(value)) }
