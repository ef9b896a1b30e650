"""Class-conditional DDPM (eps-prediction, cosine schedule, classifier-free guidance) on
Fashion-MNIST, with a small UNet built for a fast CPU forward pass.

  python3 Checkpoints/recipes/ddpm.py train  [--epochs N]   # resumable: rerun to continue
  python3 Checkpoints/recipes/ddpm.py export                # EMA weights -> Checkpoints/ddpm-fashion.gguf
  python3 Checkpoints/recipes/ddpm.py eval   [--per-class N]
  python3 Checkpoints/recipes/ddpm.py flops                 # params and MACs of one batch-1 forward
"""
import argparse
import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import common
import schedulers

ARCH = "ddpm-unet"
GGUF_PATH = common.CHECKPOINTS / "ddpm-fashion.gguf"
NULL_CLASS = 10


def timestep_embedding(t, dim):
    """[sin(t * f_0..f_{h-1}), cos(t * f_0..f_{h-1})], f_i = exp(-ln(10000) * i / h), h = dim/2."""
    half = dim // 2   # computed in float64, then cast to the weights' dtype
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float64) / half)
    args = t.double()[:, None] * freqs[None]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, temb, groups):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(temb, cout)
        self.norm2 = nn.GroupNorm(groups, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, emb_act):  # emb_act = silu(emb), shared by all blocks
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(emb_act)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return self.skip(x) + h


class Attention(nn.Module):
    """Single-head self-attention over the H*W positions, residual."""

    def __init__(self, c, groups):
        super().__init__()
        self.norm = nn.GroupNorm(groups, c)
        self.qkv = nn.Conv2d(c, 3 * c, 1)
        self.proj = nn.Conv2d(c, c, 1)

    def forward(self, x):
        b, c, hh, ww = x.shape
        q, k, v = self.qkv(self.norm(x)).reshape(b, 3, c, hh * ww).unbind(1)   # [b, c, n]
        a = torch.softmax(q.transpose(1, 2) @ k / math.sqrt(c), dim=-1)          # [b, n, n]
        out = (v @ a.transpose(1, 2)).reshape(b, c, hh, ww)                       # [b, c, n]
        return x + self.proj(out)


class Level(nn.Module):
    def __init__(self, cins, cout, temb, groups, attn):
        super().__init__()
        self.res = nn.ModuleList([ResBlock(ci, cout, temb, groups) for ci in cins])
        self.attn = nn.ModuleList([Attention(cout, groups) for _ in cins]) if attn else None


class UNet(nn.Module):
    def __init__(self, channels=(24, 48, 64), num_res_blocks=1, attention_levels=(2,), groups=8,
                 sinusoidal_dim=64, time_embedding_dim=128, num_classes=10, image_channels=1):
        super().__init__()
        self.cfg = dict(channels=list(channels), num_res_blocks=num_res_blocks,
                        attention_levels=list(attention_levels), groups=groups,
                        sinusoidal_dim=sinusoidal_dim, time_embedding_dim=time_embedding_dim,
                        num_classes=num_classes, image_channels=image_channels)
        C, L, te = channels, len(channels), time_embedding_dim
        self.time_embed = nn.Sequential(nn.Linear(sinusoidal_dim, te), nn.SiLU(), nn.Linear(te, te))
        self.class_embed = nn.Embedding(num_classes + 1, te)  # last row = null class
        self.conv_in = nn.Conv2d(image_channels, C[0], 3, padding=1)
        self.down, self.downsample = nn.ModuleList(), nn.ModuleList()
        cin = C[0]
        for l in range(L):
            cins = [cin] + [C[l]] * (num_res_blocks - 1)
            self.down.append(Level(cins, C[l], te, groups, l in attention_levels))
            cin = C[l]
            if l < L - 1:
                self.downsample.append(nn.Conv2d(cin, cin, 3, stride=2, padding=1))
        self.mid = Level([C[-1], C[-1]], C[-1], te, groups, False)
        self.mid_attn = Attention(C[-1], groups)
        self.up, self.upsample = nn.ModuleList(), nn.ModuleList()
        for l in range(L):  # up[l] runs at level l; executed from l = L-1 down to 0
            self.up.append(Level([2 * C[l]] * num_res_blocks, C[l], te, groups, l in attention_levels))
            if l > 0:
                self.upsample.append(nn.Conv2d(C[l], C[l - 1], 3, padding=1))
        self.out_norm = nn.GroupNorm(groups, C[0])
        self.out_conv = nn.Conv2d(C[0], image_channels, 3, padding=1)

    def embed(self, t, y):
        s = timestep_embedding(t, self.cfg["sinusoidal_dim"]).to(self.conv_in.weight.dtype)
        return self.time_embed(s) + self.class_embed(y)

    def forward(self, x, t, y):
        e = F.silu(self.embed(t, y))
        h = self.conv_in(x)
        skips = []
        for l, lev in enumerate(self.down):
            for j, res in enumerate(lev.res):
                h = res(h, e)
                if lev.attn is not None:
                    h = lev.attn[j](h)
                skips.append(h)
            if l < len(self.down) - 1:
                h = self.downsample[l](h)
        h = self.mid.res[0](h, e)
        h = self.mid_attn(h)
        h = self.mid.res[1](h, e)
        for l in reversed(range(len(self.up))):
            lev = self.up[l]
            for j, res in enumerate(lev.res):
                h = res(torch.cat([h, skips.pop()], dim=1), e)
                if lev.attn is not None:
                    h = lev.attn[j](h)
            if l > 0:
                h = self.upsample[l - 1](F.interpolate(h, scale_factor=2.0, mode="nearest"))
        return self.out_conv(F.silu(self.out_norm(h)))


