"""Shared pieces of the genplay image recipes: Fashion-MNIST loading, seeding,
resumable training runs, EMA, GGUF export/import and the classifier-based metrics.

Every recipe is run from anywhere as `python3 Checkpoints/recipes/NAME.py ...`;
run state (resumable checkpoints, logs, samples) lives in Checkpoints/recipes/runs/
(git-ignored), exported GGUF files in Checkpoints/.
"""
import gzip
import math
import os
import random
import time
from pathlib import Path

import numpy as np
import torch

RECIPES = Path(__file__).resolve().parent
CHECKPOINTS = RECIPES.parent
REPO = CHECKPOINTS.parent
RUNS = RECIPES / "runs"
FIXTURES = REPO / "Tests" / "EngineTests" / "Fixtures" / "images"
DATA_DIR = Path(os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"))

CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
IMAGE_SIZE = 28


# ----------------------------------------------------------------------------- data

def load_fashion(split="train"):
    """-> (images uint8 [N, 28, 28], labels int64 [N]) from the idx .gz files."""
    prefix = "train" if split == "train" else "t10k"
    with gzip.open(DATA_DIR / f"{prefix}-images-idx3-ubyte.gz", "rb") as f:
        raw = f.read()
    assert int.from_bytes(raw[:4], "big") == 2051, "bad idx3 magic"
    n, rows, cols = (int.from_bytes(raw[i:i + 4], "big") for i in (4, 8, 12))
    images = np.frombuffer(raw, np.uint8, offset=16).reshape(n, rows, cols)
    with gzip.open(DATA_DIR / f"{prefix}-labels-idx1-ubyte.gz", "rb") as f:
        raw = f.read()
    assert int.from_bytes(raw[:4], "big") == 2049, "bad idx1 magic"
    labels = np.frombuffer(raw, np.uint8, offset=8).astype(np.int64)
    assert len(labels) == n
    return images, labels


def fashion_tensors(split="train", pixel_range=(0.0, 1.0)):
    """-> (x float32 [N, 1, 28, 28] scaled to pixel_range, y int64 [N])."""
    images, labels = load_fashion(split)
    lo, hi = pixel_range
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1) * (hi - lo) + lo
    return x, torch.from_numpy(labels)


def seed_all(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def setup_torch(threads=2):
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)


# ----------------------------------------------------------------------------- training runs

class EMA:
    """Exponential moving average of all parameters and buffers of a module."""

    def __init__(self, model, decay):
        self.decay = decay
        self.shadow = {k: v.detach().clone() for k, v in model.state_dict().items()}
        self.updates = 0

    @torch.no_grad()
    def update(self, model):
        self.updates += 1
        d = min(self.decay, (1 + self.updates) / (10 + self.updates))  # warm-up
        for k, v in model.state_dict().items():
            if v.dtype.is_floating_point:
                self.shadow[k].mul_(d).add_(v.detach(), alpha=1 - d)
            else:
                self.shadow[k].copy_(v)

    def state_dict(self):
        return {"shadow": self.shadow, "updates": self.updates, "decay": self.decay}

    def load_state_dict(self, s):
        self.shadow, self.updates, self.decay = s["shadow"], s["updates"], s["decay"]


class Run:
    """Resumable run: everything with a state_dict is saved atomically to runs/NAME/ckpt.pt,
    together with the position (epoch, batch) so the same command continues where it stopped."""

    def __init__(self, name, **stateful):
        self.dir = RUNS / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / "ckpt.pt"
        self.stateful = stateful
        self.epoch, self.batch, self.step = 0, 0, 0

    def save(self):
        blob = {k: v.state_dict() for k, v in self.stateful.items()}
        blob["pos"] = (self.epoch, self.batch, self.step)
        tmp = self.path.with_suffix(".tmp")
        torch.save(blob, tmp)
        os.replace(tmp, self.path)

    def load(self):
        if not self.path.exists():
            return False
        blob = torch.load(self.path, map_location="cpu", weights_only=False)
        for k, v in self.stateful.items():
            v.load_state_dict(blob[k])
        self.epoch, self.batch, self.step = blob["pos"]
        return True


def fit(run, step_fn, x, y, epochs, batch_size, seed=0, save_every_s=240, log_every=100,
        end_of_epoch=None):
    """Mini-batch loop over (x, y) with a deterministic per-epoch shuffle, so a resumed run
    skips exactly the batches it had done. step_fn(xb, yb) -> dict of floats to log."""
    n = len(x)
    nb = n // batch_size
    last_save, t0 = time.time(), time.time()
    sums, count = {}, 0
    while run.epoch < epochs:
        perm = torch.from_numpy(np.random.default_rng(seed * 1000 + run.epoch).permutation(n))
        while run.batch < nb:
            idx = perm[run.batch * batch_size:(run.batch + 1) * batch_size]
            logs = step_fn(x[idx], y[idx])
            run.batch += 1
            run.step += 1
            for k, v in logs.items():
                sums[k] = sums.get(k, 0.0) + v
            count += 1
            if run.step % log_every == 0:
                msg = " ".join(f"{k} {v / count:.4f}" for k, v in sums.items())
                print(f"epoch {run.epoch} batch {run.batch}/{nb} step {run.step} {msg} "
                      f"({(time.time() - t0) / count:.3f} s/batch)", flush=True)
                sums, count, t0 = {}, 0, time.time()
            if time.time() - last_save > save_every_s:
                run.save()
                last_save = time.time()
        run.epoch, run.batch = run.epoch + 1, 0
        if end_of_epoch:
            end_of_epoch(run.epoch)
        run.save()
        last_save = time.time()
        print(f"== finished epoch {run.epoch}/{epochs}, saved {run.path}", flush=True)


