#!/usr/bin/env python3
"""Drives `genplay serve` with the `openai` package (pip install openai), as other tools would.

    Scripts/serve-openai-client.py BASE_URL API_KEY [--transcript]

Checks: the model list, a plain and a streamed chat (same text at temperature 0), logprobs,
stop strings, four concurrent requests, a client leaving mid-stream (the server goes on),
a wrong API key, malformed and oversized bodies. Prints one line per check, then
"PASS: openai client (N checks)"; exits non-zero at the first failure.
With --transcript it prints the requests and replies instead, for the issue's notes.
"""
import concurrent.futures
import json
import sys
import urllib.error
import urllib.request

import openai

base_url, api_key = sys.argv[1], sys.argv[2]
client = openai.OpenAI(base_url=base_url, api_key=api_key, timeout=120, max_retries=0)
question = [{"role": "user", "content": "Name three colours."}]
checks = 0


def check(name, condition, detail=""):
    global checks
    if not condition:
        print(f"FAIL: {name} {detail}")
        sys.exit(1)
    checks += 1
    print(f"ok: {name}")


def raw_post(path, body):
    request = urllib.request.Request(base_url + path, data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {api_key}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


if "--transcript" in sys.argv:
    print(">>> client.models.list()")
    print([m.id for m in client.models.list()])
    print(f">>> client.chat.completions.create(messages={question}, temperature=0, max_tokens=40)")
    reply = client.chat.completions.create(model="any", messages=question, temperature=0, max_tokens=40)
    print(repr(reply.choices[0].message.content), reply.choices[0].finish_reason, reply.usage)
    print(">>> the same with stream=True, logprobs=True, top_logprobs=2")
    for chunk in client.chat.completions.create(model="any", messages=question, temperature=0, max_tokens=8,
                                                stream=True, logprobs=True, top_logprobs=2):
        if chunk.choices and chunk.choices[0].logprobs:
            entry = chunk.choices[0].logprobs.content[0]
            print(f"  {entry.token!r:12} {entry.logprob:7.3f}  alternatives: "
                  + ", ".join(f"{t.token!r} {t.logprob:.3f}" for t in entry.top_logprobs))
    sys.exit(0)

models = [m.id for m in client.models.list()]
check("models", len(models) == 1, models)

plain = client.chat.completions.create(model=models[0], messages=question, temperature=0, max_tokens=24)
text = plain.choices[0].message.content
check("plain chat", bool(text) and plain.usage.completion_tokens > 0, plain)

stream = client.chat.completions.create(model=models[0], messages=question, temperature=0, max_tokens=24, stream=True,
                                        stream_options={"include_usage": True})
chunks = list(stream)
streamed = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
check("streamed chat equals plain", streamed == text, f"{streamed!r} vs {text!r}")
check("stream usage", chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == plain.usage.completion_tokens)

with_logprobs = client.chat.completions.create(model=models[0], messages=question, temperature=0, max_tokens=6,
                                               logprobs=True, top_logprobs=3)
content = with_logprobs.choices[0].logprobs.content
check("logprobs", len(content) == 6 and all(len(e.top_logprobs) == 3 and e.logprob <= 0 for e in content))
check("logprob tokens spell the reply", "".join(e.token for e in content) == with_logprobs.choices[0].message.content)

completion = client.completions.create(model=models[0], prompt="1, 2, 3,", temperature=0, max_tokens=30)
words = completion.choices[0].text
stop = words.strip().split(" ")[1] if len(words.strip().split(" ")) > 1 else words.strip()[:1]
cut = client.completions.create(model=models[0], prompt="1, 2, 3,", temperature=0, max_tokens=30, stop=[stop])
check("stop string", cut.choices[0].finish_reason == "stop" and stop not in cut.choices[0].text
      and words.startswith(cut.choices[0].text), f"{stop!r}: {cut.choices[0].text!r} of {words!r}")

with concurrent.futures.ThreadPoolExecutor(4) as pool:
    replies = list(pool.map(lambda _: client.chat.completions.create(
        model=models[0], messages=question, temperature=0, max_tokens=24).choices[0].message.content, range(4)))
check("4 concurrent requests", replies == [text] * 4, replies)

leaving = client.chat.completions.create(model=models[0], messages=question, max_tokens=1000, stream=True)
next(iter(leaving))
leaving.close()
after = client.chat.completions.create(model=models[0], messages=question, temperature=0, max_tokens=24)
check("served after a client left mid-stream", after.choices[0].message.content == text)

try:
    openai.OpenAI(base_url=base_url, api_key=api_key + "-wrong", max_retries=0).models.list()
    check("wrong API key refused", False)
except openai.AuthenticationError as error:
    check("wrong API key refused", error.status_code == 401)

status, body = raw_post("/chat/completions", b'{"messages": [')
check("malformed JSON", status == 400 and "not valid JSON" in body["error"]["message"], body)
status, body = raw_post("/chat/completions", json.dumps({"messages": question, "temperature": "warm"}).encode())
check("wrong field type", status == 400 and body["error"]["param"] == "temperature", body)
status, body = raw_post("/completions", json.dumps({"prompt": "x" * (2 << 20)}).encode())
check("oversized body", status == 413, body)

print(f"PASS: openai client ({checks} checks)")
