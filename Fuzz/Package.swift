// swift-tools-version:6.0
import PackageDescription

// The fuzzers: GGUF files (issue 8) and chat files (issue 26). A package of its own so that
// building and testing genplay never needs libFuzzer; Scripts/fuzz-gguf.sh and
// Scripts/fuzz-chat.sh build them with -sanitize=fuzzer (and address) and run them.
let package = Package(
    name: "genplay-fuzz",
    dependencies: [.package(name: "genplay", path: "..")],
    targets: [
        // libFuzzer's driver as an entry point (-sanitize=fuzzer links libFuzzer in).
        .target(name: "FuzzDriver"),
        .executableTarget(name: "GGUFFuzzer", dependencies: ["FuzzDriver", .product(name: "Engine", package: "genplay")]),
        .executableTarget(name: "ChatFileFuzzer", dependencies: ["FuzzDriver", .product(name: "TUI", package: "genplay"),
                                                                 .product(name: "Render", package: "genplay")]),
    ]
)