# ----------------------------------------------------------------------------- GGUF

def _add_meta(w, key, value):
    if isinstance(value, bool):
        w.add_bool(key, value)
    elif isinstance(value, int):
        w.add_uint32(key, value) if value >= 0 else w.add_int32(key, value)
    elif isinstance(value, float):
        w.add_float32(key, value)
    elif isinstance(value, str):
        w.add_string(key, value)
    elif isinstance(value, (list, tuple)):
        w.add_array(key, [float(v) if isinstance(v, (float, np.floating)) else v for v in value])
    else:
        raise TypeError(f"metadata {key}: unsupported type {type(value)}")


def write_gguf(path, arch, meta, tensors, f32_names=()):
    """Write tensors (name -> torch/numpy array, PyTorch shape and row-major layout).
    Tensors with >= 2 dims are stored as F16 unless named in f32_names; 1-D ones as F32."""
    import gguf
    w = gguf.GGUFWriter(str(path), arch)
    w.add_string("general.name", Path(path).stem)
    for k, v in meta.items():
        _add_meta(w, k, v)
    for name, t in tensors.items():
        a = t.detach().cpu().float().numpy() if torch.is_tensor(t) else np.asarray(t, np.float32)
        a = np.ascontiguousarray(a.astype(np.float16 if a.ndim >= 2 and name not in f32_names
                                          else np.float32))
        w.add_tensor(name, a)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.2f} MB, {len(tensors)} tensors)")


def read_gguf(path):
    """-> (meta dict, tensors dict name -> float32 torch tensor in PyTorch shape), i.e. the
    weights exactly as exported (F16 rounding included)."""
    import gguf
    r = gguf.GGUFReader(str(path))
    meta = {}
    for key, field in r.fields.items():
        if key.startswith("GGUF."):
            continue
        vals = field.contents()
        meta[key] = vals
    tensors = {}
    for t in r.tensors:
        shape = [int(s) for s in reversed(t.shape)]  # GGUF/ggml order is reversed
        tensors[t.name] = torch.from_numpy(np.array(t.data, dtype=np.float32).reshape(shape))
    return meta, tensors


def count_params(module):
    return sum(p.numel() for p in module.parameters())


# ----------------------------------------------------------------------------- metrics

def frechet_distance(mu1, cov1, mu2, cov2):
    """|mu1-mu2|^2 + tr(C1) + tr(C2) - 2 tr((C1^1/2 C2 C1^1/2)^1/2), via symmetric eigh."""
    mu1, mu2, cov1, cov2 = (np.asarray(a, np.float64) for a in (mu1, mu2, cov1, cov2))
    w, v = np.linalg.eigh(cov1)
    s1 = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    m = s1 @ cov2 @ s1
    tr_sqrt = np.sqrt(np.clip(np.linalg.eigvalsh((m + m.T) / 2), 0, None)).sum()
    return float(((mu1 - mu2) ** 2).sum() + np.trace(cov1) + np.trace(cov2) - 2 * tr_sqrt)


def feature_stats(feats):
    f = np.asarray(feats, np.float64)
    return f.mean(0), np.cov(f, rowvar=False)


class Judge:
    """The exported evaluation classifier: class accuracy and Fréchet distance of samples."""

    def __init__(self, path=None):
        from classifier import load_classifier
        self.model, self.meta = load_classifier(path or CHECKPOINTS / "classifier-fashion.gguf")
        self.mu = self.meta["test_mean"]
        self.cov = self.meta["test_cov"]

    @torch.no_grad()
    def score(self, images01, labels):
        """images in [0, 1], [N, 1, 28, 28] -> dict(accuracy, frechet, n)."""
        logits, feats = [], []
        for i in range(0, len(images01), 500):
            lg, ft = self.model(images01[i:i + 500].clamp(0, 1), return_features=True)
            logits.append(lg)
            feats.append(ft)
        logits, feats = torch.cat(logits), torch.cat(feats).numpy()
        acc = (logits.argmax(1) == labels).float().mean().item()
        mu, cov = feature_stats(feats)
        return {"accuracy": acc, "frechet": frechet_distance(mu, cov, self.mu, self.cov),
                "n": len(labels)}


def save_grid(images01, path, nrow=10, scale=2):
    """Write a PNG grid (stdlib only) of images in [0, 1], each pixel scale x scale."""
    import struct
    import zlib
    x = images01.clamp(0, 1).squeeze(1).numpy()
    rows = math.ceil(len(x) / nrow)
    grid = np.ones((rows * 30, nrow * 30), np.float32)
    for i, im in enumerate(x):
        r, c = divmod(i, nrow)
        grid[r * 30 + 1:r * 30 + 29, c * 30 + 1:c * 30 + 29] = im
    g = (grid * 255).round().astype(np.uint8).repeat(scale, 0).repeat(scale, 1)
    chunk = lambda t, d: (struct.pack(">I", len(d)) + t + d +
                          struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + row.tobytes() for row in g)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", g.shape[1], g.shape[0], 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
