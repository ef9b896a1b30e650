import Engine
import Foundation
import FuzzDriver

/// Where each input is written: the reader maps files, as it does in genplay.
private let inputPath = "/dev/shm/genplay-fuzz-\(getpid()).gguf"

/// One fuzz input: load it as genplay loads a model — container, tensor directory, tokenizer,
/// model — then touch every tensor's first and last byte, tokenize and detokenize a line, and
/// run one token through the model. Errors are the expected outcome; a crash, a trap or a
/// sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGGUF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let descriptor = open(inputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0, write(descriptor, data, size) == size else { fatalError("cannot write \(inputPath)") }
    close(descriptor)
    do {
        let file = try GGUFFile(path: inputPath)
        var checksum: UInt8 = 0
        for tensor in file.tensors {
            let bytes = file.data(of: tensor)
            checksum &+= bytes[0] &+ bytes[bytes.count - 1]
        }
        _ = file.metadata.map { "\($0.key)=\($0.value)" }
        let tokenizer = try loadTokenizer(from: file)
        let ids = tokenizer.encode("Hi <|im_start|>user\n123 ab\u{1B}[0m é", addSpecial: true, parseSpecial: true)
        _ = tokenizer.decode(ids + [-1, Int32(tokenizer.vocabularySize), Int32.max])
        let bundle = try LanguageModelBundle(file: file, options: ModelOptions(contextLength: 8, threads: 1))
        _ = try bundle.model.evaluate([ids.first ?? 0], at: 0)
        _ = checksum
    } catch {
        _ = "\(error)"  // every message is built, as genplay prints it
    }
    return 0
}

@main
enum GGUFFuzzer {
    static func main() { runLibFuzzer(fuzzGGUF) }
}
