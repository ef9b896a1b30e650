import Foundation
import Testing

/// `genplay replay FILE.ans`: an exported animation played frame by frame at `--fps`.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct ReplayCommandTests {
    static let esc = "\u{1B}"

    /// An animation of `count` frames "frame N", the way the image tabs write one.
    static func animation(_ count: Int, extra: String = "") throws -> String {
        let path = Genplay.scratch("replay-\(count)-\(UUID().uuidString).ans")
        let frames = (0 ..< count).map { "\(esc)[H\(esc)[0;38;2;200;10;10mframe \($0)\(esc)[0m\n" }.joined()
        try ("\(esc)[?25l\(esc)[2J" + extra + frames + "\(esc)[?25h").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func playsEveryFrameInOrderAtTheRateAsked() throws {
        let path = try Self.animation(5, extra: "\(Self.esc)]52;c;SGVsbG8=\u{07}\(Self.esc)[6n")
        let started = Date()
        let result = try Genplay.run(["replay", path, "--fps", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        // Five frames at 20 a second take at least four gaps of 50 ms.
        #expect(Date().timeIntervalSince(started) >= 0.2)
        let e = Self.esc
        let frames = (0 ..< 5).map { "\(e)[H\(e)[0;38;2;200;10;10mframe \($0)\(e)[0m\n" }.joined()
        #expect(result.stdout == "\(e)[?25l\(e)[2J" + frames + "\(e)[0m\(e)[?25h\n")
        #expect(!result.stdout.contains("]52;") && !result.stdout.contains("[6n"))
    }

    @Test func ctrlCStopsItWithTheCursorShown() throws {
        let path = try Self.animation(100)
        let replay = try ChildProcess([Genplay.binary!, "replay", path, "--fps", "2", "--loop"], environment: Genplay.isolated)
        usleep(700_000)
        replay.signal(SIGINT)
        let result = replay.wait()
        #expect(result.status == 130)
        #expect(result.stdout.contains("frame 1") && !result.stdout.contains("frame 9"))
        #expect(result.stdout.hasSuffix("\(Self.esc)[0m\(Self.esc)[?25h\n"))
    }

    @Test func badFilesAndFlagsAreOneLine() throws {
        let empty = Genplay.scratch("empty.ans")
        try "\(Self.esc)[2J".write(toFile: empty, atomically: true, encoding: .utf8)
        let binary = Genplay.scratch("binary.ans")
        try Data([0x1B, 0x5B, 0x48, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: binary))
        let cases: [([String], String)] = [
            (["replay"], "genplay: replay: expected one .ans file"),
            (["replay", "/nonexistent.ans"], "genplay: replay: cannot read '/nonexistent.ans': No such file or directory"),
            (["replay", empty], "genplay: replay: '\(empty)' has no frames to play"),
            (["replay", binary, "--fps", "5"], "genplay: replay: '\(binary)' is not UTF-8 text (invalid byte at offset 3)"),
            (["replay", empty, "--fps", "0"], "genplay: replay: --fps: 0 is outside 1...120"),
        ]
        for (arguments, message) in cases {
            let result = try Genplay.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
