import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file so that readers (and a crash, or a full disk) see the old contents or the
/// new, never a mix: write a temporary file beside it, sync it, rename it over the target.
/// Chats and exported images are written this way.
public enum AtomicFile {
    /// A write that did not happen; the target is as it was.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Temporary files are named `.TARGET.tmp-PID-RANDOM`.
    private static let temporaryMarker = ".tmp-"

    /// Removes the temporary files in `folder` left by processes that died while writing
    /// (killed between creating the file and renaming it).
    public static func removeAbandonedTemporaries(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(".") {
            guard let marker = name.range(of: temporaryMarker, options: .backwards),
                  let pid = Int32(name[marker.upperBound...].prefix { $0 != "-" }),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// - Parameter permissions: the new file's mode (before the umask): private by default.
    public static func write(_ data: Data, to target: URL, permissions: mode_t = 0o600) throws(Failure) {
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent)\(temporaryMarker)\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        func fail(_ reason: String) -> Failure {
            unlink(temporary.path)
            return Failure(path: target.path, reason: reason)
        }
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw fail(String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return -1
                }
                offset += result
            }
            return offset
        }
        let writeError = written < 0 ? String(cString: strerror(errno)) : nil
        let synced = fsync(descriptor) == 0
        close(descriptor)
        if let writeError { throw fail(writeError) }
        guard synced else { throw fail("fsync failed: \(String(cString: strerror(errno)))") }
        guard rename(temporary.path, target.path) == 0 else { throw fail(String(cString: strerror(errno))) }
        // Make the rename itself durable.
        let folderDescriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Makes `folder` and the folders above it that are missing; a failure says which path
    /// and why in one line ("Not a directory" where a file is in the way).
    public static func createFolder(_ folder: URL) throws(Failure) {
        var path = folder.path.hasPrefix("/") ? "" : "."
        for component in folder.path.split(separator: "/") {
            path += "/" + component
            guard mkdir(path, 0o755) != 0 else { continue }
            let reason = errno
            var info = stat()
            if reason == EEXIST, stat(path, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else { throw Failure(path: path, reason: "a file is in the way of the folder") }
                continue
            }
            throw Failure(path: path, reason: String(cString: strerror(reason)))
        }
    }
}
