import Engine
import Foundation

/// `genplay eval text`: perplexity of a text file under a language model, as llama-perplexity
/// computes it, with bits per byte beside it.
enum EvalTextCommand {
    static let name = "eval text"
    static let summary = """
        Perplexity of a text under a language model, computed as llama.cpp's llama-perplexity
        computes it: the file tokenized with BOS as the vocabulary asks, cut into chunks of -c
        tokens, each chunk evaluated from an empty cache with BOS in place of its first token,
        and the second half of each chunk scored. Prints the running perplexity per chunk with
        an ETA, the bits per byte of the scored text, and last `PPL = X ± Y` (the standard error
        of the mean log-likelihood, through exp).
        """
    static let usage = "eval text -m MODEL -f FILE [-c 512] [-b N] [-t N] [--json]"
    static let options: [OptionSpec] = [
        LoadedLanguageModel.modelOption, OptionSpec("-f", "--file", value: "FILE", help: "the UTF-8 text to score"),
        OptionSpec("-c", "--ctx-size", value: "N", help: "tokens per chunk (default 512)"),
        OptionSpec("-b", "--batch-size", value: "N", help: "tokens per forward pass (default 512, at most the chunk)"),
        LoadedLanguageModel.threadsOption, OptionSpec("--json", help: "print one JSON object instead of the report"),
    ]
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])'") }
        guard let path = args.string("-f") else { throw UsageError("give the text to score with -f FILE") }
        let context = try args.int("-c", default: 512, range: 2 ... 1 << 20)
        let batch = try args.int("-b", default: 512, range: 1 ... 1 << 20)
        let text = try readUTF8File(path)
        let loaded = try LoadedLanguageModel(args, defaultContext: context, batch: batch)
        guard loaded.model.contextLength >= context else {
            throw UsageError("-c \(context) is beyond the model's context of \(loaded.model.trainedContextLength) tokens")
        }
        let perplexity = try Perplexity(text: text, tokenizer: loaded.tokenizer, context: context)
        let json = args.flag("--json")
        if !json {
            Console.write("\(path): \(text.utf8.count) bytes, \(perplexity.tokens.count) tokens; \(perplexity.chunks) chunks of \(context), "
                + "the last \(context - 1 - context / 2) predictions of each scored\n")
        }
        let result = try perplexity.run(loaded.model) { p in
            guard !json else { return }
            let eta = p.seconds / Double(p.chunk) * Double(p.chunks - p.chunk)
            Console.write(String(format: "[%d/%d] PPL %.4f  (%.1f s per chunk, ETA %@)\n", p.chunk, p.chunks, p.perplexity,
                                 p.seconds / Double(p.chunk), duration(eta)))
        }
        if json {
            let object: [String: Any] = [
                "model": loaded.path, "file": path, "context": context, "tokens": perplexity.tokens.count,
                "chunks": perplexity.chunks, "scored_tokens": result.scoredTokens, "ppl": result.perplexity,
                "ppl_error": result.error, "bits_per_byte": result.bitsPerByte, "scored_bytes": result.scoredBytes,
                "running_ppl": result.running,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            Console.write(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            Console.write(String(format: "bits per byte: %.4f over %d bytes of %d scored tokens\n",
                                 result.bitsPerByte, result.scoredBytes, result.scoredTokens))
            Console.write(String(format: "PPL = %.4f ± %.5f\n", result.perplexity, result.error))
        }
        return 0
    }

    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
