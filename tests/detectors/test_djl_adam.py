"""The reference optimiser (``detector_reference.adam``): DJL's Adam, which puts ε where
``torch.optim.Adam`` does not, and DJL's cosine schedule. No JVM here; the 50-step traces in
``test_detector_parity.py`` check it against Java."""
import math

import numpy as np
import torch

from detector_reference.adam import DjlAdam, cosine_lr


def one_step(grad: float, optimiser: str) -> float:
    w = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    w.grad = torch.tensor([grad], dtype=torch.float64)
    if optimiser == "djl":
        DjlAdam([w], lr=1e-3, cosine=False, total_steps=1, clip_norm=0).step()
    else:
        torch.optim.Adam([w], lr=1e-3, eps=1e-8).step()
    return float(w.detach()[0])


def test_the_first_step_is_djls_formula():
    g, lr, b1, b2, eps = 0.3, 1e-3, np.float32(0.9), np.float32(0.999), np.float32(1e-8)
    m, v = (1 - b1) * g, (1 - b2) * g * g
    rate = lr * math.sqrt(1 - float(b2)) / (1 - float(b1))
    assert abs(one_step(g, "djl") - (-rate * m / (math.sqrt(v) + float(eps)))) < 1e-12


def test_eps_placement_differs_from_torch_only_for_tiny_gradients():
    # large gradients: both step by ~lr
    assert abs(one_step(0.5, "djl") - one_step(0.5, "torch")) < 1e-9
    # |g| ~ ε: DJL adds ε to √v = √(1−β2)·|g| ≈ 0.03·|g|, torch to |g|: very different steps
    djl, pt = one_step(1e-8, "djl"), one_step(1e-8, "torch")
    assert abs(djl - pt) > 0.5 * abs(pt), (djl, pt)


def test_cosine_runs_from_lr_to_one_percent():
    assert cosine_lr(1e-3, 0, 50) == float(np.float32(1e-3))
    assert abs(cosine_lr(1e-3, 25, 50) - 0.505e-3) < 1e-9
    assert cosine_lr(1e-3, 50, 50) == cosine_lr(1e-3, 51, 50) == float(np.float32(np.float32(1e-3) * np.float32(0.01)))


def test_clipping_rescales_to_the_global_norm():
    a = torch.nn.Parameter(torch.zeros(2))
    b = torch.nn.Parameter(torch.zeros(1))
    a.grad, b.grad = torch.tensor([3.0, 0.0]), torch.tensor([4.0])
    opt = DjlAdam([a, b], clip_norm=1.0)
    assert opt.clip() == 5.0
    assert torch.allclose(torch.cat([a.grad, b.grad]), torch.tensor([0.6, 0.0, 0.8]))
