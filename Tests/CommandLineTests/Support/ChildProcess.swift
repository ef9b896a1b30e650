import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process left: its exit status, its output and its peak memory.
struct ProcessResult {
    /// The exit status, or 128 + the signal that ended it.
    let status: Int32
    let stdout: String
    let stderr: String
    /// Peak resident set size, from wait4(2).
    let peakRSSKilobytes: Int
}

/// A program run with default signal handling and no blocked signals (a test runner may block
/// some, and children inherit the mask), stdin from /dev/null, given bytes or a
/// pseudo-terminal, stdout to a file or a pseudo-terminal, stderr to a file. A watchdog kills
/// it if it outlives `timeout`, so a hang fails the test instead of stalling the run.
final class ChildProcess: @unchecked Sendable {
    enum Stdout { case file, terminal }
    /// `bytes` come from a file, opened only in the child: a pipe made here could leak its
    /// write end into a child another test spawns meanwhile, and never reach end of file.
    enum Stdin { case null, bytes([UInt8]), terminal }

    let pid: pid_t
    private let stdoutPath: String
    private let stderrPath: String
    private let stdinPath: String
    private let terminal: PseudoTerminal?
    private let outputIsTerminal: Bool
    private let exited = Atomic<Bool>(false)

    init(_ arguments: [String], environment: [String: String] = [:], stdin: Stdin = .null, stdout: Stdout = .file,
         timeout: Double = 300) throws {
        let folder = FileManager.default.temporaryDirectory.path
        stdoutPath = "\(folder)/child-\(UUID()).out"
        stderrPath = "\(folder)/child-\(UUID()).err"
        stdinPath = "\(folder)/child-\(UUID()).in"
        let stdinIsTerminal = if case .terminal = stdin { true } else { false }
        terminal = stdout == .terminal || stdinIsTerminal ? try PseudoTerminal() : nil
        outputIsTerminal = stdout == .terminal

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        switch stdin {
        case .null: posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0)
        case .terminal: posix_spawn_file_actions_adddup2(&files, terminal!.secondary, 0)
        case let .bytes(bytes):
            try Data(bytes).write(to: URL(fileURLWithPath: stdinPath))
            posix_spawn_file_actions_addopen(&files, 0, stdinPath, O_RDONLY, 0)
        }
        if let terminal, outputIsTerminal {
            posix_spawn_file_actions_adddup2(&files, terminal.secondary, 1)
        } else {
            posix_spawn_file_actions_addopen(&files, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        posix_spawn_file_actions_addopen(&files, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, arguments[0], &files, &attributes, argv, envp)
        terminal?.closeSecondary()
        guard error == 0 else { throw POSIXError(POSIXErrorCode(rawValue: error) ?? .EINVAL) }
        self.pid = pid
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [self] in
            if !exited.load(ordering: .acquiring) { signal(SIGKILL) }
        }
    }

    /// Runs `arguments` to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: Stdin = .null, stdout: Stdout = .file,
                    timeout: Double = 300) throws -> ProcessResult {
        try ChildProcess(arguments, environment: environment, stdin: stdin, stdout: stdout, timeout: timeout).wait()
    }

    func signal(_ number: Int32) { Glibc.kill(pid, number) }

    /// What the child has written to stderr so far.
    var stderrSoFar: String { Self.read(stderrPath) }

    /// Waits up to `seconds` for stderr to contain `text`; returns stderr then, or nil.
    func waitForStderr(containing text: String, seconds: Double = 60) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let sofar = stderrSoFar
            if sofar.contains(text) { return sofar }
            usleep(50_000)
        }
        return nil
    }

    func wait() -> ProcessResult {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        exited.store(true, ordering: .releasing)
        let terminalOutput = terminal?.readAll()
        let output = outputIsTerminal ? terminalOutput ?? "" : Self.read(stdoutPath)
        defer { unlink(stdoutPath); unlink(stderrPath); unlink(stdinPath) }
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(status: code, stdout: output, stderr: Self.read(stderrPath), peakRSSKilobytes: usage.ru_maxrss)
    }

    private static func read(_ path: String) -> String {
        (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

/// A pseudo-terminal in raw mode (no "\n" -> "\r\n"), so a child's stdout is a terminal and
/// what it writes arrives unchanged. A thread drains it as the child writes.
private final class PseudoTerminal: @unchecked Sendable {
    let primary: Int32
    private(set) var secondary: Int32
    private var bytes: [UInt8] = []
    private let drained = DispatchSemaphore(value: 0)

    init() throws {
        // posix_openpt/unlockpt/ptsname are not in Swift's Glibc module: their ioctls instead
        // (TIOCSPTLCK and TIOCGPTN, the same numbers on every Linux architecture).
        primary = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard primary >= 0, ioctl(primary, 0x4004_5431, &unlock) == 0, ioctl(primary, 0x8004_5430, &number) == 0 else {
            throw POSIXError(.ENOTTY)
        }
        secondary = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard secondary >= 0 else { throw POSIXError(.ENOTTY) }
        var mode = termios()
        tcgetattr(secondary, &mode)
        cfmakeraw(&mode)
        tcsetattr(secondary, TCSANOW, &mode)
    }

    /// After the spawn only the child holds the terminal, so reading ends (EIO) when it exits.
    func closeSecondary() {
        close(secondary)
        secondary = -1
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(primary, $0.baseAddress, $0.count) }
                if n > 0 { bytes += chunk[..<n] } else if n < 0 && errno == EINTR { continue } else { break }
            }
            drained.signal()
        }
    }

    func readAll() -> String {
        drained.wait()
        close(primary)
        return String(decoding: bytes, as: UTF8.self)
    }
}
