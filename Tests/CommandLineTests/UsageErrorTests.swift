import Foundation
import Testing

/// Every subcommand's bad flags and missing or garbage values: one readable line on stderr,
/// nothing on stdout, exit status 2.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct UsageErrorTests {
    static let known = "(known: smollm2-135m-instruct, gemma3-270m)"

    /// Arguments -> the line genplay prints (without "genplay: ").
    static let cases: [(arguments: [String], line: String)] = [
        // The app and the command name.
        (["--nope"], "unknown option '--nope' (see --help)"),
        (["nosuch"], "unknown command 'nosuch' (commands: run, tokenize, template, info, pull, serve, bench, sample, replay, eval, bench-image)"),
        (["-m"], "option -m needs a value (MODEL)"),
        (["-c", "abc"], "-c: expected a whole number, got 'abc'"),
        (["--temp", "-1"], "--temp: -1 is outside 0.0...100.0"),
        (["--demo=1"], "option --demo takes no value"),
        (["--stop", ""], "--stop: a stop string cannot be empty"),
        (["--stop"], "option --stop needs a value (TEXT)"),
        (["--dataset"], "option --dataset needs a value (DIR)"),
        (["-m", "nosuch"], "unknown model 'nosuch' \(known); or give a path to a .gguf file"),
        (["--demo", "--theme", "nosuch"], "no theme named `nosuch`; available: default-dark, high-contrast, light, mono"),
        // run
        (["run", "--nope"], "run: unknown option '--nope' (see --help)"),
        // Standard input is /dev/null here: not a terminal, so run reads the prompt from it.
        (["run"], "run: standard input is empty; give a prompt with -p TEXT or -f FILE"),
        (["run", "-p", "hi", "-f", "x"], "run: give either -p or -f, not both"),
        (["run", "-p"], "run: option -p needs a value (TEXT)"),
        (["run", "-m", "-p", "hi"], "run: option -m needs a value (MODEL)"),
        (["run", "-p", "hi", "extra"], "run: unexpected argument 'extra'"),
        (["run", "-p", "hi", "-n", "abc"], "run: -n: expected a whole number, got 'abc'"),
        (["run", "-p", "hi", "-n", "-2"], "run: -n: expected -1 or more, got -2"),
        (["run", "-p", "hi", "-c", "0"], "run: -c: 0 is outside 1...1048576"),
        (["run", "-p", "hi", "-t", "999"], "run: -t: 999 is outside 1...256"),
        (["run", "-p", "hi", "--temp", "nan"], "run: --temp: expected a number, got 'nan'"),
        (["run", "-p", "hi", "--top-p", "2"], "run: --top-p: 2 is outside 0.0...1.0"),
        (["run", "-p", "hi", "--seed", "-1"], "run: --seed: expected a non-negative whole number, got '-1'"),
        (["run", "-p", "hi", "--chat=yes"], "run: option --chat takes no value"),
        (["run", "-m", "nosuch", "-p", "hi"], "run: unknown model 'nosuch' \(known); or give a path to a .gguf file"),
        (["run", "-f", "/nonexistent/prompt.txt"], "run: cannot read '/nonexistent/prompt.txt': No such file or directory"),
        // tokenize
        (["tokenize"], "tokenize: give the text to tokenize, or --file FILE"),
        (["tokenize", "a", "b"], "tokenize: give one text argument or --file, not both"),
        (["tokenize", "a", "-f", "x"], "tokenize: give one text argument or --file, not both"),
        (["tokenize", "--ids=1", "a"], "tokenize: option --ids takes no value"),
        (["tokenize", "-m", "nosuch", "a"], "tokenize: unknown model 'nosuch' \(known); or give a path to a .gguf file"),
        // info
        (["info"], "info: expected one model file or name"),
        (["info", "a", "b"], "info: expected one model file or name"),
        (["info", "--full=1", "x"], "info: option --full takes no value"),
        (["info", "nosuch"], "info: unknown model 'nosuch' \(known); or give a path to a .gguf file"),
        // pull
        (["pull"], "pull: expected one model name \(known)"),
        (["pull", "a", "b"], "pull: expected one model name \(known)"),
        (["pull", "nosuch"], "pull: unknown model 'nosuch' \(known)"),
        (["pull", "--force=1", "x"], "pull: option --force takes no value"),
        // bench
        (["bench", "-r", "0"], "bench: -r: 0 is outside 1...1000"),
        (["bench", "-p", "x"], "bench: -p: expected whole numbers separated by commas, got 'x'"),
        (["bench", "-n", "-5"], "bench: -n: expected whole numbers separated by commas, got '-5'"),
        (["bench", "-t", "0"], "bench: -t: thread counts must be in 1...256"),
        (["bench", "extra"], "bench: unexpected argument 'extra'"),
        (["bench", "-m", "nosuch"], "bench: unknown model 'nosuch' \(known); or give a path to a .gguf file"),
        // sample, eval, bench-image
        (["sample"], "sample: expected one model: ddpm, ddim, dpm, gan, vae, vae2d"),
        (["sample", "nosuch"], "sample: expected a model: ddpm, ddim, dpm, gan, vae, vae2d (got 'nosuch')"),
        (["sample", "ddim", "--steps", "0"], "sample: --steps: 0 is outside 1...1000"),
        (["sample", "ddim", "--steps", "x"], "sample: --steps: expected a whole number, got 'x'"),
        (["sample", "gan", "--class", "99"], "sample: --class: '99' is not one of 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot"),
        (["sample", "vae", "--count", "1000000000"], "sample: --count: 1000000000 is outside 1...10000"),
        (["sample", "ddim", "--bogus"], "sample: unknown option '--bogus' (see --help)"),
        (["sample", "ddim", "--mode", "sixel"], "sample: --mode: expected halfblocks|braille|ascii|color16, got 'sixel'"),
        (["sample", "ddim", "--dither", "fs"], "sample: --dither: expected none|ordered|floydsteinberg, got 'fs'"),
        (["sample", "ddim", "--preview-size", "40"], "sample: --preview-size: expected columns x rows, each 1...1000 (e.g. 40x20), got '40'"),
        (["eval"], "eval: expected `eval images --model M` or `eval text -m MODEL -f FILE`"),
        (["eval", "text"], "eval text: give the text to score with -f FILE"),
        (["eval", "text", "-f", "x", "-c", "1"], "eval text: -c: 1 is outside 2...1048576"),
        (["eval", "images", "--model", "nosuch"], "eval: expected a model: ddpm, ddim, dpm, gan, vae, vae2d (got 'nosuch')"),
        (["bench-image", "--bogus"], "bench-image: unknown option '--bogus' (see --help)"),
    ]

    @Test(arguments: cases.indices)
    func oneLineAndStatusTwo(_ index: Int) throws {
        let (arguments, line) = Self.cases[index]
        let result = try Genplay.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr == "genplay: \(line)\n", "\(arguments)")
        #expect(result.stdout.isEmpty, "\(arguments)")
    }

    /// A prompt file that is not UTF-8 names the first bad byte.
    @Test func promptFileWithInvalidUTF8() throws {
        let path = Genplay.scratch("latin1.txt")
        try Data("caf".utf8 + [0xE9, 0x21]).write(to: URL(fileURLWithPath: path))
        let result = try Genplay.run(["run", "-m", Genplay.tinyModel, "-f", path])
        #expect(result.status == 2)
        #expect(result.stderr == "genplay: run: '\(path)' is not UTF-8 text (invalid byte at offset 3)\n")
        let tokenize = try Genplay.run(["tokenize", "-m", Genplay.tinyModel, "-f", path])
        #expect(tokenize.stderr == "genplay: tokenize: '\(path)' is not UTF-8 text (invalid byte at offset 3)\n")
    }
}
