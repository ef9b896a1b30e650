// swift-tools-version:6.0
import PackageDescription

// The GGUF fuzzer (issue 8). A package of its own so that building and testing genplay never
// needs libFuzzer; Scripts/fuzz-gguf.sh builds it with -sanitize=fuzzer,address and runs it.
let package = Package(
    name: "genplay-fuzz",
    dependencies: [.package(name: "genplay", path: "..")],
    targets: [
        // No main: libFuzzer's driver is the entry point (-sanitize=fuzzer links it in).
        .executableTarget(name: "GGUFFuzzer", dependencies: [.product(name: "Engine", package: "genplay")]),
    ]
)
