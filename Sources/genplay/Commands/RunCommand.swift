import Engine
import Foundation
import Synchronization
import TUI

/// Set by SIGINT while `run` streams: the loop stops after the current token.
private let interrupted = Atomic<Bool>(false)

enum RunCommand {
    static let name = "run"
    static let summary = """
        Generate text from a prompt, streaming it to stdout as tokens are sampled. Without -p or
        -f the prompt is read from standard input when that is not a terminal. Prompt and
        generation speed go to stderr at the end. Ctrl-C stops early and keeps what was written.
        Model text is shown with control characters escaped on a terminal (and when piped,
        unless --raw).
        """
    static let usage = "run [-m MODEL] [-p PROMPT | -f FILE] [-n N] [--chat] [--remote URL] [sampling options]"
    static let options: [OptionSpec] = LoadedLanguageModel.options + [
        OptionSpec("-p", "--prompt", value: "TEXT", help: "the prompt"),
        OptionSpec("-f", "--file", value: "FILE", help: "read the prompt from a UTF-8 file (- for standard input)"),
        OptionSpec("-n", "--n-predict", value: "N", help: "tokens to generate (default 128; -1: until the model stops or the context is full)"),
        OptionSpec("--chat", help: "wrap the prompt as a user message in the model's chat template"),
        OptionSpec("--system", value: "TEXT", help: "system message for --chat (default: the model template's own, if any)"),
        LoadedLanguageModel.chatTemplateOption,
        OptionSpec("--special", help: "recognise special tokens such as <|im_start|> written in the prompt"),
        OptionSpec("--show-special", help: "print control tokens (<|im_end|>) in the output"),
        OptionSpec("--raw", help: "write model text unescaped when stdout is not a terminal"),
    ] + RemoteRun.options + SamplingOptions.options
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        try args.requireNoPositionals()
        let prompt = try promptText(args)
        let limit = try args.int("-n", default: 128, range: -1 ... Int.max)
        let settings = LiveSamplerSettings(try SamplingOptions.settings(args))
        if let server = try RemoteRun.server(args) {
            return try RemoteRun.run(server, args, prompt: prompt, limit: limit, settings: settings.value)
        }
        let chatTemplate = try LoadedLanguageModel.chatTemplate(args)
        let loaded = try LoadedLanguageModel(args)
        let tokenizer = loaded.tokenizer
        let ids: [Int32]
        var endOfTurn: Int32?
        if args.flag("--chat") {
            let turns = (args.string("--system").map { [ChatTurn(role: .system, text: $0)] } ?? []) + [ChatTurn(role: .user, text: prompt)]
            let format = try loaded.chatFormat(override: chatTemplate)
            ids = try format.render(turns, tokenizer: tokenizer)
            endOfTurn = format.endOfTurn
        } else {
            ids = tokenizer.encode(prompt, addSpecial: true, parseSpecial: args.flag("--special"))
        }
        guard !ids.isEmpty else { throw UsageError("the prompt is empty") }
        guard ids.count < loaded.model.contextLength else {
            throw InferenceError.contextFull(needed: ids.count + 1, capacity: loaded.model.contextLength)
        }

