"""Render reference outputs of chat templates for the Swift Jinja interpreter tests.

Renders every `*.jinja` file in llama.cpp's `models/templates/` folder over every
conversation in `conversations.json` (next to this script), with
`add_generation_prompt` false and true, the way Hugging Face transformers'
`apply_chat_template` renders a chat template, and writes `rendered.json` next to
this script:

    {"date": "2026-01-15", "bos_token": "<s>", "eos_token": "</s>",
     "cases": [{"template": "x.jinja", "conversation": "name",
                "add_generation_prompt": false,
                "output": "..."}      # or "raises": "message" (raise_exception)
                                      # or "error": "Type: message" (any other error)
               ...]}

Cases are sorted by template file name, then conversation order, then
add_generation_prompt false before true.

Run from the repository root (needs only jinja2 and the standard library):

    python3 Tests/EngineTests/Fixtures/templates/make_fixtures.py [TEMPLATES_DIR]

TEMPLATES_DIR defaults to
~/.cache/llamacpp-anchor/0.3.36/src/vendor/llama.cpp/models/templates.
"""

import copy
import datetime
import json
import os
import sys

import jinja2
import jinja2.ext
import jinja2.nodes
from jinja2.exceptions import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TEMPLATES_DIR = "~/.cache/llamacpp-anchor/0.3.36/src/vendor/llama.cpp/models/templates"

# Fixed "now" for strftime_now, so the fixtures are reproducible.
NOW = datetime.datetime(2026, 1, 15, 0, 0, 0)
BOS_TOKEN = "<s>"
EOS_TOKEN = "</s>"


class GenerationTag(jinja2.ext.Extension):
    """HF's `{% generation %}...{% endgeneration %}` tag (transformers' AssistantTracker).

    transformers uses it only to record where assistant text lies; the rendered
    text is just the body, which is all this extension produces.
    """

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_render_body"), [], [], body).set_lineno(lineno)

    def _render_body(self, caller):
        return caller()


def raise_exception(message):
    raise TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(format):
    return NOW.strftime(format)


def make_environment():
    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[GenerationTag, jinja2.ext.loopcontrols]
    )
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def render_case(template, conversation, add_generation_prompt):
    """Return the case's result: {"output": ...}, {"raises": ...} or {"error": ...}."""
    context = {
        "messages": copy.deepcopy(conversation["messages"]),
        "tools": copy.deepcopy(conversation.get("tools")),  # HF passes tools=None explicitly
        "documents": None,
        "add_generation_prompt": add_generation_prompt,
        "bos_token": BOS_TOKEN,
        "eos_token": EOS_TOKEN,
    }
    if "enable_thinking" in conversation:
        context["enable_thinking"] = conversation["enable_thinking"]
    try:
        return {"output": template.render(**context)}
    except Exception as e:  # noqa: BLE001 - every failure is a fixture result
        return describe_error(e)


def describe_error(e):
    # raise_exception raises a plain TemplateError; its subclasses (UndefinedError,
    # TemplateSyntaxError, SecurityError, ...) are template bugs, reported as errors.
    if type(e) is TemplateError:
        return {"raises": str(e)}
    return {"error": f"{type(e).__name__}: {e}"}


def main():
    templates_dir = os.path.expanduser(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_TEMPLATES_DIR)
    with open(os.path.join(HERE, "conversations.json"), encoding="utf-8") as f:
        conversations = json.load(f)

    env = make_environment()
    names = sorted(n for n in os.listdir(templates_dir) if n.endswith(".jinja"))
    if not names:
        sys.exit(f"no .jinja files in {templates_dir}")

    cases = []
    for name in names:
        with open(os.path.join(templates_dir, name), encoding="utf-8") as f:
            source = f.read()
        try:
            template = env.from_string(source)
            compile_error = None
        except Exception as e:  # noqa: BLE001
            template, compile_error = None, describe_error(e)
        for conversation in conversations:
            for add_generation_prompt in (False, True):
                case = {
                    "template": name,
                    "conversation": conversation["name"],
                    "add_generation_prompt": add_generation_prompt,
                }
                case.update(compile_error or render_case(template, conversation, add_generation_prompt))
                cases.append(case)

    out_path = os.path.join(HERE, "rendered.json")
    document = {"date": NOW.date().isoformat(), "bos_token": BOS_TOKEN, "eos_token": EOS_TOKEN, "cases": cases}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=1)
        f.write("\n")

    print_summary(cases, len(names), len(conversations), out_path)


def print_summary(cases, n_templates, n_conversations, out_path):
    kinds = {"output": 0, "raises": 0, "error": 0}
    per_template = {}
    for case in cases:
        kind = next(k for k in kinds if k in case)
        kinds[kind] += 1
        if kind != "output":
            entry = per_template.setdefault(case["template"], {"raises": 0, "error": 0, "first": None})
            entry[kind] += 1
            if entry["first"] is None:
                entry["first"] = f"{kind} [{case['conversation']}]: {case[kind]}"
    print(f"{len(cases)} cases ({n_templates} templates x {n_conversations} conversations x 2)")
    print(f"output: {kinds['output']}, raises: {kinds['raises']}, error: {kinds['error']}")
    for name, entry in per_template.items():
        print(f"  {name}: raises {entry['raises']}, error {entry['error']}; first {entry['first'][:200]}")
    print(f"wrote {out_path} ({os.path.getsize(out_path)} bytes)")


if __name__ == "__main__":
    main()
