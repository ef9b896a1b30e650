import Engine
import Foundation

/// Image checkpoints as the headless commands find and load them.
enum ImageLoading {
    static let checkpointsOption = OptionSpec("--checkpoints", value: "DIR", help: "folder with the image checkpoints (default: Checkpoints/ beside the executable or working directory)")
    static let datasetOption = OptionSpec("--dataset", value: "DIR", help: "Fashion-MNIST test-set folder (default $\(FashionMNIST.directoryVariable), else \(FashionMNIST.defaultDirectory))")
    static let threadsOption = OptionSpec("-t", "--threads", value: "N", help: "threads (default 2)")

    static func file(_ name: String, _ args: Arguments) throws -> GGUFFile {
        try GGUFFile(path: ImageCheckpoints.path(name, directory: args.string("--checkpoints")))
    }

    static func datasetDirectory(_ args: Arguments, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        FashionMNIST.directory(flag: args.string("--dataset"), environment: environment)
    }

    static func threads(_ args: Arguments) throws -> Int { try args.int("-t", default: 2, range: 1 ... 256) }

    static func unet(_ args: Arguments) throws -> UNet { try UNet(file: file(ImageCheckpoints.diffusion, args), threads: threads(args)) }
}

/// Wall-clock seconds of `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? 0 : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
