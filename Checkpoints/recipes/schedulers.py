"""Noise schedule and samplers for the DDPM checkpoint, written as plain tensor math so
the Swift schedulers can mirror them line by line (see Checkpoints/README.md, "Samplers").

Conventions: T = 1000 training steps, t in 0..T-1, alpha_bar[t] = prod_{i<=t} (1 - betas[i]),
x_t = sqrt(alpha_bar[t]) x0 + sqrt(1 - alpha_bar[t]) eps. The model predicts eps.
A sampler walks timesteps[0] > timesteps[1] > ... > timesteps[S-1]; the step after the last
one goes to "t = -1" where alpha_bar = 1 (the clean image).
"""
import math

import torch


def cosine_betas(T=1000, s=0.008, max_beta=0.999):
    """Nichol & Dhariwal cosine schedule, computed in float64 then stored as float32."""
    f = lambda u: math.cos((u / T + s) / (1 + s) * math.pi / 2) ** 2
    return torch.tensor([min(1 - f(i + 1) / f(i), max_beta) for i in range(T)],
                        dtype=torch.float64)


def alpha_bars(betas):
    return torch.cumprod(1 - betas.double(), 0)


def trailing_timesteps(T, steps):
    """t_i = T - 1 - floor(i*T/S), integer math: e.g. T=1000, S=50 -> 999, 979, ..., 19."""
    return [T - 1 - (i * T) // steps for i in range(steps)]


def _ab(ab, t):
    return ab[t].item() if t >= 0 else 1.0


def predict_x0(x, eps, a_t, clip):
    """x0 from eps; with clip, x0 is clamped to [-1, 1] and eps re-derived from it."""
    x0 = (x - math.sqrt(1 - a_t) * eps) / math.sqrt(a_t)
    if clip:
        x0 = x0.clamp(-1, 1)
        eps = (x - math.sqrt(a_t) * x0) / math.sqrt(1 - a_t)
    return x0, eps


def ddim_step(x, eps, t, t_prev, ab, eta=0.0, noise=None, clip=True):
    a_t, a_p = _ab(ab, t), _ab(ab, t_prev)
    x0, eps = predict_x0(x, eps, a_t, clip)
    sigma = eta * math.sqrt((1 - a_p) / (1 - a_t)) * math.sqrt(1 - a_t / a_p)
    x = math.sqrt(a_p) * x0 + math.sqrt(max(1 - a_p - sigma ** 2, 0.0)) * eps
    if sigma > 0:
        x = x + sigma * noise
    return x, x0


def ddpm_step(x, eps, t, t_prev, ab, noise=None, clip=True):
    """Ancestral step of the (strided) DDPM posterior q(x_prev | x_t, x0); no noise when t_prev = -1."""
    a_t, a_p = _ab(ab, t), _ab(ab, t_prev)
    x0, _ = predict_x0(x, eps, a_t, clip)
    alpha = a_t / a_p                      # alpha of this (strided) step
    beta = 1 - alpha
    mean = (math.sqrt(a_p) * beta / (1 - a_t)) * x0 + (math.sqrt(alpha) * (1 - a_p) / (1 - a_t)) * x
    var = beta * (1 - a_p) / (1 - a_t)
    if t_prev >= 0:
        mean = mean + math.sqrt(var) * noise
    return mean, x0


class DPMSolverPP2M:
    """DPM-Solver++(2M), data prediction, lambda = log(alpha/sigma); first step and the final
    step (to t = -1, sigma = 0) are first order, the final one simply returns x0."""

    def __init__(self, ab, clip=True):
        self.ab, self.clip = ab, clip
        self.prev_x0, self.prev_h = None, None

    def step(self, x, eps, t, t_prev):
        a_t = _ab(self.ab, t)
        x0, _ = predict_x0(x, eps, a_t, self.clip)
        if t_prev < 0:
            return x0, x0
        a_p = _ab(self.ab, t_prev)
        lam = lambda a: 0.5 * math.log(a / (1 - a))
        h = lam(a_p) - lam(a_t)
        d = x0
        if self.prev_x0 is not None:
            r = self.prev_h / h
            d = (1 + 1 / (2 * r)) * x0 - (1 / (2 * r)) * self.prev_x0
        x = math.sqrt((1 - a_p) / (1 - a_t)) * x - math.sqrt(a_p) * math.expm1(-h) * d
        self.prev_x0, self.prev_h = x0, h
        return x, x0


@torch.no_grad()
def sample(eps_fn, x, ab, steps=50, method="ddim", eta=0.0, generator=None, clip=True):
    """eps_fn(x, t) -> eps (guidance already applied). x: initial noise. -> final x."""
    ts = trailing_timesteps(len(ab), steps)
    solver = DPMSolverPP2M(ab, clip) if method == "dpmpp2m" else None
    for i, t in enumerate(ts):
        t_prev = ts[i + 1] if i + 1 < len(ts) else -1
        eps = eps_fn(x, t)
        if method == "ddim":
            noise = torch.randn(x.shape, generator=generator) if eta > 0 else None
            x, _ = ddim_step(x, eps, t, t_prev, ab, eta, noise, clip)
        elif method == "ddpm":
            x, _ = ddpm_step(x, eps, t, t_prev, ab, torch.randn(x.shape, generator=generator), clip)
        else:
            x, _ = solver.step(x, eps, t, t_prev)
    return x
