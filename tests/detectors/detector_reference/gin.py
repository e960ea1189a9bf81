"""The GIN stack every detector shares (Java ``GinEncoder``) and the feature standardisation
(Java ``GraphAnomalyModel.scaledFeatures`` / ``FeatureScaling``, ``FeatureStats``).

``GinEncoder``: layer l is PyG's ``GINConv(MLP([in, w, w], norm=None), aggr)`` (ε = 0, fixed;
the MLP is Linear → ReLU → Linear), with a ReLU after every layer but the last; ``forward``
returns every layer's node embeddings ``[N, w_l]``.
"""
from __future__ import annotations

import numpy as np
import torch
from torch_geometric.nn import GINConv, MLP, global_add_pool, global_max_pool, global_mean_pool


class GinEncoder(torch.nn.Module):
    def __init__(self, in_channels: int, widths: list[int], aggr: str = "sum"):
        super().__init__()
        self.convs = torch.nn.ModuleList()
        last = in_channels
        for w in widths:
            mlp = MLP([last, w, w], act="relu", norm=None, plain_last=True)
            self.convs.append(GINConv(mlp, eps=0.0, train_eps=False,
                                      aggr="add" if aggr == "sum" else "mean"))
            last = w

    def forward(self, x, edge_index) -> list[torch.Tensor]:
        out, h = [], x
        for l, conv in enumerate(self.convs):
            h = conv(h, edge_index)
            if l < len(self.convs) - 1:
                h = torch.relu(h)
            out.append(h)
        return out


def pool(h, batch, num_graphs: int, how: str):
    """PyG's global pools by hepgraph's names (sum, mean, max)."""
    fn = {"sum": global_add_pool, "mean": global_mean_pool, "max": global_max_pool}[how]
    return fn(h, batch, size=num_graphs)


class Scaled(torch.nn.Module):
    """Holds the standardisation ``(x − mean) / std`` as buffers ``feature_mean``/``feature_std``."""

    def __init__(self, in_channels: int):
        super().__init__()
        self.register_buffer("feature_mean", torch.zeros(in_channels))
        self.register_buffer("feature_std", torch.ones(in_channels))

    def set_feature_scaling(self, x_all: np.ndarray):
        """Java ``FeatureStats.of``: population mean and std over every node, in float64, cast to
        float32; a std ≤ 1e-6 counts as 1 (``setFeatureScaling``)."""
        x = np.asarray(x_all, np.float64)
        mean = x.sum(0) / len(x)
        std = np.sqrt(np.maximum(0.0, (x * x).sum(0) / len(x) - mean * mean))
        mean32, std32 = mean.astype(np.float32), std.astype(np.float32)
        std32 = np.where(std32 > np.float32(1e-6), std32, np.float32(1.0))
        self.feature_mean.copy_(torch.from_numpy(mean32))
        self.feature_std.copy_(torch.from_numpy(std32))

    def scaled(self, x):
        return (x - self.feature_mean) / self.feature_std
