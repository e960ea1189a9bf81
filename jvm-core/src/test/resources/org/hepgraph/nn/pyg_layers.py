"""Writes pyg-layers.txt: PyG layers with their options, their weights under hepgraph's parameter
names, random float64 inputs and PyG's outputs, read by PygParityTest.

Run with torch and torch_geometric installed (made with torch 2.7.1, torch_geometric 2.8.1):
    python pyg_layers.py > pyg-layers.txt
"""

import torch
from torch_geometric.nn import MLP, EdgeConv, GATConv, GCNConv, GINConv, GINEConv, SAGEConv

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)
N, F, E = 7, 3, 14


def graph(edge_kind):
    src = torch.randint(0, N, (E,))
    dst = torch.randint(0, N, (E,))
    # Self loops (one doubled) and a duplicate edge, to exercise the self-loop handling.
    src = torch.cat([src, torch.tensor([0, 3, 3, 1])])
    dst = torch.cat([dst, torch.tensor([0, 3, 3, src[0].item()])])
    dst[-1] = dst[0]
    src[-1] = src[0]
    e = src.numel()
    x = torch.randn(N, F)
    attr = None
    if edge_kind == "weight":
        attr = torch.rand(e) + 0.5
    elif edge_kind > 0:
        attr = torch.randn(e, edge_kind)
    return x, torch.stack([src, dst]), attr


def mlp_names(mlp, prefix):
    """PyG MLP parameter names → hepgraph's (children linear1, norm1, linear2, ...)."""
    order, names = [], {}
    for i in range(len(mlp.lins)):
        order.append(f"linear{i + 1}")
        if i < len(mlp.norms) and not isinstance(mlp.norms[i], torch.nn.Identity):
            order.append(f"norm{i + 1}")
    child = {c: f"{k + 1:02d}{c}" for k, c in enumerate(order)}
    for i in range(len(mlp.lins)):
        for p in ("weight", "bias"):
            names[f"lins.{i}.{p}"] = f"{prefix}{child[f'linear{i + 1}']}_{p}"
        norm = f"norm{i + 1}"
        if norm in child:
            base = f"{prefix}{child[norm]}_"
            bn = {"weight": "gamma", "bias": "beta", "running_mean": "runningMean",
                  "running_var": "runningVar"}
            for p, q in bn.items():
                names[f"norms.{i}.module.{p}"] = base + q
            names[f"norms.{i}.weight"] = base + "weight"
            names[f"norms.{i}.bias"] = base + "bias"
    return names


def cases():
    gcn = {"lin.weight": "01linear_weight"}
    yield "GCNConv weights", GCNConv(F, 4), "weight", gcn
    yield "GCNConv improved", GCNConv(F, 4, improved=True), "weight", gcn
    yield "GCNConv no self loops", GCNConv(F, 4, add_self_loops=False), "weight", gcn
    yield "GCNConv normalize=false", GCNConv(F, 4, normalize=False), "weight", gcn
    yield "GCNConv bias=false", GCNConv(F, 4, bias=False), 0, gcn
    gat = {"lin.weight": "01linear_weight", "lin_edge.weight": "02edge_weight"}
    yield "GATConv 2 heads", GATConv(F, 4, heads=2), 0, gat
    yield "GATConv edgeDim mean", GATConv(F, 4, heads=2, concat=False, edge_dim=2), 2, gat
    yield "GATConv no self loops", GATConv(F, 4, add_self_loops=False, negative_slope=0.1), 0, gat
    yield "GINConv batch-norm MLP", GINConv(MLP([F, 5, 4]), eps=0.3, train_eps=True), 0, None
    layer = MLP([F, 5, 4], norm="layer_norm", act="tanh")
    yield "GINConv layer-norm MLP max", GINConv(layer, aggr="max"), 0, None
    edge = {"lin.weight": "02edge_weight", "lin.bias": "02edge_bias"}
    yield "GINEConv edgeDim", GINEConv(MLP([F, 5, 4]), edge_dim=2, train_eps=True), 2, edge
    yield "GINEConv no edgeDim", GINEConv(MLP([F, 5, 4], norm=None), eps=0.5), F, {}
    plain = MLP([2 * F, 5, 4], norm=None, plain_last=False)
    yield "EdgeConv max", EdgeConv(plain), 0, None
    yield "EdgeConv mean", EdgeConv(MLP([2 * F, 5, 4], plain_last=False), aggr="mean"), 0, None
    sage = {"lin_l.weight": "01neighbour_weight", "lin_l.bias": "01neighbour_bias",
            "lin_r.weight": "02root_weight", "lin.weight": "03project_weight",
            "lin.bias": "03project_bias"}
    yield "SAGEConv mean", SAGEConv(F, 4), 0, sage
    yield "SAGEConv project normalize max", SAGEConv(F, 4, project=True, normalize=True,
                                                     aggr="max"), 0, sage
    no_root = {"lin_l.weight": "01neighbour_weight", "lin.weight": "02project_weight",
               "lin.bias": "02project_bias"}
    yield "SAGEConv sum no root no bias project", SAGEConv(F, 4, aggr="sum", root_weight=False,
                                                           bias=False, project=True), 0, no_root


def line(role, name, t):
    shape = ",".join(str(s) for s in t.shape) or "1"
    values = " ".join(repr(v) for v in t.detach().double().flatten().tolist())
    return f"{role} {name} {shape} {values}"


def main():
    for label, layer, edge_kind, names in cases():
        layer = layer.double().eval()
        if names is None or hasattr(layer, "nn"):
            names = dict(names or {})
            names.update({f"nn.{k}": v for k, v in mlp_names(layer.nn, "01mlp_").items()})
        with torch.no_grad():
            for p in layer.parameters():
                p.copy_(torch.randn_like(p) * 0.7)
            for n, b in layer.named_buffers():
                if n.endswith("running_mean"):
                    b.copy_(torch.randn_like(b) * 0.3)
                elif n.endswith("running_var"):
                    b.copy_(torch.rand_like(b) + 0.5)
        x, edge_index, attr = graph(edge_kind)
        out = layer(x, edge_index) if attr is None else layer(x, edge_index, attr)
        print(f"case {label}")
        print(line("input", "x", x))
        print(line("input", "edgeIndex", edge_index))
        if attr is not None:
            print(line("input", "edgeAttr", attr))
        tensors = dict(layer.named_parameters())
        tensors.update({n: b for n, b in layer.named_buffers() if "running" in n})
        for n, t in tensors.items():
            print(line("param", names.get(n, n), t))
        print(line("output", "out", out))


if __name__ == "__main__":
    main()