        let stream = TokenStream(model: loaded.model, tokenizer: tokenizer, settings: settings)
        stream.alternativeCount = 0
        stream.renderSpecial = args.flag("--show-special")
        stream.reset(to: ids)
        let escape = Console.stdoutIsTerminal || !args.flag("--raw")
        signal(SIGINT) { _ in interrupted.store(true, ordering: .relaxed) }
        let show = { (text: String) in if !text.isEmpty { escape ? Console.write(text) : Console.writeRaw(text) } }
        var stops = StopStrings(settings.value.stopStrings)
        var stopReason = "length limit"
        var produced = 0
        while limit < 0 || produced < limit {
            if interrupted.load(ordering: .relaxed) { stopReason = "interrupted"; break }
            guard let token = try nextToken(stream) else { stopReason = "context full"; break }
            produced += 1
            show(stops.append(token.text))
            if stops.isStopped { stopReason = "stop string"; break }
            if token.isEndOfGeneration || token.id == endOfTurn { stopReason = "end of generation"; break }
        }
        show(stops.append(stream.flushText()) + stops.flush())
        Console.write("\n")
        signal(SIGINT, SIG_DFL)
        let s = stream.stats
        Console.status(String(format: "\nload: %.0f ms | prompt: %d tokens, %.1f tok/s | generation: %d tokens, %.1f tok/s | stopped: %@\n",
                              loaded.loadSeconds * 1000, s.promptTokens, s.promptTokensPerSecond,
                              s.generatedTokens, s.generationTokensPerSecond, stopReason))
        return interrupted.load(ordering: .relaxed) ? 130 : 0
    }

    /// From -p, from -f (`-f -` is standard input), or, with neither, from standard input when
    /// it is not a terminal (`echo hi | genplay run`).
    private static func promptText(_ args: Arguments) throws -> String {
        switch (args.string("-p"), args.string("-f")) {
        case let (text?, nil): return text
        case (nil, "-"?): return try readUTF8StandardInput()
        case let (nil, path?): return try readUTF8File(path)
        case (nil, nil):
            guard !Console.stdinIsTerminal else { throw UsageError("give a prompt with -p TEXT or -f FILE") }
            let text = try readUTF8StandardInput()
            // Most likely /dev/null or a pipe that was meant to carry the prompt.
            guard !text.isEmpty else { throw UsageError("standard input is empty; give a prompt with -p TEXT or -f FILE") }
            return text
        default: throw UsageError("give either -p or -f, not both")
        }
    }

    /// The next token, or nil once the context is full.
    private static func nextToken(_ stream: TokenStream) throws -> GeneratedToken? {
        do { return try stream.next() } catch InferenceError.contextFull { return nil }
    }
}

/// Sampling flags and stop strings shared by `run` and the app, with llama.cpp's names and defaults.
enum SamplingOptions {
    static let options: [OptionSpec] = [
        OptionSpec("--temp", value: "T", help: "temperature; 0 = greedy (default 0.8)"),
        OptionSpec("--top-k", value: "K", help: "keep the K most likely tokens; 0 = all (default 40)"),
        OptionSpec("--top-p", value: "P", help: "nucleus: smallest set with probability >= P (default 0.95)"),
        OptionSpec("--min-p", value: "P", help: "drop tokens below P × the best one's probability (default 0.05)"),
        OptionSpec("--repeat-penalty", value: "X", help: "penalty for repeating recent tokens (default 1.0 = off)"),
        OptionSpec("--repeat-last-n", value: "N", help: "recent tokens the penalties look at; -1 = all (default 64)"),
        OptionSpec("--presence-penalty", value: "X", help: "subtracted once from a recent token's logit (default 0)"),
        OptionSpec("--frequency-penalty", value: "X", help: "subtracted per occurrence (default 0)"),
        OptionSpec("--seed", value: "N", help: "random seed (default \(SamplerSettings().seed))"),
        OptionSpec("--stop", value: "TEXT", help: "end the reply where it says TEXT (left out); repeatable; \\n, \\t, \\\\ are escapes"),
    ]

    static func settings(_ args: Arguments) throws -> SamplerSettings {
        var s = SamplerSettings()
        typealias Limits = SamplerSettings.Limits
        s.temperature = try args.float("--temp", default: s.temperature, range: Limits.temperature)
        s.topK = try args.int("--top-k", default: s.topK, range: Limits.topK)
        s.topP = try args.float("--top-p", default: s.topP, range: Limits.probability)
        s.minP = try args.float("--min-p", default: s.minP, range: Limits.probability)
        s.repeatPenalty = try args.float("--repeat-penalty", default: s.repeatPenalty, range: Limits.repeatPenalty)
        s.repeatLastN = try args.int("--repeat-last-n", default: s.repeatLastN, range: Limits.repeatLastN)
        s.presencePenalty = try args.float("--presence-penalty", default: s.presencePenalty, range: Limits.presenceOrFrequency)
        s.frequencyPenalty = try args.float("--frequency-penalty", default: s.frequencyPenalty, range: Limits.presenceOrFrequency)
        s.seed = try args.uint64("--seed", default: s.seed)
        s.stopStrings = args.strings("--stop").map(StopStringSyntax.unescape)
        if s.stopStrings.contains("") { throw UsageError("--stop: a stop string cannot be empty") }
        return s
    }
}
