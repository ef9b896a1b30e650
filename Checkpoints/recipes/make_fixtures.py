"""Parity fixtures for the Swift image engine, computed from the GGUF checkpoints *as exported*
(F16 weights dequantized), in float64, so Swift and PyTorch use identical weights.

  python3 Checkpoints/recipes/make_fixtures.py            # all networks whose GGUF exists + schedulers
  python3 Checkpoints/recipes/make_fixtures.py schedulers # only the pure-math scheduler fixture

Network fixtures are small F32 GGUF files (architecture `fixture`) in
Tests/EngineTests/Fixtures/images/: tensors `input.*`, `output.*`, `inter.*`; the format is
described in the README there.
"""
import hashlib
import json
import sys

import numpy as np
import torch

import common
import schedulers

OUT = common.FIXTURES


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def write_fixture(name, checkpoint, meta, tensors):
    meta = dict(meta)
    meta["fixture.checkpoint"] = checkpoint.name
    meta["fixture.checkpoint_sha256"] = sha256(checkpoint)
    meta["fixture.precision"] = "float64 reference, stored as F32"
    common.write_gguf(OUT / name, "fixture", meta,
                      {k: v.float() for k, v in tensors.items()}, f32_names=set(tensors))


def capture(model, names):
    """Forward hooks storing the output of the named sub-modules (row 0 only)."""
    got, hooks = {}, []
    for n in names:
        hooks.append(model.get_submodule(n).register_forward_hook(
            lambda m, i, o, n=n: got.__setitem__(f"inter.{n}", o[0].detach().clone())))
    return got, hooks


@torch.no_grad()
def unet_fixture():
    import ddpm
    model, betas, _ = ddpm.load_unet()
    model.double()
    g = torch.Generator().manual_seed(1234)
    x = torch.randn(2, 1, 28, 28, generator=g, dtype=torch.float64)
    xb = torch.stack([x[0], x[0], x[1]])
    t = torch.tensor([500, 500, 37])
    y = torch.tensor([3, ddpm.NULL_CLASS, 7])
    names = ["conv_in", "down.0.res.0", "down.1.res.0", "down.2.res.0",
             "down.2.attn.0", "mid.res.0", "mid_attn", "mid.res.1", "up.2.res.0", "up.2.attn.0",
             "upsample.1", "up.1.res.0", "up.0.res.0"]
    inter, hooks = capture(model, names)
    eps = model(xb, t, y)
    for h in hooks:
        h.remove()
    tensors = {"input.x": xb, "input.t": t.double(), "input.class": y.double(), "output.eps": eps,
               "inter.sinusoidal": ddpm.timestep_embedding(t, model.cfg["sinusoidal_dim"]).double(),
               "inter.time_embed": model.time_embed(
                   ddpm.timestep_embedding(t, model.cfg["sinusoidal_dim"]).double()),
               "inter.emb": model.embed(t, y), **inter}
    w = 3.0
    tensors["output.guided_eps"] = eps[1] + w * (eps[0] - eps[1])
    # end to end: 10-step DDIM (eta 0, x0 clipped), class 7, guidance 3, from a given x_T
    ab = schedulers.alpha_bars(betas)
    xT = torch.randn(1, 1, 28, 28, generator=g, dtype=torch.float64)
    tensors["input.ddim_xT"] = xT
    tensors["output.ddim10_x0"] = schedulers.sample(
        ddpm.guided_eps(model, torch.tensor([7]), w), xT.clone(), ab, steps=10)
    meta = {"fixture.guidance_scale": w, "fixture.ddim_steps": 10, "fixture.ddim_class": 7,
            "fixture.ddim_timesteps": schedulers.trailing_timesteps(1000, 10),
            "fixture.intermediates_row": 0}
    write_fixture("unet-fixture.gguf", ddpm.GGUF_PATH, meta, tensors)


@torch.no_grad()
def gan_fixture():
    import gan
    G, D, _ = gan.load_gan()
    G.double(), D.double()
    g = torch.Generator().manual_seed(99)
    z = torch.randn(2, G.cfg["z_dim"], generator=g, dtype=torch.float64)
    y = torch.tensor([0, 9])
    inter, hooks = capture(G, ["fc", "norm0", "conv1", "norm1", "conv2"])
    img = G(z, y)
    for h in hooks:
        h.remove()
    xt, yt = common.fashion_tensors("test", (-1.0, 1.0))
    real = xt[:2].double()
    tensors = {"input.z": z, "input.class": y.double(), "output.image": img, **inter,
               "output.d_score_fake": D(img, y), "input.real": real,
               "input.real_class": yt[:2].double(), "output.d_score_real": D(real, yt[:2])}
    write_fixture("gan-fixture.gguf", gan.GGUF_PATH, {}, tensors)


