"""GraphCL (Java ``org.hepgraph.detectors.graphcl.GraphCL``, ``NtXent``, ``KnnDistance``).

    z_G = ‖_l pool_{v ∈ G} h_v^(l)               sum pool (aggregation sum) or mean
    p_G = MLP([D, D, D])(z_G)                    projection head, Linear → ReLU → Linear
    u_i = p_i / sqrt(‖p_i‖² + 1e-12),  s_ij = (u_i · u_j) · (1/τ)     over the 2B rows [p1; p2]
    loss = −(1/2B) Σ_i log_softmax_j(s_ij − 1e9·[j = i])_{pos(i)},   pos(i) = i ± B
    score(G) = mean of the k smallest ‖z_G − r‖ over the bank rows r (training embeddings),
               computed as Java does: float64, centred on the bank mean, ‖q‖² + ‖r‖² − 2 q·r ≥ 0
"""
from __future__ import annotations

import numpy as np
import torch

from .gin import GinEncoder, Scaled, pool
from torch_geometric.nn import MLP


class GraphCL(Scaled):
    def __init__(self, in_channels: int, hidden: int = 32, layers: int = 3, aggregation="sum",
                 temperature: float = 0.2, neighbours: int = 5):
        super().__init__(in_channels)
        self.aggregation = aggregation
        self.temperature = temperature
        self.neighbours = neighbours
        self.encoder = GinEncoder(in_channels, [hidden] * layers, aggregation)
        width = hidden * layers
        self.projection = MLP([width, width, width], act="relu", norm=None, plain_last=True)

    def embed(self, b):
        hs = self.encoder(self.scaled(b.x), b.edge_index)
        return torch.cat([pool(h, b.batch, b.num_graphs, self.aggregation) for h in hs], 1)

    def contrastive_loss(self, first, second):
        p1 = self.projection(self.embed(first))
        p2 = self.projection(self.embed(second))
        return nt_xent(p1, p2, self.temperature).reshape(1)

    @torch.no_grad()
    def score(self, b, bank: torch.Tensor):
        return knn_mean_distance(self.embed(b), bank, self.neighbours)

    def before_training(self, batches):
        pass


def nt_xent(z1, z2, temperature: float):
    b = z1.shape[0]
    n = 2 * b
    z = torch.cat([z1, z2], 0)
    eps = torch.tensor(float(np.float32(1e-12)), dtype=z.dtype)  # Java's 1e-12f
    u = z / (z.square().sum(1, keepdim=True) + eps).sqrt()
    inv_t = torch.tensor(np.float32(1.0) / np.float32(temperature), dtype=z.dtype)
    sim = (u @ u.T) * inv_t
    self_mask = torch.diag(torch.full((n,), -1e9, dtype=z.dtype))
    positive = torch.zeros(n, n, dtype=z.dtype)
    idx = torch.arange(n)
    positive[idx, (idx + b) % n] = 1.0
    logp = torch.log_softmax(sim + self_mask, dim=1)
    return -(logp * positive).sum() / torch.tensor(float(n), dtype=z.dtype)


def knn_mean_distance(queries, bank, k: int):
    bank64 = bank.to(torch.float64)
    centre = bank64.mean(0, keepdim=True)
    ref = bank64 - centre
    q = queries.to(torch.float64) - centre
    d2 = q.square().sum(1, keepdim=True) + ref.square().sum(1).reshape(1, -1) - 2 * (q @ ref.T)
    nearest = d2.clamp_min(0).topk(k, dim=1, largest=False).values
    return nearest.sqrt().mean(1).to(queries.dtype)
