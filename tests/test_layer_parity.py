"""Parity of every hepgraph layer and option (org.hepgraph.nn.LayerSpecs, what hg.from_pyg builds)
with PyTorch Geometric 2.8.1: outputs and the gradients of ``Σ out ⊙ g`` with respect to the
inputs and every weight, float32 within 1e-5 and float64 within 1e-12, on a batch with isolated
nodes, self loops, duplicate edges, a one-node and an empty graph (parity_layers.make_batch).
Weights go to Java through the data plane; the Java side runs BridgeModel.forwardBackward, on a
planned batch (``batch``) and on raw arrays (``arrays``)."""

import pytest

torch = pytest.importorskip("torch")
pyg_nn = pytest.importorskip("torch_geometric.nn")

from parity_layers import (  # noqa: E402
    D, F, TOL, compare, doubled_self_loops, make_batch, max_abs)

from hepgraph import pyg as hg_pyg  # noqa: E402

C = 4  # output channels


def mlp(channels, **kw):
    return lambda: pyg_nn.MLP(channels, **kw)


# (layer, option, PyG module factory, inputs, mode, spec override)
# inputs: "graph" (x, edge_index), "attr" (+ edge_attr [E, D] or [E, F]), "weight" (+ edge
# weights [E]), "node" (x).
CASES = [
    ("GCNConv", "default", lambda: pyg_nn.GCNConv(F, C), "graph", "eval", None),
    ("GCNConv", "bias=False", lambda: pyg_nn.GCNConv(F, C, bias=False), "graph", "eval", None),
    ("GCNConv", "normalize=False", lambda: pyg_nn.GCNConv(F, C, normalize=False), "graph",
     "eval", None),
    ("GCNConv", "add_self_loops=False", lambda: pyg_nn.GCNConv(F, C, add_self_loops=False),
     "graph", "eval", None),
    ("GCNConv", "edge weights", lambda: pyg_nn.GCNConv(F, C), "weight", "eval", None),
    ("GCNConv", "improved, edge weights", lambda: pyg_nn.GCNConv(F, C, improved=True), "weight",
     "eval", {"improved": True}),
    ("GCNConv", "improved, no weights", lambda: pyg_nn.GCNConv(F, C, improved=True), "unit",
     "eval", {"improved": True}),
    ("GCNConv", "normalize=False, edge weights", lambda: pyg_nn.GCNConv(F, C, normalize=False),
     "weight", "eval", None),
    ("GCNConv", "add_self_loops=False, edge weights",
     lambda: pyg_nn.GCNConv(F, C, add_self_loops=False), "weight", "eval", None),
    ("GATConv", "default", lambda: pyg_nn.GATConv(F, C), "graph", "eval", None),
    ("GATConv", "heads=3", lambda: pyg_nn.GATConv(F, C, heads=3), "graph", "eval", None),
    ("GATConv", "heads=3, concat=False", lambda: pyg_nn.GATConv(F, C, heads=3, concat=False),
     "graph", "eval", None),
    ("GATConv", "negative_slope=0.1", lambda: pyg_nn.GATConv(F, C, negative_slope=0.1), "graph",
     "eval", None),
    ("GATConv", "add_self_loops=False", lambda: pyg_nn.GATConv(F, C, add_self_loops=False),
     "graph", "eval", None),
    ("GATConv", "bias=False", lambda: pyg_nn.GATConv(F, C, bias=False), "graph", "eval", None),
    ("GATConv", "dropout=0.5", lambda: pyg_nn.GATConv(F, C, dropout=0.5), "graph", "eval", None),
    ("GATConv", "edge_dim=2", lambda: pyg_nn.GATConv(F, C, edge_dim=D), "attr", "eval", None),
    ("GATConv", "edge_dim=2, heads=2, add_self_loops=False",
     lambda: pyg_nn.GATConv(F, C, heads=2, edge_dim=D, add_self_loops=False), "attr", "eval",
     None),
    ("SAGEConv", "default (mean)", lambda: pyg_nn.SAGEConv(F, C), "graph", "eval", None),
    ("SAGEConv", "aggr=sum", lambda: pyg_nn.SAGEConv(F, C, aggr="sum"), "graph", "eval", None),
    ("SAGEConv", "aggr=max", lambda: pyg_nn.SAGEConv(F, C, aggr="max"), "graph", "eval", None),
    ("SAGEConv", "normalize=True", lambda: pyg_nn.SAGEConv(F, C, normalize=True), "graph",
     "eval", None),
    ("SAGEConv", "root_weight=False", lambda: pyg_nn.SAGEConv(F, C, root_weight=False), "graph",
     "eval", None),
    ("SAGEConv", "project=True", lambda: pyg_nn.SAGEConv(F, C, project=True), "graph", "eval",
     None),
    ("SAGEConv", "bias=False", lambda: pyg_nn.SAGEConv(F, C, bias=False), "graph", "eval", None),
    ("GINConv", "default (nn: MLP batch_norm)", lambda: pyg_nn.GINConv(mlp([F, 8, C])()), "graph",
     "eval", None),
    ("GINConv", "batch norm, training", lambda: pyg_nn.GINConv(mlp([F, 8, C])()), "graph",
     "train", None),
    ("GINConv", "eps=0.3", lambda: pyg_nn.GINConv(mlp([F, 8, C], norm=None)(), eps=0.3), "graph",
     "eval", None),
    ("GINConv", "train_eps=True, eps=0.1",
     lambda: pyg_nn.GINConv(mlp([F, 8, C], norm=None)(), eps=0.1, train_eps=True), "graph",
     "eval", None),
    ("GINConv", "aggr=mean", lambda: pyg_nn.GINConv(mlp([F, 8, C], norm=None)(), aggr="mean"),
     "graph", "eval", None),
    ("GINConv", "aggr=max", lambda: pyg_nn.GINConv(mlp([F, 8, C], norm=None)(), aggr="max"),
     "graph", "eval", None),
    ("GINEConv", "no edge_dim (edge_attr [E, F])",
     lambda: pyg_nn.GINEConv(mlp([F, 8, C], norm=None)()), "attr_f", "eval", None),
    ("GINEConv", "edge_dim=2", lambda: pyg_nn.GINEConv(mlp([F, 8, C], norm=None)(), edge_dim=D),
     "attr", "eval", None),
    ("GINEConv", "edge_dim=2, train_eps=True, eps=0.2",
     lambda: pyg_nn.GINEConv(mlp([F, 8, C], norm=None)(), edge_dim=D, eps=0.2, train_eps=True),
     "attr", "eval", None),
    ("GINEConv", "batch norm, training", lambda: pyg_nn.GINEConv(mlp([F, 8, C])(), edge_dim=D),
     "attr", "train", None),
    ("EdgeConv", "default (max)", lambda: pyg_nn.EdgeConv(mlp([2 * F, 8, C], norm=None)()),
     "graph", "eval", None),
    ("EdgeConv", "aggr=mean",
     lambda: pyg_nn.EdgeConv(mlp([2 * F, 8, C], norm=None)(), aggr="mean"), "graph", "eval",
     None),
    ("EdgeConv", "aggr=add",
     lambda: pyg_nn.EdgeConv(mlp([2 * F, 8, C], norm=None)(), aggr="add"), "graph", "eval",
     None),
    ("EdgeConv", "nn with batch norm", lambda: pyg_nn.EdgeConv(mlp([2 * F, 8, C])()), "graph",
     "eval", None),
    ("MLP", "default (batch_norm, relu)", mlp([F, 8, 8, C]), "node", "eval", None),
    ("MLP", "batch_norm, training", mlp([F, 8, 8, C]), "node", "train", None),
    ("MLP", "norm=layer_norm", mlp([F, 8, 8, C], norm="layer_norm"), "node", "eval", None),
    ("MLP", "norm=layer_norm, training", mlp([F, 8, 8, C], norm="layer_norm"), "node", "train",
     None),
    ("MLP", "norm=None", mlp([F, 8, C], norm=None), "node", "eval", None),
    ("MLP", "plain_last=False", mlp([F, 8, C], plain_last=False), "node", "eval", None),
    ("MLP", "bias=False", mlp([F, 8, C], bias=False), "node", "eval", None),
    ("MLP", "dropout=0.5", mlp([F, 8, C], dropout=0.5), "node", "eval", None),
    ("Linear", "default", lambda: pyg_nn.Linear(F, C), "node", "eval", None),
    ("Linear", "bias=False", lambda: pyg_nn.Linear(F, C, bias=False), "node", "eval", None),
] + [
    ("MLP", f"act={a}", mlp([F, 8, C], norm=None, act=a), "node", "eval", None)
    for a in ("leaky_relu", "elu", "gelu", "silu", "tanh", "sigmoid")
] + [
    ("act", name, getattr(torch.nn, name), "node", "eval", None)
    for name in ("ReLU", "LeakyReLU", "ELU", "GELU", "SiLU", "Tanh", "Sigmoid")
]


