"""GLocalKD (Java ``org.hepgraph.detectors.glocalkd.GLocalKD``): a frozen random teacher GIN and
a trained student GIN of the same architecture.

    h_v = normalize(GIN_L(x)_v)       last layer, unit L2 norm (F.normalize, eps 1e-12)
    h_G = pool_{v ∈ G} h_v            sum (default), max or mean
    err(G) = ‖h_G^S − h_G^T‖² + λ · mean_{v ∈ G} ‖h_v^S − h_v^T‖²
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from .gin import GinEncoder, Scaled, pool


class GLocalKD(Scaled):
    def __init__(self, in_channels: int, hidden: int = 32, layers: int = 3, aggregation="sum",
                 pooling="sum", node_weight: float = 1.0):
        super().__init__(in_channels)
        self.pooling = pooling
        self.node_weight = node_weight
        self.teacher = GinEncoder(in_channels, [hidden] * layers, aggregation)
        self.student = GinEncoder(in_channels, [hidden] * layers, aggregation)
        self.teacher.requires_grad_(False)

    def loss_per_graph(self, b):
        x = self.scaled(b.x)
        hs = F.normalize(self.student(x, b.edge_index)[-1], p=2.0, dim=1, eps=1e-12)
        with torch.no_grad():
            ht = F.normalize(self.teacher(x, b.edge_index)[-1], p=2.0, dim=1, eps=1e-12)
        graph_error = (pool(hs, b.batch, b.num_graphs, self.pooling)
                       - pool(ht, b.batch, b.num_graphs, self.pooling)).square().sum(1)
        node_error = (hs - ht).square().sum(1, keepdim=True)
        per_graph = pool(node_error, b.batch, b.num_graphs, "mean").reshape(-1)
        lam = torch.tensor(float(np.float32(self.node_weight)), dtype=x.dtype)  # a Java float
        return graph_error + per_graph * lam

    def score(self, b):
        return self.loss_per_graph(b)

    def before_training(self, batches):
        pass
