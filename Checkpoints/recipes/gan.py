"""Class-conditional GAN on Fashion-MNIST: generator with class-conditional GroupNorm
(nearest x2 upsample + 3x3 convs), spectral-norm projection discriminator, hinge loss, EMA of G.
G and D are exported into one GGUF (tensor prefixes `g.` and `d.`); spectral norm is baked in
(D's stored weights are W / sigma), so D needs no power iteration at inference.

  python3 Checkpoints/recipes/gan.py train  [--epochs 20]   # resumable
  python3 Checkpoints/recipes/gan.py export                # -> Checkpoints/gan-fashion.gguf
  python3 Checkpoints/recipes/gan.py eval   [--per-class N]
"""
import argparse
import json

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.parametrizations import spectral_norm

import common

ARCH = "cgan"
GGUF_PATH = common.CHECKPOINTS / "gan-fashion.gguf"


class CondGroupNorm(nn.Module):
    """GroupNorm without affine, then h * (1 + gamma[y]) + beta[y] (per class and channel)."""

    def __init__(self, c, groups, num_classes):
        super().__init__()
        self.norm = nn.GroupNorm(groups, c, affine=False)
        self.gamma = nn.Embedding(num_classes, c)
        self.beta = nn.Embedding(num_classes, c)
        nn.init.zeros_(self.gamma.weight)
        nn.init.zeros_(self.beta.weight)

    def forward(self, h, y):
        return self.norm(h) * (1 + self.gamma(y)[:, :, None, None]) + self.beta(y)[:, :, None, None]


class Generator(nn.Module):
    def __init__(self, z_dim=64, class_dim=32, channels=(64, 32, 16), groups=8, num_classes=10):
        super().__init__()
        self.cfg = dict(z_dim=z_dim, class_dim=class_dim, channels=list(channels), groups=groups)
        c0, c1, c2 = channels
        self.class_embed = nn.Embedding(num_classes, class_dim)
        self.fc = nn.Linear(z_dim + class_dim, c0 * 49)
        self.norm0 = CondGroupNorm(c0, groups, num_classes)
        self.conv1 = nn.Conv2d(c0, c1, 3, padding=1)   # 14x14 after nearest x2
        self.norm1 = CondGroupNorm(c1, groups, num_classes)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1)   # 28x28 after nearest x2
        self.norm2 = CondGroupNorm(c2, groups, num_classes)
        self.conv_out = nn.Conv2d(c2, 1, 3, padding=1)

    def forward(self, z, y):  # -> image in [-1, 1]
        h = self.fc(torch.cat([z, self.class_embed(y)], 1)).reshape(len(z), -1, 7, 7)
        h = F.silu(self.norm0(h, y))
        h = F.silu(self.norm1(self.conv1(F.interpolate(h, scale_factor=2.0, mode="nearest")), y))
        h = F.silu(self.norm2(self.conv2(F.interpolate(h, scale_factor=2.0, mode="nearest")), y))
        return torch.tanh(self.conv_out(h))


class Discriminator(nn.Module):
    def __init__(self, channels=(32, 64, 128), num_classes=10, sn=True):
        super().__init__()
        self.cfg = dict(channels=list(channels))
        wrap = spectral_norm if sn else (lambda m: m)
        c1, c2, c3 = channels
        self.conv1 = wrap(nn.Conv2d(1, c1, 3, padding=1))              # 28x28
        self.conv2 = wrap(nn.Conv2d(c1, c2, 3, stride=2, padding=1))   # -> 14x14
        self.conv3 = wrap(nn.Conv2d(c2, c3, 3, stride=2, padding=1))   # -> 7x7
        self.fc = wrap(nn.Linear(c3, 1))
        self.class_embed = wrap(nn.Embedding(num_classes, c3))

    def forward(self, x, y):  # x in [-1, 1] -> unbounded score (higher = more real)
        h = F.leaky_relu(self.conv1(x), 0.2)
        h = F.leaky_relu(self.conv2(h), 0.2)
        h = F.leaky_relu(self.conv3(h), 0.2)
        h = h.sum(dim=(2, 3))                                          # [B, c3]
        return self.fc(h).squeeze(1) + (self.class_embed(y) * h).sum(1)


