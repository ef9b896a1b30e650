"""Evaluation classifier for Fashion-MNIST: 3 convs + 2 linear layers. Its 64-d penultimate
layer (fc1 after SiLU) gives the features for the Fréchet distance; the test-set feature mean
and covariance are stored in the GGUF so the Swift side needs no dataset.

  python3 Checkpoints/recipes/classifier.py train [--epochs 10]   # resumable
  python3 Checkpoints/recipes/classifier.py export                # -> Checkpoints/classifier-fashion.gguf
"""
import argparse
import json

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import common

ARCH = "classifier"
GGUF_PATH = common.CHECKPOINTS / "classifier-fashion.gguf"


class Classifier(nn.Module):
    def __init__(self, c1=32, c2=64, c3=64, features=64, dropout=0.1):
        super().__init__()
        self.cfg = dict(c1=c1, c2=c2, c3=c3, features=features)
        self.conv1 = nn.Conv2d(1, c1, 3, padding=1)             # 28x28
        self.conv2 = nn.Conv2d(c1, c2, 3, stride=2, padding=1)  # -> 14x14
        self.conv3 = nn.Conv2d(c2, c3, 3, stride=2, padding=1)  # -> 7x7
        self.fc1 = nn.Linear(c3 * 7 * 7, features)
        self.fc2 = nn.Linear(features, 10)
        self.drop = nn.Dropout(dropout)

    def forward(self, x, return_features=False):  # x in [0, 1], [B, 1, 28, 28]
        h = F.silu(self.conv1(x))
        h = F.silu(self.conv2(h))
        h = F.silu(self.conv3(h))
        f = F.silu(self.fc1(self.drop(h.flatten(1))))   # flatten in (C, H, W) order
        logits = self.fc2(f)
        return (logits, f) if return_features else logits


def train(args):
    common.setup_torch(args.threads)
    common.seed_all(args.seed)
    x, y = common.fashion_tensors("train")
    model = Classifier()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    total = args.epochs * (len(x) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + np.cos(np.pi * min(s / total, 1))))
    run = common.Run("classifier", model=model, opt=opt, sched=sched)
    run.load()

    def step(xb, yb):
        loss = F.cross_entropy(model(xb), yb)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        return {"loss": loss.item()}

    def report(epoch):
        model.eval()
        xt, yt = common.fashion_tensors("test")
        with torch.no_grad():
            acc = (model(xt).argmax(1) == yt).float().mean().item()
        print(f"epoch {epoch} test accuracy {acc:.4f}", flush=True)
        model.train()

    model.train()
    common.fit(run, step, x, y, args.epochs, args.batch, args.seed, end_of_epoch=report)


@torch.no_grad()
def features(model, x):
    return torch.cat([model(x[i:i + 1000], return_features=True)[1] for i in range(0, len(x), 1000)]).numpy()


def export(args):
    common.setup_torch(args.threads)
    model = Classifier()
    blob = torch.load(common.RUNS / "classifier" / "ckpt.pt", map_location="cpu", weights_only=False)
    model.load_state_dict(blob["model"])
    model.eval()
    # round trip through F16 first so the statistics match the weights as exported
    sd = {k: v.half().float() if v.dim() >= 2 else v for k, v in model.state_dict().items()}
    model.load_state_dict(sd)
    xt, yt = common.fashion_tensors("test")
    xtr, _ = common.fashion_tensors("train")
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    ft, ftr = features(model, xt), features(model, xtr)
    mu, cov = common.feature_stats(ft)
    fd_full = common.frechet_distance(*common.feature_stats(ftr), mu, cov)
    rng = np.random.default_rng(0)
    fd_n = {n: float(np.mean([common.frechet_distance(
        *common.feature_stats(ftr[rng.choice(len(ftr), n, replace=False)]), mu, cov) for _ in range(5)]))
        for n in (1000, 500, 250)}
    metrics = {"test_accuracy": acc, "frechet_train_vs_test": fd_full,
               "frechet_train1000_vs_test": fd_n[1000], "frechet_train500_vs_test": fd_n[500],
               "frechet_train250_vs_test": fd_n[250]}
    print(json.dumps(metrics))
    p, cfg = ARCH, model.cfg
    meta = {
        "general.image_size": 28, "general.image_channels": 1,
        "general.pixel_min": 0.0, "general.pixel_max": 1.0,
        "general.class_names": common.CLASS_NAMES,
        f"{p}.num_classes": 10, f"{p}.channels": [cfg["c1"], cfg["c2"], cfg["c3"]],
        f"{p}.feature_layer": "fc1", f"{p}.feature_activation": "silu",
        f"{p}.feature_dim": cfg["features"],
        f"{p}.test_accuracy": acc, f"{p}.frechet_train_vs_test": fd_full,
        f"{p}.frechet_train1000_vs_test": fd_n[1000], f"{p}.frechet_train500_vs_test": fd_n[500],
        f"{p}.frechet_train250_vs_test": fd_n[250],
        f"{p}.feature_stats_split": "test", f"{p}.feature_stats_count": len(ft),
    }
    tensors = {k: v for k, v in sd.items()}
    tensors["fd.test_mean"] = torch.from_numpy(mu).float()
    tensors["fd.test_cov"] = torch.from_numpy(cov).float()
    common.write_gguf(GGUF_PATH, ARCH, meta, tensors, f32_names={"fd.test_cov"})
    with open(common.RUNS / "classifier" / "metrics.json", "w") as f:
        json.dump(metrics, f)


def load_classifier(path=GGUF_PATH):
    meta, tensors = common.read_gguf(path)
    mu, cov = tensors.pop("fd.test_mean").numpy(), tensors.pop("fd.test_cov").numpy()
    ch = [int(c) for c in meta[f"{ARCH}.channels"]]
    model = Classifier(*ch, features=int(meta[f"{ARCH}.feature_dim"]))
    model.load_state_dict(tensors)
    meta["test_mean"], meta["test_cov"] = mu, cov
    return model.eval(), meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["train", "export"])
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    {"train": train, "export": export}[args.cmd](args)


if __name__ == "__main__":
    main()
