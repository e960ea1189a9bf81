"""Parity of hepgraph's global pools (add, mean, max) with PyG's global_*_pool, alone and after a
graph layer in a Sequential chain: outputs and gradients (inputs and weights) within 1e-5
(float32) and 1e-12 (float64) on the parity batch, whose empty graph must pool to 0 in both."""

import pytest

torch = pytest.importorskip("torch")
pyg_nn = pytest.importorskip("torch_geometric.nn")

from parity_layers import F, compare, make_batch  # noqa: E402

from hepgraph import pyg as hg_pyg  # noqa: E402

POOLS = {"add": "global_add_pool", "mean": "global_mean_pool", "max": "global_max_pool"}


@pytest.fixture(scope="module")
def batch():
    return make_batch(seed=0)


def _kw(path, batch):
    return ({"ptr": batch.ptr} if path == "batch"
            else {"batch": batch.batch, "num_graphs": batch.num_graphs})


@pytest.mark.parametrize("path", ["batch", "arrays"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("reduce", list(POOLS))
def test_pool_matches_pyg(reduce, dtype, path, batch):
    tdtype = getattr(torch, dtype)
    fn = getattr(pyg_nn, POOLS[reduce])
    x = batch.x.to(tdtype).clone().requires_grad_()
    out = fn(x, batch.batch, batch.num_graphs)
    assert out.shape[0] == 4 and bool((out[1] == 0).all()), "PyG pools the empty graph to 0"
    g = torch.randn(out.shape, generator=torch.Generator().manual_seed(4), dtype=tdtype)
    (out * g).sum().backward()
    model = hg_pyg._build(None, [({"type": "pool", "reduce": reduce}, {}, None)], dtype)
    try:
        java = model.forward_backward(x.detach(), batch.edge_index, g, **_kw(path, batch))
    finally:
        model.close()
    assert java["out"].shape == out.shape
    compare(POOLS[reduce], "-", path, "eval", dtype, java, {"out": out.detach(), "x": x.grad}, [])


@pytest.mark.parametrize("path", ["batch", "arrays"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("reduce", list(POOLS))
def test_chain_with_pool_matches_pyg(reduce, dtype, path, batch):
    """GATConv → ReLU → pool → Linear as a torch_geometric.nn.Sequential (hg.from_pyg's chain)."""
    tdtype = getattr(torch, dtype)
    torch.manual_seed(5)
    seq = pyg_nn.Sequential("x, edge_index, batch", [
        (pyg_nn.GATConv(F, 4, heads=2), "x, edge_index -> x"),
        torch.nn.ReLU(),
        (getattr(pyg_nn, POOLS[reduce]), "x, batch -> x"),
        (pyg_nn.Linear(8, 3), "x -> x"),
    ]).to(tdtype).eval()
    with torch.no_grad():
        for name, p in seq.named_parameters():
            if name.endswith("bias") or ".att_" in name:
                p.add_(torch.randn(p.shape, generator=torch.Generator().manual_seed(6),
                                   dtype=tdtype) * 0.3)
    model = hg_pyg.from_pyg(seq, dtype=dtype)
    try:
        x = batch.x.to(tdtype).clone().requires_grad_()
        # PyG's Sequential passes no size to the pool: give the batch's graph count explicitly.
        h = x
        for i, child in enumerate(seq._children):
            m = getattr(seq, child.name)
            if i == 0:
                h = m(h, batch.edge_index)
            elif i == 2:
                h = m(h, batch.batch, batch.num_graphs)
            else:
                h = m(h)
        out = h
        g = torch.randn(out.shape, generator=torch.Generator().manual_seed(4), dtype=tdtype)
        (out * g).sum().backward()
        ref = {"out": out.detach(), "x": x.grad}
        weights = [n for n, _ in seq.named_parameters()]
        ref.update({n: p.grad for n, p in seq.named_parameters()})
        java = model.forward_backward(x.detach(), batch.edge_index, g, **_kw(path, batch))
    finally:
        model.close()
    compare(f"GATConv → ReLU → {POOLS[reduce]} → Linear", "heads=2", path, "eval", dtype, java,
            ref, weights)