@torch.no_grad()
def vae_fixture(latent):
    import vae
    path = vae.gguf_path(latent)
    model, _ = vae.load_vae(path)
    model.double()
    xt, _ = common.fashion_tensors("test")
    x = xt[:2].double()
    mu, logvar = model.enc(x)
    g = torch.Generator().manual_seed(7)
    z = torch.randn(2, latent, generator=g, dtype=torch.float64)
    tensors = {"input.x": x, "output.mu": mu, "output.logvar": logvar,
               "output.logits_from_mu": model.dec(mu), "input.z": z,
               "output.logits_from_z": model.dec(z), "output.image_from_z": torch.sigmoid(model.dec(z))}
    write_fixture(f"vae{latent}-fixture.gguf", path, {}, tensors)


@torch.no_grad()
def classifier_fixture():
    import classifier
    model, meta = classifier.load_classifier()
    model.double()
    xt, yt = common.fashion_tensors("test")
    x = xt[:2].double()
    logits, feats = model(x, return_features=True)
    # Fréchet distance of 100 test images' features against the stored test statistics
    _, f100 = model(xt[100:200].double(), return_features=True)
    mu, cov = common.feature_stats(f100.numpy())
    fd = common.frechet_distance(mu, cov, meta["test_mean"], meta["test_cov"])
    tensors = {"input.x": x, "output.logits": logits, "output.features": feats,
               "input.fd_features": f100}
    write_fixture("classifier-fixture.gguf", classifier.GGUF_PATH,
                  {"fixture.frechet_distance": fd, "fixture.fd_covariance": "unbiased (N-1)"}, tensors)


def scheduler_fixture():
    """Pure math: given eps predictions and noises per step, the x_t and x0 sequences."""
    betas = schedulers.cosine_betas().float().double()   # the F32 values stored in the GGUF
    ab = schedulers.alpha_bars(betas)
    g = torch.Generator().manual_seed(5)
    n = 16
    rnd = lambda: torch.randn(n, generator=g, dtype=torch.float64)
    cases = []
    for name, method, steps, eta, clip in [("ddim_eta0", "ddim", 50, 0.0, True),
                                           ("ddim_eta0_noclip", "ddim", 50, 0.0, False),
                                           ("ddim_eta1", "ddim", 50, 1.0, True),
                                           ("ddpm_ancestral", "ddpm", 50, None, True),
                                           ("dpmpp_2m", "dpmpp2m", 20, None, True)]:
        ts = schedulers.trailing_timesteps(1000, steps)
        x = rnd()
        case = {"name": name, "method": method, "steps": steps, "eta": eta, "clip_x0": clip,
                "timesteps": ts, "x_T": x.tolist(), "eps": [], "noise": [], "x": [], "x0": []}
        solver = schedulers.DPMSolverPP2M(ab, clip)
        x0_true = torch.rand(n, generator=g, dtype=torch.float64) * 2 - 1
        for i, t in enumerate(ts):
            t_prev = ts[i + 1] if i + 1 < len(ts) else -1
            # a plausible "network": eps consistent with a noisy guess of a fixed clean image
            # (about a quarter of the guesses fall outside [-1, 1], so clipping is exercised)
            a = ab[t].item()
            guess = x0_true + 0.3 * rnd()
            eps = (x - a ** 0.5 * guess) / (1 - a) ** 0.5
            noise = rnd()
            if method == "ddim":
                x, x0 = schedulers.ddim_step(x, eps, t, t_prev, ab, eta, noise, clip)
            elif method == "ddpm":
                x, x0 = schedulers.ddpm_step(x, eps, t, t_prev, ab, noise, clip)
            else:
                x, x0 = solver.step(x, eps, t, t_prev)
            uses_noise = (method == "ddpm" and t_prev >= 0) or (method == "ddim" and eta > 0)
            case["eps"].append([round(v, 8) for v in eps.tolist()])
            case["noise"].append([round(v, 8) for v in noise.tolist()] if uses_noise else None)
            case["x"].append([round(v, 8) for v in x.tolist()])
            case["x0"].append([round(v, 8) for v in x0.tolist()])
        cases.append(case)
    doc = {"schedule": "cosine", "num_train_timesteps": 1000,
           "betas": betas.tolist(),
           "alphas_cumprod": [round(a, 10) for a in ab.tolist()],
           "note": "x[i], x0[i] = state and predicted x0 after step i (eps[i] at timesteps[i]); "
                   "see README.md in this folder", "cases": cases}
    with open(OUT / "schedulers.json", "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"wrote {OUT / 'schedulers.json'}")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(2)
    scheduler_fixture()
    if sys.argv[1:] == ["schedulers"]:
        return
    C = common.CHECKPOINTS
    if (C / "classifier-fashion.gguf").exists():
        classifier_fixture()
    for latent in (2, 16):
        import vae
        if vae.gguf_path(latent).exists():
            vae_fixture(latent)
    if (C / "gan-fashion.gguf").exists():
        gan_fixture()
    if (C / "ddpm-fashion.gguf").exists():
        unet_fixture()


if __name__ == "__main__":
    main()
