"""Convolutional VAE on Fashion-MNIST with a Bernoulli likelihood (decoder outputs logits;
binary cross-entropy against the grey levels in [0, 1]) and a standard-normal prior.
Two checkpoints: a 2-D latent (for the latent map) and a 16-D latent.

  python3 Checkpoints/recipes/vae.py train  --latent 2  [--epochs 10]   # resumable
  python3 Checkpoints/recipes/vae.py export --latent 2                  # -> Checkpoints/vae2d-fashion.gguf
"""
import argparse
import json

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import common

ARCH = "vae"


def gguf_path(latent):
    return common.CHECKPOINTS / f"vae{latent}{'d' if latent == 2 else ''}-fashion.gguf"


class Encoder(nn.Module):
    def __init__(self, latent, c1=16, c2=32, hidden=256):
        super().__init__()
        self.conv1 = nn.Conv2d(1, c1, 3, stride=2, padding=1)   # -> 14x14
        self.conv2 = nn.Conv2d(c1, c2, 3, stride=2, padding=1)  # -> 7x7
        self.fc = nn.Linear(c2 * 49, hidden)
        self.mu = nn.Linear(hidden, latent)
        self.logvar = nn.Linear(hidden, latent)

    def forward(self, x):  # x in [0, 1]
        h = F.silu(self.conv2(F.silu(self.conv1(x))))
        h = F.silu(self.fc(h.flatten(1)))                # flatten in (C, H, W) order
        return self.mu(h), self.logvar(h)


class Decoder(nn.Module):
    def __init__(self, latent, c1=32, c2=32, c0=16, hidden=256):
        super().__init__()
        self.c2 = c2
        self.fc1 = nn.Linear(latent, hidden)
        self.fc2 = nn.Linear(hidden, c2 * 49)
        self.conv1 = nn.Conv2d(c2, c1, 3, padding=1)   # at 14x14 after nearest x2
        self.conv2 = nn.Conv2d(c1, c0, 3, padding=1)   # at 28x28 after nearest x2
        self.conv_out = nn.Conv2d(c0, 1, 3, padding=1)

    def forward(self, z):  # -> Bernoulli logits; sigmoid gives the mean image in [0, 1]
        h = F.silu(self.fc2(F.silu(self.fc1(z)))).reshape(-1, self.c2, 7, 7)
        h = F.silu(self.conv1(F.interpolate(h, scale_factor=2.0, mode="nearest")))
        h = F.silu(self.conv2(F.interpolate(h, scale_factor=2.0, mode="nearest")))
        return self.conv_out(h)


class VAE(nn.Module):
    def __init__(self, latent):
        super().__init__()
        self.latent = latent
        self.enc = Encoder(latent)
        self.dec = Decoder(latent)

    def losses(self, x, generator=None):
        """-> (recon, kl) per image in nats, for one z sample per image."""
        mu, logvar = self.enc(x)
        z = mu + (0.5 * logvar).exp() * torch.randn(mu.shape, generator=generator)
        logits = self.dec(z)
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1)
        kl = 0.5 * (mu ** 2 + logvar.exp() - 1 - logvar).sum(1)
        return recon, kl


def train(args):
    common.setup_torch(args.threads)
    common.seed_all(args.seed)
    x, y = common.fashion_tensors("train")
    model = VAE(args.latent)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    run = common.Run(f"vae{args.latent}", model=model, opt=opt)
    run.load()

    def step(xb, yb):
        recon, kl = model.losses(xb)
        loss = (recon + kl).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return {"recon": recon.mean().item(), "kl": kl.mean().item()}

    common.fit(run, step, x, y, args.epochs, args.batch, args.seed, log_every=200,
               end_of_epoch=lambda e: print(json.dumps(test_metrics(model)), flush=True))


@torch.no_grad()
def test_metrics(model):
    model.eval()
    xt, _ = common.fashion_tensors("test")
    g = torch.Generator().manual_seed(0)
    rs, ks = zip(*[model.losses(xt[i:i + 1000], g) for i in range(0, len(xt), 1000)])
    r, k = torch.cat(rs).mean().item(), torch.cat(ks).mean().item()
    model.train()
    return {"test_recon_nats": r, "test_kl_nats": k, "test_elbo_nats": -(r + k)}


def export(args):
    common.setup_torch(args.threads)
    model = VAE(args.latent)
    blob = torch.load(common.RUNS / f"vae{args.latent}" / "ckpt.pt", map_location="cpu", weights_only=False)
    sd = {k: v.half().float() if v.dim() >= 2 else v for k, v in blob["model"].items()}
    model.load_state_dict(sd)  # metrics below use the weights as exported (F16-rounded)
    model.eval()
    m = test_metrics(model)
    xt, yt = common.fashion_tensors("test")
    with torch.no_grad():
        mu = model.enc(xt)[0]
    means = torch.stack([mu[yt == c].mean(0) for c in range(10)])       # [10, latent]
    lo, hi = np.percentile(mu.numpy(), 1, axis=0), np.percentile(mu.numpy(), 99, axis=0)
    m.update(epochs=blob["pos"][0], class_means=means.tolist())
    print(json.dumps(m))
    p = ARCH
    meta = {
        "general.image_size": 28, "general.image_channels": 1,
        "general.pixel_min": 0.0, "general.pixel_max": 1.0,
        "general.class_names": common.CLASS_NAMES, "general.training_epochs": blob["pos"][0],
        f"{p}.latent_dim": args.latent, f"{p}.likelihood": "bernoulli",
        f"{p}.decoder_output": "logits", f"{p}.prior": "standard_normal",
        f"{p}.encoder_channels": [16, 32], f"{p}.decoder_channels": [32, 32, 16], f"{p}.hidden_dim": 256,
        f"{p}.test_elbo_nats": m["test_elbo_nats"], f"{p}.test_recon_nats": m["test_recon_nats"],
        f"{p}.test_kl_nats": m["test_kl_nats"],
        f"{p}.class_means": means.flatten().tolist(),                     # row-major [10][latent]
        f"{p}.latent_p01": lo.tolist(), f"{p}.latent_p99": hi.tolist(),
    }
    tensors = dict(sd)
    tensors["class_means"] = means                                         # same, as F32 tensor
    common.write_gguf(gguf_path(args.latent), ARCH, meta, tensors, f32_names={"class_means"})
    with open(common.RUNS / f"vae{args.latent}" / "metrics.json", "w") as f:
        json.dump(m, f)


def load_vae(path):
    meta, tensors = common.read_gguf(path)
    model = VAE(int(meta[f"{ARCH}.latent_dim"]))
    tensors.pop("class_means")
    model.load_state_dict(tensors)
    return model.eval(), meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["train", "export"])
    ap.add_argument("--latent", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    {"train": train, "export": export}[args.cmd](args)


if __name__ == "__main__":
    main()
