import Foundation
import Testing

/// SmolLM2 in the user's cache (the tests' own cache is empty), or nil.
private let smolLM2: String? = {
    let cache = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? NSHomeDirectory() + "/.cache"
    let path = cache + "/genplay/models/SmolLM2-135M-Instruct.Q4_1.gguf"
    return FileManager.default.fileExists(atPath: path) ? path : nil
}()

/// Under an address-space limit (`ulimit -v`) too small for the model, loading is one line
/// naming the model and what it needs, and exit status 1: no trap, no backtrace, whichever
/// allocation the limit catches (the memory map, the repacked weights, the KV cache).
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary),
       .enabled(if: smolLM2 != nil, "SmolLM2 is not downloaded: run `genplay pull smollm2-135m-instruct`"))
struct MemoryLimitTests {
    /// `genplay ARGUMENTS` with its address space limited to `kilobytes`.
    static func run(limit kilobytes: Int, _ arguments: [String]) throws -> ProcessResult {
        try ChildProcess.run(["/bin/sh", "-c", "ulimit -v \(kilobytes) && exec \"$0\" \"$@\"", Genplay.binary!] + arguments,
                             environment: Genplay.isolated)
    }

    /// Limits measured on SmolLM2 Q4_1 with 2 threads (it loads from about 440 MB at -c 2048):
    /// 150 MB cannot map the file, 300 MB fits the map but not the repacked weights (before
    /// the fix: a trap in PackedArena or in the tokenizer's tables), 500 MB fits all but a
    /// 8192-position KV cache.
    @Test(arguments: [(150_000, 2048), (300_000, 2048), (500_000, 8192)])
    func tooLittleMemoryIsOneLine(limit: Int, context: Int) throws {
        let model = try #require(smolLM2)
        let result = try Self.run(limit: limit, ["run", "-m", model, "-p", "hi", "-n", "1", "-t", "2", "-c", "\(context)"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("genplay: not enough memory to load \(model) (needs ≈ "), "\(result.stderr)")
        #expect(result.stderr.hasSuffix(" MB)\n"), "\(result.stderr)")
    }

    /// The same model with room to spare still loads and runs.
    @Test func enoughMemoryRuns() throws {
        let model = try #require(smolLM2)
        let result = try Self.run(limit: 700_000, ["run", "-m", model, "-p", "hi", "-n", "1", "-t", "2"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
