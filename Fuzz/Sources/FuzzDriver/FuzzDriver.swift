import Foundation

/// Runs libFuzzer's driver with `target` as the fuzz target, passing it the command line.
/// (SwiftPM links an executable's entry point under its own name, so libFuzzer's `main`
/// cannot be used as is; every fuzzer's `main` calls this.)
public func runLibFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
