// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "genplay",
    products: [
        .executable(name: "genplay", targets: ["genplay"]),
    ],
    targets: [
        // ncursesw through pkg-config; the only ncurses user is the `genplay` executable.
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // zlib: inflating model wheels (ZIP) and deflating PNG files.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Hot dot-product kernels (AVX2 integer multiply-add with a portable fallback).
        .target(name: "CKernels"),
        .target(name: "Engine", dependencies: ["CKernels", "CZlib"]),
        .target(name: "Render"),
        .target(name: "TUI", dependencies: ["Engine", "Render"]),
        .executableTarget(name: "genplay", dependencies: ["Engine", "Render", "TUI", "CNcurses"]),
        // Fixtures are read from the source tree (#filePath); their generator scripts live beside them.
        .testTarget(name: "EngineTests", dependencies: ["Engine", "CKernels"], exclude: ["Fixtures"]),
        .testTarget(name: "RenderTests", dependencies: ["Render"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Render", "Engine"]),
    ]
)
