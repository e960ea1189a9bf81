"""The optimiser step of hepgraph's ``TrainingLoop`` (DJL 0.36 ``Adam`` over libtorch), re-done in
torch so that a PyG model can follow a Java trace.

DJL's Adam differs from ``torch.optim.Adam`` in where ε goes (documented in DJL's ``Adam`` and its
native ``adamUpdate``): it folds both bias corrections into the learning rate and adds ε to the
*uncorrected* √v::

    m ← β1·m + (1−β1)·g;   v ← β2·v + (1−β2)·g²
    w ← w − m · lr_t·√(1−β2^t)/(1−β1^t) / (√v + ε)

torch adds ε to √v̂ = √v/√(1−β2^t), i.e. an effective ε·√(1−β2^t) here. The difference matters
only while √v is near ε, but it is real, so the reference uses DJL's form, with DJL's float32
scalars (β as float32, 1−β in float32, the corrected rate rounded to float32).

Before the update the loop clips by the global norm: ‖g‖ summed in float64 over every trainable
gradient; if it exceeds ``clip_norm`` (> 0) every gradient is multiplied by float32(clip/‖g‖).

The rate follows DJL's ``CosineTracker`` (float32 arithmetic) from ``lr`` to ``lr·0.01`` over
``total_steps`` updates, or stays at ``lr``.
"""
from __future__ import annotations

import math

import numpy as np
import torch

f32 = np.float32


def cosine_lr(lr: float, t: int, total: int) -> float:
    base = f32(lr)
    final = f32(base * f32(0.01))
    if t > total:
        return float(final)
    step = f32((base - final) / f32(2))
    cos = f32(math.cos(math.pi * t / total))
    return float(f32(final + f32(step * f32(f32(1) + cos))))


class DjlAdam:
    def __init__(self, params, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, cosine=True,
                 total_steps=1, clip_norm=5.0):
        self.params = [p for p in params if p.requires_grad]
        self.lr, self.cosine, self.total = lr, cosine, total_steps
        self.b1, self.b2, self.eps = f32(beta1), f32(beta2), f32(eps)
        self.clip_norm = clip_norm
        self.t = 0
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]

    def clip(self):
        grads = [p.grad for p in self.params]
        sq = sum(float(g.to(torch.float64).square().sum()) for g in grads)
        norm = math.sqrt(sq)
        if self.clip_norm > 0 and norm > self.clip_norm:
            scale = float(f32(self.clip_norm / norm))
            for g in grads:
                g.mul_(scale)
        return norm

    @torch.no_grad()
    def step(self):
        self.clip()
        self.t += 1
        t = self.t
        lr_t = cosine_lr(self.lr, t, self.total) if self.cosine else float(f32(self.lr))
        coef1 = 1.0 - math.pow(float(self.b1), t)
        coef2 = 1.0 - math.pow(float(self.b2), t)
        lrbc = float(f32(lr_t * math.sqrt(coef2) / coef1))
        one_b1, one_b2 = float(f32(1) - self.b1), float(f32(1) - self.b2)
        for p, m, v in zip(self.params, self.m, self.v):
            g = p.grad
            m.mul_(float(self.b1)).add_(g, alpha=one_b1)
            v.mul_(float(self.b2)).addcmul_(g, g, value=one_b2)
            p.sub_(m.mul(lrbc).div(v.sqrt().add(float(self.eps))))
            p.grad = None
