#!/usr/bin/env python3
"""One streamed /v1/completions request, timed from the client's side (standard library only).

    Benchmarks/serve_timing.py BASE_URL PROMPT MAX_TOKENS

Prints JSON: seconds to the first text chunk, the chunks after it, and their rate. Used by
Benchmarks/serve-vs-llama-server.sh against genplay serve and llama-server alike.
"""
import json
import sys
import time
import urllib.request

base_url, prompt, max_tokens = sys.argv[1], sys.argv[2], int(sys.argv[3])
body = json.dumps({"prompt": prompt, "max_tokens": max_tokens, "temperature": 0, "stream": True}).encode()
request = urllib.request.Request(base_url + "/completions", data=body, headers={"Content-Type": "application/json"})
start = time.perf_counter()
first = None
chunks = 0
with urllib.request.urlopen(request, timeout=600) as response:
    for line in response:
        line = line.strip()
        if not line.startswith(b"data: ") or line == b"data: [DONE]":
            continue
        event = json.loads(line[6:])
        if event.get("choices") and event["choices"][0].get("text"):
            now = time.perf_counter()
            if first is None:
                first = now
            else:
                chunks += 1
end = time.perf_counter()
print(json.dumps({"ttft": first - start, "tokens": chunks, "tok_s": chunks / (end - first) if chunks else 0.0}))
