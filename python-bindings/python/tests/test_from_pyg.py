"""hg.from_pyg: PyG layers, Sequential and basic models rebuilt in the Java engine give PyG's
outputs (float32, 1e-5) on a small batch with isolated nodes and self loops; to_pyg() gives the
Java weights back; what cannot be mapped is refused with the PyG class or option named."""

import pytest

torch = pytest.importorskip("torch")
pyg_nn = pytest.importorskip("torch_geometric.nn")

import hepgraph as hg  # noqa: E402
from hepgraph.errors import InvalidArgumentError  # noqa: E402

F = 3


def _batch():
    """Three graphs (12 nodes): random edges, self loops (one doubled), nodes 4, 9 and 11
    isolated (11 is a one-node graph)."""
    g = torch.Generator().manual_seed(1)
    src = torch.randint(0, 4, (8,), generator=g)
    dst = torch.randint(0, 4, (8,), generator=g)
    src2 = torch.randint(5, 9, (6,), generator=g)
    dst2 = torch.randint(5, 9, (6,), generator=g)
    src = torch.cat([src, src2, torch.tensor([0, 6, 6])])
    dst = torch.cat([dst, dst2, torch.tensor([0, 6, 6])])
    keep = (src != 4) & (dst != 4)
    x = torch.randn(12, F, generator=g)
    batch = torch.tensor([0] * 5 + [1] * 6 + [2])
    return x, torch.stack([src[keep], dst[keep]]), batch