def count_macs(model, batch=1):
    """Multiply-accumulates of one forward (conv, linear, attention matmuls)."""
    macs = [0]

    def conv_hook(m, inp, out):
        macs[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def lin_hook(m, inp, out):
        macs[0] += out.numel() * m.in_features

    def attn_hook(m, inp, out):
        b, c, h, w = inp[0].shape
        macs[0] += 2 * b * c * (h * w) ** 2

    hooks = [m.register_forward_hook(conv_hook if isinstance(m, nn.Conv2d) else
                                     lin_hook if isinstance(m, nn.Linear) else attn_hook)
             for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear, Attention))]
    with torch.no_grad():
        model(torch.zeros(batch, 1, 28, 28), torch.zeros(batch, dtype=torch.long),
              torch.zeros(batch, dtype=torch.long))
    for h in hooks:
        h.remove()
    return macs[0]


# ----------------------------------------------------------------------------- train / export / eval

def build(args_or_cfg=None):
    return UNet(**(args_or_cfg or {}))


def train(args):
    common.setup_torch(args.threads)
    common.seed_all(args.seed)
    x, y = common.fashion_tensors("train", (-1.0, 1.0))
    model = build()
    ema = common.EMA(model, args.ema)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    run = common.Run("ddpm", model=model, ema=ema, opt=opt)
    if run.load():
        print(f"resumed at epoch {run.epoch} batch {run.batch} step {run.step}", flush=True)
    print(f"params {common.count_params(model)}, MACs/forward {count_macs(model)}", flush=True)
    ab = schedulers.alpha_bars(schedulers.cosine_betas()).float()

    def step(xb, yb):
        for g in opt.param_groups:
            g["lr"] = args.lr * min(1.0, (run.step + 1) / args.warmup)
        t = torch.randint(0, len(ab), (len(xb),))
        yb = torch.where(torch.rand(len(yb)) < args.label_dropout, NULL_CLASS, yb)
        eps = torch.randn_like(xb)
        a = ab[t][:, None, None, None]
        loss = F.mse_loss(model(a.sqrt() * xb + (1 - a).sqrt() * eps, t, yb), eps)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        ema.update(model)
        return {"loss": loss.item()}

    common.fit(run, step, x, y, args.epochs, args.batch, args.seed, save_every_s=args.save_every)