def train(args):
    common.setup_torch(args.threads)
    common.seed_all(args.seed)
    x, y = common.fashion_tensors("train", (-1.0, 1.0))
    G, D = Generator(), Discriminator()
    ema = common.EMA(G, args.ema)
    opt_g = torch.optim.Adam(G.parameters(), lr=args.lr_g, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=args.lr_d, betas=(0.0, 0.9))
    run = common.Run("gan", G=G, D=D, ema=ema, opt_g=opt_g, opt_d=opt_d)
    run.load()
    print(f"G params {common.count_params(G)}, D params {common.count_params(D)}", flush=True)
    z_dim = G.cfg["z_dim"]

    def step(xb, yb):
        n = len(xb)
        yf = torch.randint(0, 10, (n,))
        with torch.no_grad():
            fake = G(torch.randn(n, z_dim), yf)
        d_loss = F.relu(1 - D(xb, yb)).mean() + F.relu(1 + D(fake, yf)).mean()
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        yf = torch.randint(0, 10, (n,))
        g_loss = -D(G(torch.randn(n, z_dim), yf), yf).mean()
        opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        ema.update(G)
        return {"d_loss": d_loss.item(), "g_loss": g_loss.item()}

    common.fit(run, step, x, y, args.epochs, args.batch, args.seed, save_every_s=args.save_every)


def export(args):
    blob = torch.load(common.RUNS / "gan" / "ckpt.pt", map_location="cpu", weights_only=False)
    G, D = Generator(), Discriminator()
    G.load_state_dict(blob["ema"]["shadow"])
    D.load_state_dict(blob["D"])
    D.eval()
    plain = Discriminator(sn=False)
    with torch.no_grad():
        for name, m in plain.named_children():     # bake W / sigma into plain weights
            src = getattr(D, name)
            m.weight.copy_(src.weight)
            if getattr(m, "bias", None) is not None:
                m.bias.copy_(src.bias)
    p = ARCH
    gc, dc = G.cfg, plain.cfg
    meta = {
        "general.image_size": 28, "general.image_channels": 1,
        "general.pixel_min": -1.0, "general.pixel_max": 1.0,
        "general.class_names": common.CLASS_NAMES, "general.training_steps": blob["pos"][2],
        "general.training_epochs": blob["pos"][0],
        f"{p}.z_dim": gc["z_dim"], f"{p}.class_dim": gc["class_dim"],
        f"{p}.generator_channels": gc["channels"], f"{p}.groups": gc["groups"],
        f"{p}.groupnorm_eps": 1e-5, f"{p}.num_classes": 10,
        f"{p}.discriminator_channels": dc["channels"], f"{p}.leaky_relu_slope": 0.2,
        f"{p}.latent_distribution": "standard_normal", f"{p}.generator_weights": "ema",
        f"{p}.loss": "hinge",
    }
    tensors = {f"g.{k}": v for k, v in G.state_dict().items()}
    tensors.update({f"d.{k}": v for k, v in plain.state_dict().items()})
    common.write_gguf(GGUF_PATH, ARCH, meta, tensors)


def load_gan(path=GGUF_PATH):
    meta, tensors = common.read_gguf(path)
    p = ARCH
    G = Generator(int(meta[f"{p}.z_dim"]), int(meta[f"{p}.class_dim"]),
                  [int(c) for c in meta[f"{p}.generator_channels"]], int(meta[f"{p}.groups"]))
    D = Discriminator([int(c) for c in meta[f"{p}.discriminator_channels"]], sn=False)
    G.load_state_dict({k[2:]: v for k, v in tensors.items() if k.startswith("g.")})
    D.load_state_dict({k[2:]: v for k, v in tensors.items() if k.startswith("d.")})
    return G.eval(), D.eval(), meta


@torch.no_grad()
def evaluate(args):
    common.setup_torch(args.threads)
    G, D, _ = load_gan()
    judge = common.Judge()
    g = torch.Generator().manual_seed(args.seed)
    y = torch.arange(10).repeat_interleave(args.per_class)
    imgs = G(torch.randn(len(y), G.cfg["z_dim"], generator=g), y)
    res = judge.score((imgs + 1) / 2, y)
    xt, yt = common.fashion_tensors("test", (-1.0, 1.0))
    res["d_score_fake_mean"] = D(imgs, y).mean().item()
    res["d_score_test_mean"] = D(xt[:2000], yt[:2000]).mean().item()
    # mode-collapse check: mean pairwise L2 distance between samples of the same class
    div = [torch.pdist(imgs[y == c].flatten(1)).mean().item() for c in range(10)]
    real = [torch.pdist(xt[yt == c][:args.per_class].flatten(1)).mean().item() for c in range(10)]
    res["intra_class_distance_fake"] = sum(div) / 10
    res["intra_class_distance_test"] = sum(real) / 10
    print(json.dumps(res))
    common.save_grid((imgs.reshape(10, args.per_class, 1, 28, 28)[:, :10].reshape(-1, 1, 28, 28) + 1) / 2,
                     common.RUNS / "gan" / "samples.png")
    with open(common.RUNS / "gan" / "eval.json", "w") as f:
        json.dump(res, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["train", "export", "eval"])
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr-g", type=float, default=1e-4)
    ap.add_argument("--lr-d", type=float, default=4e-4)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--save-every", type=float, default=240)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-class", type=int, default=100)
    args = ap.parse_args()
    {"train": train, "export": export, "eval": evaluate}[args.cmd](args)


if __name__ == "__main__":
    main()
