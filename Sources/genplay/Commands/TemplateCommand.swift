import Engine
import Foundation

/// `genplay template`: a chat template's text for a conversation, as Hugging Face's
/// `apply_chat_template` renders it, to check a template or see what a model is sent.
enum TemplateCommand {
    static let name = "template"
    static let summary = """
        Render a chat template (a .jinja file, or a model's own) over an OpenAI-style list of
        messages and print the text exactly. A template that refuses the conversation
        (raise_exception) prints its message on stderr and exits 1.
        """
    static let usage = "template (FILE.jinja | -m MODEL) MESSAGES.json [--add-generation-prompt] [--bos TEXT] [--eos TEXT] [--date YYYY-MM-DD] [--tools TOOLS.json] [--enable-thinking]"
    static let options: [OptionSpec] = [
        OptionSpec("-m", "--model", value: "MODEL", help: "use this model's template (GGUF file or known name; vocabulary-only files do)"),
        OptionSpec("--add-generation-prompt", help: "end with the opening of the assistant's turn"),
        OptionSpec("--bos", value: "TEXT", help: "bos_token (default: the model's BOS with -m, else empty)"),
        OptionSpec("--eos", value: "TEXT", help: "eos_token (default: the model's EOS with -m, else empty)"),
        OptionSpec("--date", value: "YYYY-MM-DD", help: "the day strftime_now sees (default: now)"),
        OptionSpec("--tools", value: "TOOLS.json", help: "a JSON list of tool definitions, as the template's tools"),
        OptionSpec("--enable-thinking", help: "set enable_thinking to true (unset by default: the template's own default)"),
        OptionSpec("--time", help: "also render 20 more times and print the median time on stderr"),
    ]
    static let command = Command(name: name, usage: usage, summary: summary, options: options, run: run)

    static func run(_ args: Arguments) throws -> Int32 {
        let source: String, messagesPath: String
        var bos = "", eos = ""
        switch (args.string("-m"), args.positionals.count) {
        case let (model?, 1):
            messagesPath = args.positionals[0]
            let file = try GGUFFile(path: try modelPath(model))
            let tokenizer = try loadTokenizer(from: file)
            guard let text = try file.string(GGUFKey.chatTemplate), !text.isEmpty else {
                let builtIn = (try? BuiltInChatFormat(tokenizer: tokenizer).name) ?? "a built-in format"
                throw UsageError("\(model) has no chat template (it chats in \(builtIn)); give a .jinja file")
            }
            source = text
            (bos, eos) = JinjaChatFormat.tokenTexts(tokenizer)
        case (nil, 2):
            source = try readUTF8File(args.positionals[0])
            messagesPath = args.positionals[1]
        default:
            throw UsageError("give a template file and a messages file, or -m MODEL and a messages file")
        }
        let messages = try readJSONList(messagesPath, what: "messages")
        let tools = try args.string("--tools").map { try readJSONList($0, what: "tools") } ?? .none
        let date = try args.string("--date").map { text in
            guard let day = JinjaDate(day: text) else { throw UsageError("--date needs YYYY-MM-DD, not '\(text)'") }
            return day
        } ?? .now
        let context = JinjaChatFormat.context(messages: messages, addGenerationPrompt: args.flag("--add-generation-prompt"),
                                              bos: args.string("--bos") ?? bos, eos: args.string("--eos") ?? eos, tools: tools,
                                              enableThinking: args.flag("--enable-thinking") ? true : nil)
        let text: String
        do {
            let template = try JinjaTemplate(source)
            text = try template.render(context, date: date).text
            if args.flag("--time") { Console.status(try timing { _ = try template.render(context, date: date) }) }
        } catch let JinjaError.raised(message) {
            Console.status(message + "\n")
            return 1
        }
        // Exactly the rendered text when piped (that is the command's point), made safe on a terminal.
        Console.stdoutIsTerminal ? Console.write(text) : Console.writeRaw(text)
        return 0
    }

    /// The median of 20 runs of `body`, as a line for stderr.
    private static func timing(_ body: () throws -> Void) throws -> String {
        var times: [Double] = []
        for _ in 0 ..< 20 {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return String(format: "render: %.3f ms (median of 20)\n", times.sorted()[10])
    }

    /// A JSON file holding a list (of messages, of tools).
    private static func readJSONList(_ path: String, what: String) throws -> JinjaValue {
        let value: JinjaValue
        do { value = try JinjaJSON.parse(try readUTF8File(path)) } catch let JinjaError.syntax(message, line, column) {
            throw UsageError("\(path): not JSON at line \(line), column \(column): \(message)")
        }
        guard case .list = value else { throw UsageError("\(path): the \(what) must be a JSON list") }
        return value
    }
}
