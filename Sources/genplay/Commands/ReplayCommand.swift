import Foundation
import Render
import Synchronization

/// Set by SIGINT while frames play: the replay stops before the next one.
private let replayInterrupted = Atomic<Bool>(false)

/// `genplay replay FILE.ans`: plays an animation the image tabs exported (`E`) frame by frame,
/// where `cat` would show only the last. Only text and colours reach the terminal.
enum ReplayCommand {
    static let name = "replay"
    static let summary = "Play back an animated .ans file exported from the image tabs, frame by frame."
    static let usage = "replay [options] FILE.ans"
    static let options: [OptionSpec] = [
        OptionSpec("--fps", value: "N", help: "frames a second, 1 to 120 (default 10)"),
        OptionSpec("--loop", help: "start again after the last frame, until Ctrl-C"),
    ]
    /// More than any export (a 1000-step run at 28 × 28 is about 20 MB) and little enough to read whole.
    static let maximumFileBytes = 256 << 20

    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.count == 1 else { throw UsageError("expected one .ans file") }
        let fps = try args.int("--fps", default: 10, range: 1 ... 120)
        let path = args.positionals[0]
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumFileBytes {
            throw UsageError("'\(path)' is \(Console.formatBytes(size)); replay reads files up to \(Console.formatBytes(maximumFileBytes))")
        }
        let animation = AnsiAnimation(text: try readUTF8File(path))
        guard !animation.frames.isEmpty else { throw UsageError("'\(path)' has no frames to play") }

        replayInterrupted.store(false, ordering: .relaxed)
        signal(SIGINT) { _ in replayInterrupted.store(true, ordering: .relaxed) }
        defer { signal(SIGINT, SIG_DFL) }
        let output = FileHandle.standardOutput
        output.write(Data(AnsiAnimation.opening.utf8))
        let frameTime = Duration.seconds(1) / fps
        var next = ContinuousClock.now
        repeat {
            for frame in animation.frames {
                guard waitUntil(next) else { break }
                output.write(Data((AnsiAnimation.home + frame).utf8))
                next += frameTime
            }
        } while args.flag("--loop") && !replayInterrupted.load(ordering: .relaxed)
        output.write(Data(AnsiAnimation.closing.utf8))
        return replayInterrupted.load(ordering: .relaxed) ? 130 : 0
    }

    /// Sleeps until `deadline` in short naps, so Ctrl-C is felt at once; false when it came.
    private static func waitUntil(_ deadline: ContinuousClock.Instant) -> Bool {
        while ContinuousClock.now < deadline, !replayInterrupted.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: min(0.05, max(0, (deadline - ContinuousClock.now) / .seconds(1))))
        }
        return !replayInterrupted.load(ordering: .relaxed)
    }
}