def _randomise(module, seed=0):
    """Random weights and batch-norm statistics, so that defaults (zero bias, unit stats) hide
    no mapping error; eval mode."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * 0.7)
        for n, b in module.named_buffers():
            if n.endswith("running_mean"):
                b.copy_(torch.randn(b.shape, generator=g) * 0.3)
            elif n.endswith("running_var"):
                b.copy_(torch.rand(b.shape, generator=g) + 0.5)
    return module.eval()


def _layers():
    MLP = pyg_nn.MLP
    return {
        "GCNConv": lambda: pyg_nn.GCNConv(F, 4),
        "GCNConv improved no bias": lambda: pyg_nn.GCNConv(F, 4, improved=True, bias=False),
        "GCNConv normalize=False": lambda: pyg_nn.GCNConv(F, 4, normalize=False),
        "GATConv 2 heads": lambda: pyg_nn.GATConv(F, 4, heads=2),
        "GATConv mean heads slope": lambda: pyg_nn.GATConv(F, 4, heads=2, concat=False,
                                                          negative_slope=0.1),
        "GATConv no self loops": lambda: pyg_nn.GATConv(F, 4, add_self_loops=False),
        "SAGEConv": lambda: pyg_nn.SAGEConv(F, 4),
        "SAGEConv max project normalize": lambda: pyg_nn.SAGEConv(F, 4, aggr="max", project=True,
                                                                  normalize=True),
        "SAGEConv sum no root": lambda: pyg_nn.SAGEConv(F, 4, aggr="sum", root_weight=False,
                                                        bias=False),
        "GINConv batch-norm MLP train_eps": lambda: pyg_nn.GINConv(MLP([F, 5, 4]), eps=0.3,
                                                                   train_eps=True),
        "GINConv layer-norm tanh max": lambda: pyg_nn.GINConv(
            MLP([F, 5, 4], norm="layer_norm", act="tanh"), aggr="max"),
        "EdgeConv": lambda: pyg_nn.EdgeConv(MLP([2 * F, 5, 4], norm=None, plain_last=False)),
        "EdgeConv mean": lambda: pyg_nn.EdgeConv(MLP([2 * F, 5, 4]), aggr="mean"),
        "MLP": lambda: MLP([F, 5, 4]),
        "Linear": lambda: torch.nn.Linear(F, 4),
        "PyG Linear no bias": lambda: pyg_nn.Linear(F, 4, bias=False),
    }


def _models():
    m = pyg_nn.models
    seq = pyg_nn.Sequential("x, edge_index, batch", [
        (pyg_nn.GCNConv(F, 8), "x, edge_index -> x1"),
        torch.nn.ReLU(inplace=True),
        (pyg_nn.SAGEConv(8, 8), "x1, edge_index -> x2"),
        (torch.nn.Tanh(), "x2 -> x2"),
        (pyg_nn.GINConv(pyg_nn.MLP([8, 8, 8])), "x2, edge_index -> x3"),
        (pyg_nn.global_mean_pool, "x3, batch -> x4"),
        (torch.nn.Linear(8, 2), "x4 -> x4"),
    ])
    return {
        "Sequential": (lambda: seq, None),
        "Sequential no batch": (lambda: pyg_nn.Sequential("x, edge_index", [
            (pyg_nn.GATConv(F, 4, heads=2), "x, edge_index -> x"),
            torch.nn.ELU(),
            (torch.nn.Dropout(0.5), "x -> x"),
            (pyg_nn.EdgeConv(pyg_nn.MLP([16, 4, 4])), "x, edge_index -> x"),
        ]), None),
        "GCN": (lambda: m.GCN(F, 8, num_layers=2, out_channels=4), None),
        "GIN mean pool": (lambda: m.GIN(F, 8, num_layers=3), "mean"),
        "GAT heads": (lambda: m.GAT(F, 8, num_layers=2, heads=2), None),
        "GraphSAGE max pool": (lambda: m.GraphSAGE(F, 8, num_layers=2), "max"),
        "EdgeCNN add pool": (lambda: m.EdgeCNN(F, 8, num_layers=2), "add"),
        "models.MLP": (lambda: m.MLP([F, 8, 4]), None),
    }


def _pooled(out, batch, pool):
    fn = {"add": pyg_nn.global_add_pool, "mean": pyg_nn.global_mean_pool,
          "max": pyg_nn.global_max_pool}
    return out if pool is None else fn[pool](out, batch)


def _pyg_out(module, x, ei, batch, pool):
    with torch.no_grad():
        if isinstance(module, pyg_nn.Sequential):
            n = len(module.signature.param_dict)
            return module(x, ei, batch) if n == 3 else module(x, ei)
        if type(module).__name__ in ("MLP", "Linear"):
            return module(x)
        return _pooled(module(x, ei), batch, pool)


@pytest.mark.parametrize("case", list(_layers()))
def test_layer_matches_pyg(case):
    layer = _randomise(_layers()[case]())
    x, ei, batch = _batch()
    model = hg.from_pyg(layer)
    try:
        expected = _pyg_out(layer, x, ei, batch, None)
        got = model(x, ei)
        assert got.dtype == torch.float32 and got.shape == expected.shape
        torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)
        # The weights came from PyG: another randomisation of the same layer differs.
        other = _pyg_out(_randomise(_layers()[case](), seed=5), x, ei, batch, None)
        assert not torch.allclose(other, got, atol=1e-3)
    finally:
        model.close()


@pytest.mark.parametrize("case", list(_models()))
def test_model_matches_pyg_and_round_trips(case):
    build, pool = _models()[case]
    module = _randomise(build())
    x, ei, batch = _batch()
    model = hg.from_pyg(module, pool=pool)
    try:
        expected = _pyg_out(module, x, ei, batch, pool)
        got = model(x, ei, batch)
        torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)
        back = model.to_pyg()
        assert type(back) is type(module) and back is not module
        want = module.state_dict()
        for k, v in model.state_dict().items():
            assert torch.equal(v, want[k].float()), k
        torch.testing.assert_close(_pyg_out(back, x, ei, batch, pool), expected)
    finally:
        model.close()


def test_to_pyg_carries_the_java_weights_not_the_originals():
    layer = _randomise(pyg_nn.GCNConv(F, 4))
    model = hg.from_pyg(layer)
    try:
        with torch.no_grad():
            layer.lin.weight.zero_()  # the original changes after conversion ...
        back = model.to_pyg()  # ... the copy holds what Java holds
        assert back.lin.weight.abs().sum() > 0
        x, ei, _ = _batch()
        torch.testing.assert_close(back(x, ei), model(x, ei), atol=1e-5, rtol=1e-5)
    finally:
        model.close()


@pytest.mark.parametrize("module, named", [
    (lambda: pyg_nn.GraphConv(F, 4), "GraphConv"),
    (lambda: pyg_nn.GATConv(F, 4, fill_value="add"), "fill_value"),
    (lambda: pyg_nn.GCNConv(-1, 4), "in_channels=-1"),
    (lambda: pyg_nn.GATConv(F, 4, residual=True), "residual=True"),
    (lambda: torch.nn.LazyLinear(4), "in_channels=0"),
    (lambda: pyg_nn.SAGEConv(F, 4, aggr="std"), "aggr='std'"),
    (lambda: pyg_nn.models.GCN(F, 8, num_layers=2, jk="cat"), "jk='cat'"),
    (lambda: pyg_nn.models.GCN(F, 8, num_layers=2, norm="batch_norm"), "norm='batch_norm'"),
    (lambda: pyg_nn.Sequential("x, edge_index", [
        (pyg_nn.GCNConv(F, 4), "x, edge_index -> x1"),
        (pyg_nn.GCNConv(4, 4), "x1, edge_index -> x2"),
        (lambda a, b: a + b, "x1, x2 -> x3")]), "x1, x2 -> x3"),
    (lambda: pyg_nn.GINConv(torch.nn.Sequential(torch.nn.Linear(F, 4))), "Sequential"),
    (lambda: pyg_nn.MLP([F, 4, 4], act="softplus"), "Softplus"),
])
def test_refuses_what_it_cannot_map(module, named):
    with pytest.raises(InvalidArgumentError) as e:
        hg.from_pyg(module())
    assert named in str(e.value)


def test_refuses_a_bad_pool():
    with pytest.raises(InvalidArgumentError, match="pool='median'"):
        hg.from_pyg(pyg_nn.GCNConv(F, 4), pool="median")


def test_a_pool_without_batch_pools_one_graph():
    gcn = _randomise(pyg_nn.GCNConv(F, 4))
    x, ei, _ = _batch()
    with hg.from_pyg(gcn, pool="max") as model:
        got = model(x.double(), ei)  # float64 in: computed in float32, as PyG's float32 layer
        torch.testing.assert_close(got, gcn(x, ei).detach().max(dim=0, keepdim=True).values)


@pytest.mark.parametrize("make", [
    lambda: pyg_nn.GATConv(F, 4, heads=2, edge_dim=2),
    lambda: pyg_nn.GINEConv(pyg_nn.MLP([F, 5, 4]), edge_dim=2, train_eps=True),
    lambda: pyg_nn.GCNConv(F, 4),
], ids=["GATConv edge_dim", "GINEConv edge_dim", "GCNConv edge weights"])
def test_layers_with_edge_features_take_edge_attr(make):
    layer = _randomise(make())
    x, ei, _ = _batch()
    attr = torch.rand(ei.shape[1], 2, generator=torch.Generator().manual_seed(3)) + 0.5
    if isinstance(layer, pyg_nn.GCNConv):
        attr = attr[:, 0]
    model = hg.from_pyg(layer)
    try:
        with torch.no_grad():
            expected = layer(x, ei, attr)
        torch.testing.assert_close(model(x, ei, edge_attr=attr), expected, atol=1e-5, rtol=1e-5)
    finally:
        model.close()


def test_improved_gcn_refuses_edge_weights():
    """PyG 2.8.1 applies GCNConv(improved=True) only with edge weights; from_pyg reproduces the
    weightless result, so a call with weights is refused (docs/parity.md)."""
    layer = _randomise(pyg_nn.GCNConv(F, 4, improved=True))
    x, ei, _ = _batch()
    model = hg.from_pyg(layer)
    try:
        with torch.no_grad():
            torch.testing.assert_close(model(x, ei), layer(x, ei), atol=1e-5, rtol=1e-5)
        with pytest.raises(InvalidArgumentError, match="improved"):
            model(x, ei, edge_attr=torch.ones(ei.shape[1]))
    finally:
        model.close()
