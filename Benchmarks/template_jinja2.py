"""Median time for Python's jinja2 (Hugging Face's settings) to render a chat template.

    python3 Benchmarks/template_jinja2.py TEMPLATE.jinja MESSAGES.json [TOOLS.json]

Prints `render: X ms (median of 20)`, the line `genplay template --time` prints.
"""

import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Tests", "EngineTests", "Fixtures", "templates"))
from make_fixtures import make_environment  # noqa: E402

template = make_environment().from_string(open(sys.argv[1], encoding="utf-8").read())
messages = json.load(open(sys.argv[2], encoding="utf-8"))
tools = json.load(open(sys.argv[3], encoding="utf-8")) if len(sys.argv) > 3 else None
context = {"messages": messages, "tools": tools, "documents": None, "add_generation_prompt": True, "bos_token": "", "eos_token": ""}
template.render(**context)
times = []
for _ in range(20):
    start = time.perf_counter()
    template.render(**context)
    times.append((time.perf_counter() - start) * 1000)
print(f"render: {statistics.median(times):.3f} ms (median of 20)")
