import Engine
import Foundation
import Render

/// Like llama-bench: prompt processing (pp) evaluates a batch of tokens from an empty context,
/// text generation (tg) evaluates tokens one at a time; each test is repeated and reported as
/// mean ± standard deviation of tokens per second.
enum BenchCommand {
    static let name = "bench"
    static let summary = "Measure prompt processing and generation speed (llama-bench compatible tests)."
    static let usage = "bench [-m MODEL] [-p 128] [-n 128] [-r 5] [-t 2] [--json] [--kernels]"
    static let options: [OptionSpec] = [
        OptionSpec("-m", "--model", value: "MODEL", help: "GGUF file or known name (default \(ModelCatalog.defaultChatModel))"),
        OptionSpec("-p", "--n-prompt", value: "N[,N...]", help: "prompt sizes to test (default 128; 0 skips)"),
        OptionSpec("-n", "--n-gen", value: "N[,N...]", help: "generation lengths to test (default 128; 0 skips)"),
        OptionSpec("-r", "--repetitions", value: "N", help: "repetitions per test (default 5)"),
        OptionSpec("-t", "--threads", value: "N[,N...]", help: "thread counts (default 2)"),
        OptionSpec("--json", help: "print one JSON object per test instead of a table"),
        OptionSpec("--kernels", help: "instead: each hot kernel's GB/s against the machine's read bandwidth"),
    ]
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    struct Result: Codable {
        let model: String
        let test: String
        let threads: Int
        let tokens: Int
        let samples: [Double]
        var mean: Double { samples.reduce(0, +) / Double(samples.count) }
        var stddev: Double {
            guard samples.count > 1 else { return 0 }
            let m = mean
            return (samples.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(samples.count - 1)).squareRoot()
        }
    }

    static func run(_ args: Arguments) throws -> Int32 {
        if args.flag("--kernels") { return try kernels(args) }
        try args.requireNoPositionals()
        let prompts = try list(args, "-p", default: [128])
        let gens = try list(args, "-n", default: [128])
        let threads = try threadCounts(args)
        let repetitions = try args.int("-r", default: 5, range: 1 ... 1000)
        let path = try modelPath(args.string("-m"))
        let file = try GGUFFile(path: path)
        let label = modelLabel(file, path: path)
        var results: [Result] = []
        if !args.flag("--json") {
            Console.write("| model | threads | test | t/s |\n| --- | ---: | ---: | ---: |\n")
        }
        for t in threads {
            let model = try ModelRegistry.load(file, options: ModelOptions(contextLength: max(prompts.max() ?? 0, gens.max() ?? 0, 1) + 1, threads: t))
            let tests = prompts.filter { $0 > 0 }.map { ("pp\($0)", $0, true) } + gens.filter { $0 > 0 }.map { ("tg\($0)", $0, false) }
            for (name, count, isPrompt) in tests {
                guard count <= model.contextLength else { throw UsageError("\(name) needs \(count) positions; the model holds \(model.contextLength)") }
                let tokens = (0 ..< count).map { Int32(($0 * 7919 + 13) % model.vocabularySize) }
                _ = try measure(model, tokens, isPrompt) // warm-up, as llama-bench does
                let samples = try (0 ..< repetitions).map { _ in Double(count) / (try measure(model, tokens, isPrompt)) }
                let result = Result(model: label, test: name, threads: t, tokens: count, samples: samples)
                results.append(result)
                if args.flag("--json") {
                    let json = try JSONEncoder().encode(result)
                    Console.write(String(decoding: json, as: UTF8.self) + "\n")
                } else {
                    Console.write(String(format: "| %@ | %d | %@ | %.2f ± %.2f |\n", TerminalSafety.sanitize(label), t, name, result.mean, result.stddev))
                }
            }
        }
        return 0
    }

    private static func kernels(_ args: Arguments) throws -> Int32 {
        let repetitions = try args.int("-r", default: 5, range: 1 ... 1000)
        let json = args.flag("--json")
        if !json { Console.write("| kernel | threads | GB/s | of read bandwidth |\n| --- | ---: | ---: | ---: |\n") }
        for t in try threadCounts(args) {
            for row in KernelBench.run(threads: t, repetitions: repetitions) {
                Console.write(json ? String(decoding: try JSONEncoder().encode(row), as: UTF8.self) + "\n"
                    : String(format: "| %@ | %d | %.1f | %.0f%% |\n", row.kernel, row.threads, row.gigabytesPerSecond, 100 * row.fractionOfReadBandwidth))
            }
        }
        return 0
    }

    /// Seconds to evaluate the tokens as one batch (pp) or one at a time (tg), from position 0.
    private static func measure(_ model: LanguageModel, _ tokens: [Int32], _ batch: Bool) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        if batch {
            _ = try model.evaluate(tokens, at: 0)
        } else {
            for (i, token) in tokens.enumerated() { _ = try model.evaluate([token], at: i) }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func threadCounts(_ args: Arguments) throws -> [Int] {
        let threads = try list(args, "-t", default: [2])
        guard threads.allSatisfy({ (1 ... 256).contains($0) }) else { throw UsageError("-t: thread counts must be in 1...256") }
        return threads
    }

    private static func list(_ args: Arguments, _ name: String, default fallback: [Int]) throws -> [Int] {
        guard let raw = args.string(name) else { return fallback }
        return try raw.split(separator: ",").map {
            guard let n = Int($0), n >= 0 else { throw UsageError("\(name): expected whole numbers separated by commas, got '\(raw)'") }
            return n
        }
    }

    private static func modelLabel(_ file: GGUFFile, path: String) -> String {
        let name = ((try? file.string(GGUFKey.name)) ?? nil) ?? URL(fileURLWithPath: path).lastPathComponent
        return "\(name) \(quantization(file)) \(Console.formatBytes(file.file.bytes.count))"
    }

    /// The file's quantization as llama.cpp names it (`general.file_type`: Q4_K_M, Q4_1, ...),
    /// else the type holding the most bytes.
    private static func quantization(_ file: GGUFFile) -> String {
        let names = [0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
                     12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 32: "BF16"]
        if let type = (try? file.int(GGUFKey.fileType)) ?? nil, let name = names[type] { return name }
        let bytes = Dictionary(grouping: file.tensors, by: \.type.name).mapValues { $0.reduce(0) { $0 + $1.byteCount } }
        return bytes.max { $0.value < $1.value }?.key ?? "?"
    }
}
