"""The graph autoencoder (Java ``org.hepgraph.models.GraphAutoencoder``).

    z_i = GIN_L(…GIN_1(x)…)_i        widths [hidden] * (layers − 1) + [latent]
    x̂_i = MLP([latent, hidden, F])(z_i)       (Linear → ReLU → Linear, no norm)
    loss(G) = score(G) = mean_{i ∈ G} mean_f (x̂_if − x_if)²   (x standardised)
"""
from __future__ import annotations

import torch
from torch_geometric.nn import MLP

from .gin import GinEncoder, Scaled, pool


class GraphAutoencoder(Scaled):
    def __init__(self, in_channels: int, hidden: int = 32, layers: int = 3, latent: int = 4,
                 aggregation="sum"):
        super().__init__(in_channels)
        widths = [hidden] * layers
        widths[-1] = latent
        self.encoder = GinEncoder(in_channels, widths, aggregation)
        self.decoder = MLP([latent, hidden, in_channels], act="relu", norm=None, plain_last=True)

    def loss_per_graph(self, b):
        x = self.scaled(b.x)
        z = self.encoder(x, b.edge_index)[-1]
        node_error = (self.decoder(z) - x).square().mean(1, keepdim=True)
        return pool(node_error, b.batch, b.num_graphs, "mean").reshape(b.num_graphs)

    def score(self, b):
        return self.loss_per_graph(b)

    def before_training(self, batches):
        pass
