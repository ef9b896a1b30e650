import Engine
import Foundation
import Testing
import TestSupport

/// `genplay template` prints a template's text exactly, and `run --chat` chats in the model's
/// own template or the one `--chat-template` names, ending the reply at the template's end of turn.
@Suite(.enabled(if: Genplay.binary != nil, Genplay.missingBinary))
struct TemplateCommandTests {
    static func file(_ name: String, _ text: String) -> String {
        let path = Genplay.scratch("templates/" + name)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let chatML = file("chatml.jinja", """
        {{ bos_token }}{% for m in messages %}<|im_start|>{{ m.role }}
        {{ m.content }}<|im_end|>
        {% endfor %}{% if tools %}tools: {{ tools | map(attribute='name') | join(', ') }}
        {% endif %}{% if enable_thinking is defined %}thinking: {{ enable_thinking }}
        {% endif %}{% if add_generation_prompt %}<|im_start|>assistant
        {% endif %}{{ strftime_now('%Y-%m-%d') }}{{ eos_token }}
        """)
    static let messages = file("messages.json", #"[{"role": "user", "content": "Hi \"you\" é\n"}]"#)

    @Test func rendersTheTextExactly() throws {
        let plain = try Genplay.run(["template", Self.chatML, Self.messages, "--date", "2026-01-15"])
        #expect(plain.status == 0 && plain.stderr.isEmpty)
        #expect(plain.stdout == "<|im_start|>user\nHi \"you\" é\n<|im_end|>\n2026-01-15")
        let tools = Self.file("tools.json", #"[{"name": "get_weather"}, {"name": "add"}]"#)
        let full = try Genplay.run(["template", Self.chatML, Self.messages, "--add-generation-prompt", "--bos", "<s>", "--eos", "</s>",
                                    "--date", "2026-12-31", "--tools", tools, "--enable-thinking"])
        #expect(full.stdout == "<s><|im_start|>user\nHi \"you\" é\n<|im_end|>\ntools: get_weather, add\nthinking: True\n"
            + "<|im_start|>assistant\n2026-12-31</s>")
    }

    @Test func aModelsTemplateComesWithItsBOSAndEOS() throws {
        var w = TinyLlama.writer()
        w.set(GGUFKey.chatTemplate, .string("{{ bos_token }}[{{ messages[0].content }}]{{ eos_token }}"))
        let model = Genplay.scratch("templated-tiny.gguf")
        try w.write(to: model)
        let run = try Genplay.run(["template", "-m", model, Self.messages])
        #expect(run.stdout == "<|endoftext|>[Hi \"you\" é\n]<|im_end|>")
        let none = try Genplay.run(["template", "-m", Genplay.tinyModel, Self.messages])
        #expect(none.status == 2 && none.stderr.contains("has no chat template (it chats in ChatML (built in))"))
    }

    @Test func aTemplateThatRaisesPrintsItsMessageAndExits1() throws {
        let strict = Self.file("strict.jinja", "{% if messages[0].role != 'system' %}{{ raise_exception('System message first!') }}{% endif %}ok")
        let run = try Genplay.run(["template", strict, Self.messages])
        #expect(run.status == 1 && run.stdout.isEmpty && run.stderr == "System message first!\n")
    }

    @Test(arguments: [
        (["template"], 2, "give a template file and a messages file"),
        (["template", "MISSING.jinja", "m.json"], 2, "cannot read 'MISSING.jinja'"),
        (["template", "@chatml", "@messages", "--date", "15/01/2026"], 2, "--date needs YYYY-MM-DD"),
        (["template", "@chatml", "@object"], 2, "the messages must be a JSON list"),
        (["template", "@chatml", "@broken"], 2, "not JSON at line 1, column"),
        (["template", "@broken-template", "@messages"], 1, "template syntax error at line 2, column 8"),
    ])
    func mistakesAreClear(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let files = ["@chatml": Self.chatML, "@messages": Self.messages, "@object": Self.file("object.json", #"{"role": "user"}"#),
                     "@broken": Self.file("broken.json", #"[{"role": "#), "@broken-template": Self.file("broken.jinja", "{% if x %}\n{{ 1 + }}{% endif %}")]
        let run = try Genplay.run(arguments.map { files[$0] ?? $0 })
        #expect(run.status == status && run.stderr.contains(message), "\(run.stderr)")
    }

    /// Prompt sizes from `run`'s status line.
    static func promptTokens(_ run: ProcessResult) -> Int? {
        guard let range = run.stderr.range(of: #"prompt: \d+ tokens"#, options: .regularExpression) else { return nil }
        return Int(run.stderr[range].split(separator: " ")[1])
    }

    @Test func runChatsInTheModelsTemplateOrTheOneGiven() throws {
        // Without a template of its own the tiny model chats in ChatML:
        // <|im_start|> "user\nhi" <|im_end|> "\n" <|im_start|> "assistant\n", byte tokens.
        let builtIn = try Genplay.run(["run", "-m", Genplay.tinyModel, "--chat", "-p", "hi", "-n", "1", "-t", "1"])
        #expect(Self.promptTokens(builtIn) == 21)
        let given = Self.file("bare.jinja", "{% for m in messages %}<|im_start|>{{ m.content }}{% endfor %}")
        let run = try Genplay.run(["run", "-m", Genplay.tinyModel, "--chat", "-p", "hi", "-n", "1", "-t", "1", "--chat-template", given])
        #expect(Self.promptTokens(run) == 3)
        var w = TinyLlama.writer()
        w.set(GGUFKey.chatTemplate, .string("{% for m in messages %}{{ m.content }}<|im_end|>{% endfor %}"))
        let model = Genplay.scratch("own-template-tiny.gguf")
        try w.write(to: model)
        #expect(Self.promptTokens(try Genplay.run(["run", "-m", model, "--chat", "-p", "hi", "-n", "1", "-t", "1"])) == 3)
        let broken = Self.file("broken-chat.jinja", "{% for m in messages %}")
        let refused = try Genplay.run(["run", "-m", Genplay.tinyModel, "--chat", "-p", "hi", "--chat-template", broken])
        #expect(refused.status == 2 && refused.stderr.contains("unexpected end of template"))
    }

    @Test func theTemplatesEndOfTurnEndsTheReply() throws {
        // The model says x, <|im_start|>, y in a loop (starting after the prompt's last token);
        // a template that closes turns with <|im_start|> makes that the end of the reply,
        // though the vocabulary does not.
        let model = Genplay.scratch("x-start-y.gguf")
        try TinyLlama.scripted(["x", "<|im_start|>", "y"]).write(to: model)
        let closing = Self.file("closing.jinja", "{% for m in messages %}{{ m.content }}<|im_start|>{% endfor %}")
        let ended = try Genplay.run(["run", "-m", model, "--chat", "-p", "q", "-n", "6", "--temp", "0", "-t", "1", "--chat-template", closing])
        #expect(ended.stdout == "yx\n" && ended.stderr.contains("stopped: end of generation"))
        let open = try Genplay.run(["run", "-m", model, "--chat", "-p", "q", "-n", "6", "--temp", "0", "-t", "1"])
        #expect(open.stdout == "xyxy\n" && open.stderr.contains("stopped: length limit"))
    }
}
