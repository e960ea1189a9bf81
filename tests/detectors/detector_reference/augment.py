"""GraphCL's views, drawn here (numpy, seeded) and handed to both sides as data, with the Java
augmentations' semantics (``org.hepgraph.transforms.augment``), applied in turn:

- node drop: ⌊rate·N⌋ nodes (at most N − 1) chosen without replacement are removed with their
  edges; kept nodes and edges keep their order;
- edge perturbation: ⌊drop·E⌋ edge columns removed, then ⌊add·E⌋ random ones appended (source
  uniform, target uniform among the other nodes; none when N < 2);
- feature mask: the rows of ⌊rate·N⌋ nodes replaced by ``fill`` (the training mean).
"""
from __future__ import annotations

import math

import numpy as np


def _choose(rng, n, k):
    mask = np.zeros(n, bool)
    if k > 0:
        mask[rng.choice(n, size=k, replace=False)] = True
    return mask


def augment(x: np.ndarray, ei: np.ndarray, rng, fill, node_drop=0.2, edge_drop=0.2,
            edge_add=0.2, feature_mask=0.2):
    """One view of a graph (``x [N, F]``, ``ei [2, E]`` local ids) → ``(x', ei')``."""
    n = len(x)
    drop = min(math.floor(node_drop * n), n - 1)
    if drop > 0:
        dropped = _choose(rng, n, drop)
        new_id = np.where(dropped, -1, np.cumsum(~dropped) - 1)
        x = x[~dropped]
        keep = (new_id[ei[0]] >= 0) & (new_id[ei[1]] >= 0)
        ei = new_id[ei[:, keep]]
        n = len(x)
    e = ei.shape[1]
    d = math.floor(edge_drop * e)
    a = 0 if n < 2 else math.floor(edge_add * e)
    if d or a:
        ei = ei[:, ~_choose(rng, e, d)]
        s = rng.integers(0, n, size=a)
        t = rng.integers(0, n - 1, size=a) if a else np.zeros(0, np.int64)
        t = np.where(t >= s, t + 1, t)
        ei = np.concatenate([ei, np.stack([s, t])], 1)
    m = math.floor(feature_mask * n)
    if m > 0:
        x = x.copy()
        x[_choose(rng, n, m)] = fill
    return x.astype(np.float32), ei.astype(np.int64)
