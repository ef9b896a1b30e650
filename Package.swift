// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "genplay",
    products: [
        .executable(name: "genplay", targets: ["genplay"]),
        // For the fuzzers in Fuzz/, a package of its own (GGUF files; chat files, shown).
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Render", targets: ["Render"]),
        .library(name: "TUI", targets: ["TUI"]),
    ],
    targets: [
        // ncursesw (wide-character API); the only ncurses user is the `genplay` executable.
        // No pkgConfig: its cflags (-D_XOPEN_SOURCE=600) are flags SwiftPM prohibits and warns
        // about; shim.h sets the defines it needs and the module map links ncursesw.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        // zlib: inflating model wheels (ZIP) and deflating PNG files.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Hot dot-product kernels (AVX2 integer multiply-add with a portable fallback).
        .target(name: "CKernels"),
        .target(name: "Engine", dependencies: ["CKernels", "CZlib"]),
        .target(name: "Render"),
        .target(name: "TUI", dependencies: ["Engine", "Render"]),
        // The OpenAI-compatible HTTP API (`genplay serve`): POSIX sockets and Foundation JSON.
        .target(name: "Serve", dependencies: ["Engine"]),
        // The client side: chatting with an OpenAI-compatible server (FoundationNetworking, libcurl).
        .target(name: "Remote", dependencies: ["Engine"]),
        .executableTarget(name: "genplay", dependencies: ["Engine", "Render", "TUI", "Serve", "Remote", "CNcurses"]),
        // What several test targets share: tiny models written on the fly, the build flavour.
        .target(name: "TestSupport", dependencies: ["Engine"], path: "Tests/TestSupport"),
        // Fixtures are read from the source tree (#filePath); their generator scripts live beside them.
        .testTarget(name: "EngineTests", dependencies: ["Engine", "CKernels", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "RenderTests", dependencies: ["Render"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "Engine", "TestSupport"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Render", "Engine", "TestSupport"]),
        // Drive the built `genplay` binary (exit codes, error lines, terminal output, signals);
        // depending on the executable makes `swift test` build it first.
        .testTarget(name: "CommandLineTests", dependencies: ["genplay", "Engine", "TUI", "TestSupport"]),
    ]
)
