#!/usr/bin/env python3
"""Writes the malformed-GGUF corpus next to this script (issue 8).

`valid.gguf` is a complete, tiny llama model with a byte-level BPE tokenizer (dim 4, one
block, five tokens) that genplay loads. Every other file breaks it in exactly one way, at the
level of the container (header, metadata, tensor directory, data), the model loader or the
tokenizer. GGUFCorpusTests checks the exact error message for each file; the fuzzer
(Scripts/fuzz-gguf.sh) starts from these files too.

    python3 Tests/EngineTests/Fixtures/malformed/make_corpus.py

Standard library only: the files are assembled field by field so that each field can be
broken on its own (the `gguf` package writes only well-formed files).
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

# GGUF value types
U8, I8, U16, I16, U32, I32, F32, BOOL, STR, ARR, U64, I64, F64 = range(13)
SCALAR = {U8: "<B", I8: "<b", U16: "<H", I16: "<h", U32: "<I", I32: "<i", F32: "<f", BOOL: "<B",
          U64: "<Q", I64: "<q", F64: "<d"}
F32_TYPE, F16_TYPE, Q8_0_TYPE, Q2_K_TYPE = 0, 1, 8, 10


def gguf_string(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack("<Q", len(b)) + b


def value(vtype, v):
    if vtype == STR:
        return gguf_string(v)
    if vtype == ARR:
        etype, items = v
        return struct.pack("<IQ", etype, len(items)) + b"".join(value(etype, i) for i in items)
    return struct.pack(SCALAR[vtype], v)


class Model:
    """A GGUF file as lists of fields; `build` assembles it and records where each section starts."""

    def __init__(self):
        self.magic = b"GGUF"
        self.version = 3
        self.alignment = 32
        self.tensor_count = None  # None: the real count
        self.kv_count = None
        self.kv = []       # (key bytes or str, type, encoded value bytes)
        self.tensors = []  # dicts: name, shape, type, data, offset (None: packed in order)
        self.sections = {}

    def set(self, key, vtype, v):
        self.kv = [e for e in self.kv if e[0] != key]
        self.kv.append((key, vtype, value(vtype, v)))

    def tensor(self, name, shape, data=None, ttype=F32_TYPE, offset=None):
        if data is None:
            n = 1
            for d in shape:
                n *= d
            data = b"".join(struct.pack("<f", ((i * 37 % 17) - 8) / 16) for i in range(n))
        self.tensors.append(dict(name=name, shape=shape, type=ttype, data=data, offset=offset))

    def build(self):
        out = bytearray(self.magic + struct.pack("<I", self.version))
        out += struct.pack("<Q", len(self.tensors) if self.tensor_count is None else self.tensor_count)
        out += struct.pack("<Q", len(self.kv) if self.kv_count is None else self.kv_count)
        self.sections = {"metadata": len(out)}
        for key, vtype, encoded in self.kv:
            self.sections["key " + text(key)] = len(out)
            out += gguf_string(key) + struct.pack("<I", vtype) + encoded
        self.sections["tensor infos"] = len(out)
        offsets, position = [], 0
        for t in self.tensors:
            offsets.append(position if t["offset"] is None else t["offset"])
            position = align(position + len(t["data"]), self.alignment)
        for t, offset in zip(self.tensors, offsets):
            self.sections["tensor " + text(t["name"])] = len(out)
            out += gguf_string(t["name"]) + struct.pack("<I", len(t["shape"]))
            out += b"".join(struct.pack("<Q", d) for d in t["shape"])
            out += struct.pack("<IQ", t["type"], offset)
        out += bytes(align(len(out), self.alignment) - len(out))
        self.sections["data"] = len(out)
        for t in self.tensors:
            out += t["data"]
            out += bytes(align(len(out), self.alignment) - len(out))
        return bytes(out)


def text(name):
    return name if isinstance(name, str) else name.decode("latin-1")


def align(n, a):
    return (n + a - 1) // a * a


def valid():
    """The tiny llama every malformed file starts from."""
    m = Model()
    m.set("general.architecture", STR, "llama")
    m.set("general.name", STR, "malformed-corpus-base")
    for key, v in [("context_length", 16), ("embedding_length", 4), ("feed_forward_length", 8),
                   ("block_count", 1), ("attention.head_count", 1), ("attention.head_count_kv", 1)]:
        m.set("llama." + key, U32, v)
    m.set("llama.attention.layer_norm_rms_epsilon", F32, 1e-5)
    m.set("tokenizer.ggml.model", STR, "gpt2")
    m.set("tokenizer.ggml.pre", STR, "gpt-2")
    m.set("tokenizer.ggml.tokens", ARR, (STR, ["a", "b", "ab", "<|im_start|>", "<|im_end|>"]))
    m.set("tokenizer.ggml.token_type", ARR, (I32, [1, 1, 1, 3, 3]))
    m.set("tokenizer.ggml.merges", ARR, (STR, ["a b"]))
    m.set("tokenizer.ggml.eos_token_id", U32, 4)
    m.tensor("token_embd.weight", [4, 5])
    m.tensor("output_norm.weight", [4])
    for name, shape in [("attn_norm", [4]), ("ffn_norm", [4]), ("attn_q", [4, 4]), ("attn_k", [4, 4]),
                        ("attn_v", [4, 4]), ("attn_output", [4, 4]), ("ffn_gate", [4, 8]),
                        ("ffn_up", [4, 8]), ("ffn_down", [8, 4])]:
        m.tensor(f"blk.0.{name}.weight", shape)
    return m


def find(m, name):
    return next(t for t in m.tensors if t["name"] == name)


def drop(m, key):
    m.kv = [e for e in m.kv if e[0] != key]


def set_vocabulary(m, tokens, types):
    m.set("tokenizer.ggml.tokens", ARR, (STR, tokens))
    m.set("tokenizer.ggml.token_type", ARR, (I32, types))


def patch(data, offset, fmt, v):
    return data[:offset] + struct.pack(fmt, v) + data[offset + struct.calcsize(fmt):]


def corpus():
    """name -> file bytes. Names say what is wrong; GGUFCorpusTests knows the messages."""
    files = {"valid": valid().build()}

    def edit(name, change):
        m = valid()
        change(m)
        files[name] = m.build()

    base = valid()
    data = base.build()
    s = base.sections

    # The header.
    files["empty"] = b""
    files["wrong-magic"] = b"GGUX" + data[4:]
    files["version-1"] = patch(data, 4, "<I", 1)
    files["version-99"] = patch(data, 4, "<I", 99)
    files["big-endian"] = patch(data, 4, ">I", 3)
    files["tensor-count-2^63"] = patch(data, 8, "<Q", 1 << 63)
    files["metadata-count-2^63"] = patch(data, 16, "<Q", 1 << 63)
    files["metadata-count-too-high"] = patch(data, 16, "<Q", len(base.kv) + 1)

    # Truncated in every section: header, a key, a value, the tensor directory, the data.
    files["truncated-in-version"] = data[:6]
    files["truncated-in-counts"] = data[:20]
    files["truncated-in-key"] = data[:s["key tokenizer.ggml.model"] + 10]
    files["truncated-in-value"] = data[:s["key tokenizer.ggml.tokens"] + 8 + 20 + 4 + 12 + 10]
    files["truncated-in-tensor-name"] = data[:s["tensor blk.0.attn_q.weight"] + 12]
    files["truncated-in-tensor-shape"] = data[:s["tensor blk.0.attn_q.weight"] + 8 + 19 + 4 + 4]
    files["truncated-in-data"] = data[:s["data"] + 100]

    # Metadata values.
    key_at = s["key general.architecture"]
    files["string-length-past-eof"] = patch(data, key_at, "<Q", 1 << 40)
    files["value-length-past-eof"] = patch(data, key_at + 8 + 20 + 4, "<Q", 5000)
    edit("unknown-value-type", lambda m: m.kv.append(("odd", 13, b"")))
    edit("array-count-2^63", lambda m: m.kv.append(("big", ARR, struct.pack("<IQ", U32, 1 << 63))))
    edit("unknown-array-element-type", lambda m: m.kv.append(("odd", ARR, struct.pack("<IQ", 99, 1))))
    nested = struct.pack("<IQ", I32, 0)
    for _ in range(9):
        nested = struct.pack("<IQ", ARR, 1) + nested
    edit("nested-arrays-too-deep", lambda m: m.kv.append(("deep", ARR, nested)))
    edit("invalid-utf8-key", lambda m: m.kv.append((b"bad\xff", U8, b"\x01")))
    edit("duplicate-key", lambda m: m.kv.append(("general.name", STR, value(STR, "again"))))
    edit("alignment-wrong-type", lambda m: m.set("general.alignment", STR, "32"))
    edit("alignment-not-power-of-two", lambda m: m.set("general.alignment", U32, 24))
    edit("alignment-zero", lambda m: m.set("general.alignment", U32, 0))

    # The tensor directory and the data section.
    edit("duplicate-tensor", lambda m: m.tensor("output_norm.weight", [4]))
    edit("five-dimensions", lambda m: m.tensor("extra", [1, 1, 1, 1, 1]))
    edit("zero-dimensions", lambda m: m.tensor("extra", [], data=b"\0" * 4))
    edit("zero-in-shape", lambda m: m.tensor("extra", [4, 0], data=b""))
    edit("shape-overflows", lambda m: m.tensor("extra", [1 << 32, 1 << 32], data=b""))
    edit("unknown-tensor-type", lambda m: find(m, "blk.0.ffn_up.weight").update(type=99))
    edit("row-not-block-aligned", lambda m: m.tensor("extra", [16], ttype=Q8_0_TYPE, data=b"\0" * 34))
    edit("invalid-utf8-tensor-name", lambda m: m.tensor(b"blk.\xc3(", [4]))
    edit("misaligned-offset", lambda m: find(m, "output_norm.weight").update(offset=100))
    edit("offset-past-eof", lambda m: find(m, "blk.0.ffn_down.weight").update(offset=1 << 40))
    edit("overlapping-tensors", lambda m: find(m, "output_norm.weight").update(offset=64))

    # The model loader.
    edit("no-architecture", lambda m: drop(m, "general.architecture"))
    edit("architecture-not-a-string", lambda m: m.set("general.architecture", U32, 1))
    edit("unsupported-architecture", lambda m: m.set("general.architecture", STR, "mamba"))
    edit("no-block-count", lambda m: drop(m, "llama.block_count"))
    edit("embedding-length-not-a-number", lambda m: m.set("llama.embedding_length", STR, "4"))
    edit("block-count-huge", lambda m: m.set("llama.block_count", U64, 1 << 40))
    edit("heads-do-not-divide", lambda m: m.set("llama.attention.head_count", U32, 3))
    edit("rms-epsilon-nan", lambda m: m.set("llama.attention.layer_norm_rms_epsilon", F32, float("nan")))
    edit("context-length-zero", lambda m: m.set("llama.context_length", U32, 0))
    edit("missing-tensor", lambda m: m.tensors.remove(find(m, "blk.0.ffn_up.weight")))
    edit("wrong-shape", lambda m: find(m, "blk.0.attn_k.weight").update(shape=[4, 2], data=b"\0" * 32))
    edit("unsupported-tensor-type", lambda m: find(m, "blk.0.attn_q.weight").update(
        type=Q2_K_TYPE, shape=[256, 4], data=b"\0" * 4 * 84))
    edit("norm-not-f32", lambda m: find(m, "output_norm.weight").update(type=F16_TYPE, data=b"\0" * 8))

    # The tokenizer.
    edit("no-tokenizer-model", lambda m: drop(m, "tokenizer.ggml.model"))
    # SentencePiece needs tokenizer.ggml.scores, which a byte-level BPE vocabulary lacks.
    edit("tokenizer-model-llama", lambda m: m.set("tokenizer.ggml.model", STR, "llama"))
    edit("unknown-pre-tokenizer", lambda m: m.set("tokenizer.ggml.pre", STR, "klingon"))
    edit("tokens-not-strings", lambda m: m.set("tokenizer.ggml.tokens", ARR, (I32, [1, 2])))
    edit("tokens-empty", lambda m: m.set("tokenizer.ggml.tokens", ARR, (STR, [])))
    edit("token-type-count-mismatch", lambda m: m.set("tokenizer.ggml.token_type", ARR, (I32, [1, 1, 1])))
    edit("unknown-token-type", lambda m: m.set("tokenizer.ggml.token_type", ARR, (I32, [1, 1, 9, 3, 3])))
    edit("duplicate-token", lambda m: set_vocabulary(m, ["a", "b", "a", "<|im_start|>", "<|im_end|>"], [1, 1, 1, 3, 3]))
    edit("merge-unknown-token", lambda m: m.set("tokenizer.ggml.merges", ARR, (STR, ["a b", "b c"])))
    edit("merge-without-space", lambda m: m.set("tokenizer.ggml.merges", ARR, (STR, ["ab"])))
    edit("eos-out-of-range", lambda m: m.set("tokenizer.ggml.eos_token_id", U32, 5))
    edit("bos-added-but-missing", lambda m: m.set("tokenizer.ggml.add_bos_token", BOOL, 1))

    def six_tokens_five_rows(m):
        set_vocabulary(m, ["a", "b", "ab", "<|im_start|>", "<|im_end|>", "c"], [1, 1, 1, 3, 3, 1])
        m.set("llama.vocab_size", U32, 5)
    edit("vocab-larger-than-embedding", six_tokens_five_rows)
    edit("vocab-size-mismatches-embedding", lambda m: m.set("llama.vocab_size", U32, 6))
    return files


def main():
    for name in os.listdir(HERE):
        if name.endswith(".gguf"):
            os.remove(os.path.join(HERE, name))
    files = corpus()
    for name, data in files.items():
        with open(os.path.join(HERE, name + ".gguf"), "wb") as f:
            f.write(data)
    print(f"wrote {len(files)} files ({sum(map(len, files.values()))} bytes) to {HERE}")


if __name__ == "__main__":
    main()
