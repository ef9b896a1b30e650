import CNcurses
import Foundation
import Render
import TUI

/// Runs the full-screen app until the user quits; returns the process exit status.
/// The terminal is restored on every way out: normal exit, a fatal signal, a crash.
func runApp(_ options: AppOptions) -> Int32 {
    let theme: Theme
    do {
        let name = ThemeLibrary.startupThemeName(requested: options.themeName, environment: options.environment)
        theme = try ThemeLibrary.load(name, userDirectory: ThemeLibrary.userDirectory(environment: options.environment))
    } catch {
        Console.error("\(error)")
        return 2
    }
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
        Console.error("the app needs a terminal (use `genplay run` in pipes and scripts)")
        return 1
    }

    let wake = WakePipe()
    let inbox = Inbox(wake: wake.signal)
    let store = ChatStore(directory: options.chatsDirectory ?? ChatStore.defaultDirectory(environment: options.environment))
    let loaded = options.model ?? (options.demo ? LoadedModel(info: DemoChatBackend.info, backend: DemoChatBackend()) : nil)
    let clock = MonotonicClock()

    let terminal = TerminalSession(environment: options.environment, terminationWake: wake.writeEnd)
    defer { terminal.end() }
    let model = AppModel(size: terminal.size, theme: theme, now: clock.now(), chatIDSalt: UInt32.random(in: 0...0xFFFF),
                         systemPrompt: options.systemPrompt, sampler: options.sampler)
    let runtime = AppRuntime(model: model, loaded: loaded, library: options.library, store: store, inbox: inbox,
                             images: EngineImageBackend(checkpoints: options.checkpoints, datasetDirectory: options.datasetDirectory),
                             exporter: ImageExporter(directory: ImageExporter.defaultDirectory(environment: options.environment)),
                             clock: clock.now, onSuspend: { terminal.suspend() },
                             onCopy: { terminal.copyToClipboard($0) }, onMouseCapture: { terminal.captureMouse($0) })
    if let entry = options.startupModel { runtime.load(entry) }
    if let entry = options.startupOffer { runtime.send(.offerDownload(entry)) }
    let signal = FrameLoop(terminal: terminal, runtime: runtime, wake: wake).run()
    runtime.flush()
    options.library?.cancelDownloads()
    if let signal {
        // Saved; now the end the signal asked for, with the terminal as it was.
        terminal.end()
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
    }
    return 0
}
