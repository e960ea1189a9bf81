"""Shared pieces of the layer and pool parity suites: the random batch, running one case on both
engines, and the comparison (which records the row of the report)."""

from __future__ import annotations

import parity_report

SECTION = "Layers and pools"
TOL = {"float32": 1e-5, "float64": 1e-12}
F = 3  # node features
D = 2  # edge features (layers with edge_dim)

parity_report.define(
    SECTION,
    """\
Every layer and option of `org.hepgraph.nn.LayerSpecs` (what `hg.from_pyg` builds), each global
pool and each activation, in float32 and float64: the same weights in PyG and in hepgraph (PyG's
own initialisation under a fixed seed, biases, attention vectors, ε and batch-norm statistics made
non-trivial, moved to Java through the data plane), on one random batch of 4 graphs (13 nodes):
isolated nodes, existing self loops, duplicate edges, a one-node graph and an empty graph
(0 nodes) inside the batch. The loss `Σ out ⊙ g` with the same random `g` on both sides is
differentiated (Java: `BridgeModel.forwardBackward`). Columns: the largest absolute difference of
the output, of the gradient with respect to the inputs (`x`, and `edge_attr` where the layer reads
it), and over the gradients of every weight; each row holds the larger of two runs, path `batch`
(the inputs as a planned hepgraph batch, `GraphBatch`, as in training) and `arrays` (raw arrays,
as `HepgraphModel.__call__`). Mode `eval`:
inference (dropout off, batch norm on running statistics); `train`: batch norm on batch
statistics (cases without dropout), and the running statistics after the step are also checked
within the tolerance. Test: `tests/test_layer_parity.py`,
`tests/test_pool_parity.py`.""",
    ["layer", "option", "mode", "dtype", "path", "output", "input grad", "weight grads",
     "tolerance"],
    """\
Documented differences (asserted as such, not loosened):

- `GCNConv(improved=True)` without edge weights: hepgraph applies the self-loop weight 2 of the
  formula; PyG 2.8.1's `gcn_norm` adds the remaining self loops with weight 1 whenever no
  `edge_weight` is passed, so `improved` has no effect there. The rows `improved, no weights`
  compare hepgraph with PyG given unit edge weights (where PyG does apply 2). `hg.from_pyg` maps a
  PyG `improved=True` layer to `improved=false` so that calls without weights give PyG's result,
  and refuses a call with `edge_attr` on such a model.
- Duplicate self loops with different edge weights in `GCNConv`: PyG keeps one of them by a
  scatter whose order is not defined; the batches here give each node at most one self loop where
  edge weights are used (duplicate ordinary edges and self loops without weights are included).

Found by this suite and fixed in the Java layers (each with a jvm-core test,
`Float64ExactnessTest`, `BatchNormTest`): float64 layers used float constants — GATConv's
negative slope, GIN/GINE's ε, leaky_relu's 0.01, LayerNorm's and SAGEConv's ε, the `1/degree` and
`1/size` weights of mean aggregation and mean pooling (`EdgePlan`) and batch norm's ε (DJL's
`BatchNorm` takes a float; hepgraph now has its own `BatchNorm` block) — off by 1e-12 to 4e-8
against PyG in float64. float32 results are unchanged.""",
    merge="path", errors=("output", "input grad", "weight grads"))


def make_batch(seed=0):
    """A PyG Batch of 4 graphs (float64; cast per case): graph 0 with 6 nodes (random edges, a
    duplicated edge, a self loop, node 5 isolated), graph 1 empty (0 nodes), graph 2 one isolated
    node, graph 3 with 6 nodes (random edges, a duplicate, node 3 with only a self loop, a
    doubled self loop on node 4)."""
    import torch
    from torch_geometric.data import Batch, Data

    g = torch.Generator().manual_seed(seed)

    def edges(n, count, avoid):
        nodes = torch.tensor([i for i in range(n) if i not in avoid])
        src = nodes[torch.randint(0, len(nodes), (count,), generator=g)]
        dst = nodes[torch.randint(0, len(nodes), (count,), generator=g)]
        keep = src != dst
        return torch.stack([src[keep], dst[keep]])

    e0 = edges(6, 10, avoid={5})
    e0 = torch.cat([e0, e0[:, :1], torch.tensor([[0], [0]])], 1)
    e3 = edges(6, 10, avoid={3})
    e3 = torch.cat([e3, e3[:, :2], torch.tensor([[3, 4, 4], [3, 4, 4]])], 1)
    datas = []
    for n, e in ((6, e0), (0, torch.zeros(2, 0, dtype=torch.long)),
                 (1, torch.zeros(2, 0, dtype=torch.long)), (6, e3)):
        perm = torch.randperm(e.shape[1], generator=g)
        e = e[:, perm]
        datas.append(Data(x=torch.randn(n, F, generator=g, dtype=torch.float64), edge_index=e,
                          edge_attr=torch.randn(e.shape[1], D, generator=g, dtype=torch.float64),
                          edge_weight=torch.rand(e.shape[1], generator=g,
                                                 dtype=torch.float64) + 0.5))
    return Batch.from_data_list(datas)


def doubled_self_loops(batch):
    """Edge ids of the second copy of a repeated self loop (dropped where edge weights are
    used, see the notes)."""
    import torch

    ei = batch.edge_index
    seen, drop = set(), []
    for e in range(ei.shape[1]):
        s, t = int(ei[0, e]), int(ei[1, e])
        if s == t:
            if s in seen:
                drop.append(e)
            seen.add(s)
    keep = torch.ones(ei.shape[1], dtype=torch.bool)
    keep[drop] = False
    return keep


def max_abs(a, b):
    import torch

    if a.numel() == 0 and b.numel() == 0:
        return 0.0
    assert a.shape == b.shape, f"shapes differ: hepgraph {tuple(a.shape)}, PyG {tuple(b.shape)}"
    return float((a.to(torch.float64) - b.to(torch.float64)).abs().max())


def compare(layer, option, path, mode, dtype, java, ref, weights):
    """Compares hepgraph's ``java`` results with PyG's ``ref`` ({"out", "x", ["edge_attr"],
    weight names}), records the row and asserts every error within the dtype's tolerance."""
    tol = TOL[dtype]
    # Every compared gradient is non-trivial in PyG, so a zero on both sides proves nothing away.
    for k in ["x"] + list(weights):
        assert bool(ref[k].abs().max() > 0), f"{layer} {option}: PyG's gradient of {k} is 0"
    out = max_abs(java["out"], ref["out"])
    inputs = max(max_abs(java[k], ref[k]) for k in ("x", "edge_attr") if k in ref)
    per_weight = {w: max_abs(java[w], ref[w]) for w in weights}
    wmax = max(per_weight.values(), default=0.0)
    parity_report.record(SECTION, {
        "layer": layer, "option": option, "path": path, "mode": mode, "dtype": dtype,
        "output": out, "input grad": inputs, "weight grads": wmax if weights else "-",
        "tolerance": f"{tol:.0e}"})
    assert out <= tol, f"{layer} {option}: output differs by {out:.3g} > {tol}"
    assert inputs <= tol, f"{layer} {option}: input gradient differs by {inputs:.3g} > {tol}"
    worst = max(per_weight, key=per_weight.get, default=None)
    assert wmax <= tol, f"{layer} {option}: gradient of {worst} differs by {wmax:.3g} > {tol}"
    return out, inputs, wmax
