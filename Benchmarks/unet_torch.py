"""PyTorch CPU reference timings for the DDPM UNet (the Swift engine compares against these).

  python3 Benchmarks/unet_torch.py [--threads 2] [--runs 200] [--gguf Checkpoints/ddpm-fashion.gguf]

Prints the median ms of one forward at batch 1 and batch 2 (batch 2 = conditional +
unconditional, i.e. one guided step), and of a full 50-step DDIM sample with guidance 3.
Uses the exported GGUF weights when present (else a randomly initialised UNet of the same
shape: the timings do not depend on the weights).
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Checkpoints" / "recipes"))
import ddpm  # noqa: E402
import schedulers  # noqa: E402


def median_ms(fn, runs, warmup=5):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--sample-runs", type=int, default=5)
    ap.add_argument("--gguf", default=str(ddpm.GGUF_PATH))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if Path(args.gguf).exists():
        model, betas, _ = ddpm.load_unet(args.gguf)
        src = args.gguf
    else:
        model, betas, src = ddpm.UNet().eval(), schedulers.cosine_betas(), "random init (no GGUF)"
    ab = schedulers.alpha_bars(betas)
    macs = ddpm.count_macs(model)
    print(f"torch {torch.__version__}, {args.threads} threads, weights: {src}")
    print(f"UNet params {sum(p.numel() for p in model.parameters())}, "
          f"{macs / 1e6:.1f} M MACs ({2 * macs / 1e6:.1f} MFLOPs) per batch-1 forward")
    g = torch.Generator().manual_seed(0)
    with torch.inference_mode():
        for b in (1, 2):
            x = torch.randn(b, 1, 28, 28, generator=g)
            t = torch.full((b,), 500)
            y = torch.tensor([3, ddpm.NULL_CLASS][:b])
            ms = median_ms(lambda: model(x, t, y), args.runs)
            print(f"forward batch {b}: {ms:.3f} ms (median of {args.runs})")
        x = torch.randn(1, 1, 28, 28, generator=g)
        fn = ddpm.guided_eps(model, torch.tensor([7]), 3.0)
        ms = median_ms(lambda: schedulers.sample(fn, x.clone(), ab, steps=50), args.sample_runs, warmup=1)
        print(f"DDIM 50 steps, guidance 3 (batch-2 forward per step): {ms:.1f} ms "
              f"(median of {args.sample_runs})")


if __name__ == "__main__":
    main()
