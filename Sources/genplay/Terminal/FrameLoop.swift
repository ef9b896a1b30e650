import Glibc
import Render
import TUI

/// The UI thread's loop: wait for a key or a message from another thread, hand them to the
/// runtime, tick at frame rate while something animates, and repaint what changed.
struct FrameLoop {
    let terminal: TerminalSession
    let runtime: AppRuntime
    let wake: WakePipe

    static let tickInterval = 1.0 / 30
    /// Repaints at most this often, however fast tokens arrive.
    static let minimumPaintInterval = 1.0 / 60

    /// Runs until the user quits (nil) or a termination signal came in (its number), the
    /// chat saved in both cases.
    func run() -> Int32? {
        var lastPaint = 0.0
        var nextTick = 0.0
        runtime.send(.resize(terminal.size))
        while !runtime.shouldQuit {
            let now = runtime.clock()
            if runtime.needsRedraw && now - lastPaint >= Self.minimumPaintInterval {
                terminal.paint(runtime.frame())
                lastPaint = now
            }
            var deadline = runtime.model.isAnimating ? nextTick : .infinity
            if runtime.needsRedraw { deadline = min(deadline, lastPaint + Self.minimumPaintInterval) }
            waitForInput(until: deadline)

            for msg in terminal.readInput() { runtime.send(msg) }
            let signal = wake.drain()
            runtime.drainInbox()
            if let signal {
                // SIGINT, SIGTERM or SIGHUP: the reply so far is saved before the process ends.
                let names = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"]
                runtime.send(.terminate(signal: names[signal] ?? "signal \(signal)"))
                return signal
            }
            let after = runtime.clock()
            if runtime.model.isAnimating && after >= nextTick {
                runtime.send(.tick)
                nextTick = after + Self.tickInterval
            }
        }
        return nil
    }

    private func waitForInput(until deadline: Double) {
        var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0)]
        let timeout: Int32 = deadline.isInfinite ? -1
            : Int32(max(0, min(1000, ((deadline - runtime.clock()) * 1000).rounded(.up))))
        _ = poll(&descriptors, 2, timeout)   // EINTR (SIGWINCH) just means: look again
    }
}