def _randomise(module, seed):
    """PyG's initialisation plus non-trivial biases, attention vectors, ε and batch-norm
    statistics (PyG starts several at 0 or 1, which would hide mapping errors)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            leaf = name.rsplit(".", 1)[-1]
            if leaf in ("bias", "eps") or leaf.startswith("att_"):
                p.add_(torch.randn(p.shape, generator=g, dtype=p.dtype) * 0.3)
            elif "norms" in name and leaf == "weight":
                p.add_(torch.randn(p.shape, generator=g, dtype=p.dtype) * 0.2)
        for name, b in module.named_buffers():
            if name.endswith("running_mean"):
                b.copy_(torch.randn(b.shape, generator=g, dtype=b.dtype) * 0.3)
            elif name.endswith("running_var"):
                b.copy_(torch.rand(b.shape, generator=g, dtype=b.dtype) + 0.5)
    return module


@pytest.fixture(scope="module")
def batch():
    return make_batch(seed=0)


def _ids(c):
    return f"{c[0]}[{c[1]}]"


@pytest.mark.parametrize("path", ["batch", "arrays"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_layer_matches_pyg(case, dtype, path, batch):
    layer, option, factory, inputs, mode, override = case
    tdtype = getattr(torch, dtype)
    torch.manual_seed(1)
    module = _randomise(factory().to(tdtype), seed=2)
    module.train(mode == "train")

    edge_index, ea = batch.edge_index, None
    if inputs in ("weight", "unit"):
        # one self loop per node where weights are used (docs/parity.md)
        keep = doubled_self_loops(batch)
        edge_index = edge_index[:, keep]
        ea = batch.edge_weight[keep] if inputs == "weight" else torch.ones(int(keep.sum()))
    elif inputs == "attr":
        ea = batch.edge_attr
    elif inputs == "attr_f":
        ea = torch.randn(edge_index.shape[1], F, generator=torch.Generator().manual_seed(3),
                         dtype=torch.float64)
    x = batch.x.to(tdtype).clone().requires_grad_()
    ea = None if ea is None else ea.to(tdtype).clone().requires_grad_()

    steps = hg_pyg._steps(module, None)
    if override:
        steps[0][0].update(override)
    model = hg_pyg._build(module, steps, dtype)  # built before PyG's forward may move BN stats
    before = {n: b.clone() for n, b in module.named_buffers()}
    try:
        if inputs == "node":
            out = module(x)
        elif inputs == "unit":
            # hepgraph's improved=True without weights == PyG's with unit weights (documented)
            out = module(x, edge_index, ea)
        else:
            out = module(x, edge_index) if ea is None else module(x, edge_index, ea)
        g = torch.randn(out.shape, generator=torch.Generator().manual_seed(4), dtype=tdtype)
        (out * g).sum().backward()
        weights = [n for n, _ in module.named_parameters()]
        ref = {"out": out.detach(), "x": x.grad}
        if ea is not None and inputs != "unit":
            ref["edge_attr"] = ea.grad if ea.grad is not None else torch.zeros_like(ea)
        for n, p in module.named_parameters():
            ref[n] = p.grad if p.grad is not None else torch.zeros_like(p)
        java_ea = None if (ea is None or inputs == "unit") else ea.detach()
        kw = ({"ptr": batch.ptr} if path == "batch"
              else {"batch": batch.batch, "num_graphs": batch.num_graphs})
        java = model.forward_backward(x.detach(), edge_index, g, edge_attr=java_ea,
                                      training=mode == "train", **kw)
        assert java["out"].dtype == tdtype and java["x"].dtype == tdtype
        compare(layer, option, path, mode, dtype, java, ref, weights)
        if mode == "train":
            # one training step moved the running statistics the same way on both sides
            state = model.state_dict()
            moved = [n for n, _ in module.named_buffers() if n.endswith(("running_mean",
                                                                        "running_var"))]
            for n in moved:
                assert max_abs(before[n], module.get_buffer(n)) > 0, f"{n} did not move"
                err = max_abs(state[n], module.get_buffer(n))
                assert err <= TOL[dtype], f"{layer} {option}: {n} differs by {err:.3g}"
    finally:
        model.close()
