import Engine
import Foundation

/// The Swift side of Benchmarks/unet-vs-torch.sh: the same three timings as
/// Benchmarks/unet_torch.py (median ms of a UNet forward at batch 1 and 2, and of a guided
/// 50-step DDIM sample), on the same checkpoint and thread count.
enum BenchImageCommand {
    static let name = "bench-image"
    static let summary = """
        Time the diffusion UNet: one forward at batch 1 and batch 2 (a guided step), and a full
        DDIM sample with guidance 3 (median of runs). Compare with Benchmarks/unet_torch.py, or run
        Benchmarks/unet-vs-torch.sh for both side by side.
        """
    static let usage = "bench-image [--runs 200] [--sample-runs 5] [--steps 50] [-t 2]"
    static let options: [OptionSpec] = [
        OptionSpec("--runs", value: "N", help: "forward passes timed per batch size (default 200)"),
        OptionSpec("--sample-runs", value: "N", help: "full samples timed (default 5)"),
        OptionSpec("--steps", value: "N", help: "DDIM steps per sample (default 50)"),
        ImageLoading.threadsOption, ImageLoading.checkpointsOption,
    ]
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        let runs = try args.int("--runs", default: 200, range: 1 ... 100_000)
        let sampleRuns = try args.int("--sample-runs", default: 5, range: 1 ... 1000)
        let steps = try args.int("--steps", default: 50, range: 1 ... 1000)
        let unet = try ImageLoading.unet(args)
        let pixels = unet.config.image.pixelCount
        Console.write("genplay UNet, \(try ImageLoading.threads(args)) threads, weights: \(unet.config.image.name)\n")
        var noise = GaussianGenerator(seed: 0)
        for batch in [1, 2] {
            let x = noise.values(batch * pixels)
            var eps = [Float](repeating: 0, count: x.count)
            let t = [Int](repeating: 500, count: batch), y = [3, unet.config.nullClass].prefix(batch).map { $0 }
            func forward() throws {
                try x.withUnsafeBufferPointer { xb in
                    try eps.withUnsafeMutableBufferPointer { try unet.predictNoise(xb.baseAddress!, timesteps: t, classes: y, into: $0.baseAddress!) }
                }
            }
            for _ in 0 ..< 5 { try forward() }
            let ms = try median((0 ..< runs).map { _ in try seconds(forward) }) * 1000
            Console.write(String(format: "forward batch %d: %.3f ms (median of %d)\n", batch, ms, runs))
        }
        let settings = DenoiseStream.Settings(method: .ddim, steps: steps, guidance: 3, label: 7)
        func sample() throws { _ = try DenoiseStream(model: unet, settings: settings).finish() }
        try sample()
        let ms = try median((0 ..< sampleRuns).map { _ in try seconds(sample) }) * 1000
        Console.write(String(format: "DDIM %d steps, guidance 3 (batch-2 forward per step): %.1f ms (median of %d)\n", steps, ms, sampleRuns))
        return 0
    }
}
