"""PyTorch Geometric twin of bench/HepgraphBench.java: same graphs, same architectures, same loop.

Usage: python bench/pyg_bench.py FILE MODEL MODE BATCH EPOCHS [WARMUP]
  MODEL ocgin|gae, MODE train|score; prints graphs/s in the same format as the Java side.

OCGIN: 3 GINConv(MLP[in, 32, 32], aggr="mean") with ReLU between them, global_mean_pool of every
layer concatenated, loss ||z - c||^2. Graph AE: GIN 32, 32, 4, decoder MLP 4 -> 32 -> F, per-graph
mean of the per-node mean squared error. Features standardised inside the model.
Train = Batch.from_data_list + forward + backward + Adam; score = collate + forward in no_grad.
WARMUP epochs (default 2) are not timed. Runs on 1 CPU thread (intra- and inter-op). Prints graphs per
second of wall-clock time and of process CPU time.
"""

import struct
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_num_interop_threads(1)

from torch import nn  # noqa: E402
from torch_geometric.data import Batch, Data  # noqa: E402
from torch_geometric.nn import GINConv, global_mean_pool  # noqa: E402


def read(path):
    raw = open(path, "rb").read()
    count, f = struct.unpack_from("<ii", raw, 0)
    off = 8
    graphs = []
    for _ in range(count):
        n, e = struct.unpack_from("<ii", raw, off)
        off += 8
        x = np.frombuffer(raw, dtype="<f4", count=n * f, offset=off).reshape(n, f)
        off += 4 * n * f
        ei = np.frombuffer(raw, dtype="<i8", count=2 * e, offset=off).reshape(2, e)
        off += 16 * e
        graphs.append(Data(x=torch.from_numpy(x.copy()), edge_index=torch.from_numpy(ei.copy())))
    return graphs, f


def mlp(*channels):
    layers = []
    for i in range(1, len(channels)):
        layers.append(nn.Linear(channels[i - 1], channels[i]))
        if i < len(channels) - 1:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class Model(nn.Module):
    def __init__(self, f, gae, mean, std):
        super().__init__()
        widths = [32, 32, 4] if gae else [32, 32, 32]
        self.gae = gae
        self.convs = nn.ModuleList()
        cin = f
        for w in widths:
            self.convs.append(GINConv(mlp(cin, w, w), aggr="mean"))
            cin = w
        self.decoder = mlp(4, 32, f) if gae else None
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)
        self.register_buffer("center", torch.full((sum(widths),), 0.1))

    def forward(self, batch):
        x = (batch.x - self.mean) / self.std
        h = x
        layers = []
        for i, conv in enumerate(self.convs):
            h = conv(h, batch.edge_index)
            if i < len(self.convs) - 1:
                h = h.relu()
            layers.append(h)
        if not self.gae:
            z = torch.cat([global_mean_pool(h, batch.batch, batch.num_graphs) for h in layers], 1)
            return (z - self.center).square().sum(1)
        rec = self.decoder(layers[-1])
        err = (rec - x).square().mean(1, keepdim=True)
        return global_mean_pool(err, batch.batch, batch.num_graphs).reshape(-1)


def main():
    path, model_name, mode, batch_size, epochs = sys.argv[1:6]
    batch_size, epochs = int(batch_size), int(epochs)
    warmup = int(sys.argv[6]) if len(sys.argv) > 6 else 2
    graphs, f = read(path)
    allx = torch.cat([g.x for g in graphs]).double()
    mean, std = allx.mean(0), allx.std(0, unbiased=False)
    std = torch.where(std > 1e-6, std, torch.ones_like(std))
    torch.manual_seed(0)
    model = Model(f, model_name == "gae", mean.float(), std.float())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    train = mode == "train"
    sink = 0.0
    start = cpu_start = 0.0
    for epoch in range(warmup + epochs):
        if epoch == warmup:
            start = time.perf_counter()
            cpu_start = time.process_time()
        for lo in range(0, len(graphs), batch_size):
            batch = Batch.from_data_list(graphs[lo : lo + batch_size])
            if train:
                loss = model(batch).mean()
                sink += loss.item()
                opt.zero_grad()
                loss.backward()
                opt.step()
            else:
                with torch.no_grad():
                    sink += float(model(batch).numpy()[0])
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(
        f"pyg {model_name} {mode} batch={batch_size} "
        f"graphs/s={epochs * len(graphs) / seconds:.1f} "
        f"cpu_graphs/s={epochs * len(graphs) / cpu_seconds:.1f} (check {sink:.4g})"
    )


if __name__ == "__main__":
    main()