def export(args):
    model = build()
    blob = torch.load(common.RUNS / "ddpm" / "ckpt.pt", map_location="cpu", weights_only=False)
    model.load_state_dict(blob["ema"]["shadow"])
    epoch, batch, step = blob["pos"]
    cfg, p = model.cfg, ARCH
    betas = schedulers.cosine_betas()
    meta = {
        "general.image_size": common.IMAGE_SIZE, "general.image_channels": 1,
        "general.pixel_min": -1.0, "general.pixel_max": 1.0,
        "general.class_names": common.CLASS_NAMES,
        "general.training_steps": step, "general.training_epochs": epoch + batch / (60000 // args.batch),
        f"{p}.channels": cfg["channels"], f"{p}.num_res_blocks": cfg["num_res_blocks"],
        f"{p}.attention_levels": cfg["attention_levels"],
        f"{p}.attention_resolutions": [28 >> l for l in cfg["attention_levels"]],
        f"{p}.attention_heads": 1, f"{p}.groups": cfg["groups"],
        f"{p}.groupnorm_eps": 1e-5, f"{p}.sinusoidal_dim": cfg["sinusoidal_dim"],
        f"{p}.time_embedding_dim": cfg["time_embedding_dim"],
        f"{p}.num_classes": cfg["num_classes"], f"{p}.null_class": NULL_CLASS,
        f"{p}.prediction": "epsilon", f"{p}.schedule": "cosine",
        f"{p}.num_train_timesteps": len(betas), f"{p}.betas": betas.float().tolist(),
        f"{p}.upsample": "nearest2x+conv3x3", f"{p}.downsample": "conv3x3_stride2_pad1",
        f"{p}.default_guidance_scale": 3.0, f"{p}.default_steps": 50,
    }
    tensors = dict(model.state_dict())
    tensors["betas"] = betas.float()
    common.write_gguf(GGUF_PATH, ARCH, meta, tensors)


def load_unet(path=GGUF_PATH):
    meta, tensors = common.read_gguf(path)
    p = ARCH
    model = UNet(channels=[int(c) for c in meta[f"{p}.channels"]],
                 num_res_blocks=int(meta[f"{p}.num_res_blocks"]),
                 attention_levels=[int(a) for a in meta[f"{p}.attention_levels"]],
                 groups=int(meta[f"{p}.groups"]), sinusoidal_dim=int(meta[f"{p}.sinusoidal_dim"]),
                 time_embedding_dim=int(meta[f"{p}.time_embedding_dim"]),
                 num_classes=int(meta[f"{p}.num_classes"]))
    betas = tensors.pop("betas").double()
    model.load_state_dict(tensors)
    return model.eval(), betas, meta


def guided_eps(model, y, w):
    """eps = eps(x, null) + w * (eps(x, y) - eps(x, null)); cond and uncond in one batch."""
    def fn(x, t):
        n = len(x)
        out = model(torch.cat([x, x]), torch.full((2 * n,), t), torch.cat([y, torch.full_like(y, NULL_CLASS)]))
        c, u = out[:n], out[n:]
        return u + w * (c - u)
    return fn


def evaluate(args):
    common.setup_torch(args.threads)
    model, betas, _ = load_unet()
    ab = schedulers.alpha_bars(betas)
    judge = common.Judge()
    g = torch.Generator().manual_seed(args.seed)
    y = torch.arange(10).repeat_interleave(args.per_class)
    xs = []
    for i in range(0, len(y), 250):
        yb = y[i:i + 250]
        x = torch.randn((len(yb), 1, 28, 28), generator=g)
        xs.append(schedulers.sample(guided_eps(model, yb, args.guidance), x, ab, args.steps,
                                    args.method, generator=g))
        print(f"sampled {i + len(yb)}/{len(y)}", flush=True)
    imgs = (torch.cat(xs) + 1) / 2
    res = judge.score(imgs, y)
    res.update(steps=args.steps, guidance=args.guidance, method=args.method)
    print(json.dumps(res), flush=True)
    common.save_grid(imgs.reshape(10, args.per_class, 1, 28, 28)[:, :10].reshape(-1, 1, 28, 28)
                     if args.per_class >= 10 else imgs, common.RUNS / "ddpm" / "samples.png")
    with open(common.RUNS / "ddpm" / f"eval-{args.method}-{args.steps}-w{args.guidance}.json", "w") as f:
        json.dump(res, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["train", "export", "eval", "flops"])
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=6e-4)
    ap.add_argument("--warmup", type=int, default=500)
    ap.add_argument("--ema", type=float, default=0.999)
    ap.add_argument("--label-dropout", type=float, default=0.1)
    ap.add_argument("--save-every", type=float, default=240, help="seconds between checkpoints")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-class", type=int, default=50)
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--guidance", type=float, default=3.0)
    ap.add_argument("--method", default="ddim", choices=["ddim", "ddpm", "dpmpp2m"])
    args = ap.parse_args()
    if args.cmd == "flops":
        m = build()
        print(f"params {common.count_params(m)}  MACs {count_macs(m) / 1e6:.1f} M  "
              f"(= {2 * count_macs(m) / 1e6:.1f} MFLOPs) per batch-1 forward")
    else:
        {"train": train, "export": export, "eval": evaluate}[args.cmd](args)


if __name__ == "__main__":
    main()
