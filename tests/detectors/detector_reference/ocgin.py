"""OCGIN (Java ``org.hepgraph.models.OCGIN``): a GIN encoder with the Deep SVDD loss.

    z_G = ‖_l pool_{i ∈ G} h_i^(l)     (sum pool with aggregation sum, mean with mean)
    loss(G) = score(G) = ‖z_G − c‖²

c is the mean embedding of the training graphs under the initial weights, accumulated in float32
batch by batch as Java does, with coordinates closer to 0 than 0.1 pushed to ±0.1 (0 → +0.1).
"""
from __future__ import annotations

import numpy as np
import torch

from .gin import GinEncoder, Scaled, pool


class OCGIN(Scaled):
    def __init__(self, in_channels: int, hidden: int = 32, layers: int = 3, aggregation="sum"):
        super().__init__(in_channels)
        self.aggregation = aggregation
        self.encoder = GinEncoder(in_channels, [hidden] * layers, aggregation)
        self.register_buffer("center", torch.zeros(hidden * layers))

    def embed(self, b):
        hs = self.encoder(self.scaled(b.x), b.edge_index)
        return torch.cat([pool(h, b.batch, b.num_graphs, self.aggregation) for h in hs], 1)

    def loss_per_graph(self, b):
        return (self.embed(b) - self.center).square().sum(1)

    def score(self, b):
        return self.loss_per_graph(b)

    @torch.no_grad()
    def before_training(self, batches):
        total = np.zeros(self.center.numel(), np.float32)
        count = 0
        for b in batches:
            # Java reads each batch's sum as float32 and accumulates in a float[]
            total += self.embed(b).sum(0).to(torch.float32).numpy()
            count += b.num_graphs
        c = total / np.float32(count) if count else total
        c = np.where(np.abs(c) < np.float32(0.1), np.where(c < 0, -0.1, 0.1), c).astype(np.float32)
        self.center.copy_(torch.from_numpy(c))
