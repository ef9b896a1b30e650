"""Side-by-side measurements for Benchmarks/vs-llamacpp.sh (see there)."""
import json
import re
import statistics
import subprocess
import sys
import time

genplay, llama_bin, model, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
PROMPT16 = "The history of the printing press began in the fifteenth century, when Johannes"


def genplay_bench(threads):
    out = subprocess.run([genplay, "bench", "-m", model, "-p", "128,512", "-n", "128", "-r", "5",
                          "-t", str(threads), "--json"], capture_output=True, text=True, check=True).stdout
    return {r["test"]: r["samples"] for r in map(json.loads, out.splitlines())}


def llama_bench(threads):
    out = subprocess.run([f"{llama_bin}/llama-bench", "-m", model, "-p", "128,512", "-n", "128", "-r", "5",
                          "-t", str(threads), "-o", "json"], capture_output=True, text=True, check=True).stdout
    tests = {}
    for r in json.loads(out):
        name = f"pp{r['n_prompt']}" if r["n_prompt"] else f"tg{r['n_gen']}"
        tests[name] = r["samples_ts"]
    return tests


def peak_rss_kb(cmd):
    out = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True).stderr
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out).group(1))


def first_token_seconds(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - start


def genplay_load_ms():
    err = subprocess.run([genplay, "run", "-m", model, "-p", "Hi", "-n", "1", "--temp", "0"],
                         capture_output=True, text=True, check=True).stderr
    return float(re.search(r"load: (\d+) ms", err).group(1))


def llama_load_ms():
    err = subprocess.run([f"{llama_bin}/llama-completion", "-m", model, "-p", "Hi", "-n", "1", "--temp", "0",
                          "-no-cnv", "-t", "2", "--no-warmup"], capture_output=True, text=True).stderr
    return float(re.search(r"load time =\s+([\d.]+) ms", err).group(1))


def mean_sd(xs):
    return statistics.mean(xs), (statistics.stdev(xs) if len(xs) > 1 else 0.0)


rows = []
for threads in (1, 2):
    ours, theirs = {}, {}
    for _ in range(rounds):  # alternate the engines round by round
        for k, v in genplay_bench(threads).items():
            ours.setdefault(k, []).extend(v)
        for k, v in llama_bench(threads).items():
            theirs.setdefault(k, []).extend(v)
    for test in ("pp128", "pp512", "tg128"):
        (a, sa), (b, sb) = mean_sd(ours[test]), mean_sd(theirs[test])
        rows.append((f"{test} t{threads} (tok/s)", f"{a:.1f} ± {sa:.1f}", f"{b:.1f} ± {sb:.1f}", a / b))

# The same context for both: llama-completion would otherwise size its KV cache for the model's
# full 8192-token training context, genplay for its default 2048.
gen128 = ["-p", "The capital of France is", "-n", "128", "--temp", "0", "-t", "2", "-c", "2048"]
ours_rss, theirs_rss, ours_ttft, theirs_ttft, ours_load, theirs_load = [], [], [], [], [], []
for _ in range(rounds):
    ours_rss.append(peak_rss_kb([genplay, "run", "-m", model] + gen128))
    theirs_rss.append(peak_rss_kb([f"{llama_bin}/llama-completion", "-m", model, "-no-cnv", "--no-warmup"] + gen128))
    ours_ttft.append(first_token_seconds([genplay, "run", "-m", model, "-p", PROMPT16, "-n", "1", "--temp", "0", "-t", "2", "-c", "2048"]))
    theirs_ttft.append(first_token_seconds([f"{llama_bin}/llama-completion", "-m", model, "-p", PROMPT16, "-n", "1",
                                            "--temp", "0", "-no-cnv", "-t", "2", "-c", "2048", "--no-warmup"]))
    ours_load.append(genplay_load_ms())
    theirs_load.append(llama_load_ms())

mib = 1024
rows.append(("peak RSS, 128 tokens (MiB, lower is better)", f"{min(ours_rss) / mib:.0f}", f"{min(theirs_rss) / mib:.0f}",
             min(theirs_rss) / min(ours_rss)))
rows.append(("start → first token, 16-token prompt (ms)", f"{1000 * statistics.median(ours_ttft):.0f}",
             f"{1000 * statistics.median(theirs_ttft):.0f}", statistics.median(theirs_ttft) / statistics.median(ours_ttft)))
rows.append(("load time as each reports it (ms; llama.cpp maps weights lazily, genplay repacks them)", f"{statistics.median(ours_load):.0f}", f"{statistics.median(theirs_load):.0f}",
             statistics.median(theirs_load) / statistics.median(ours_load)))

print(f"model: {model}\nrounds: {rounds} (each tool alternately; bench rows are 5 repetitions per round)\n")
print("| measure | genplay | llama.cpp | ratio (genplay better > 1) |")
print("| --- | ---: | ---: | ---: |")
for name, a, b, ratio in rows:
    print(f"| {name} | {a} | {b} | {ratio:.2f}× |")
