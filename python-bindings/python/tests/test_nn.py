"""hepgraph.nn: PyG-named layers built in the Java engine. Each class runs with PyG's output
shape; to_pyg() gives a PyG module whose output equals hepgraph's (1e-5) on a batch with isolated
nodes and self loops; weights are seeded; unsupported options are refused by name; a Sequential
with a pool."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pyg_nn = pytest.importorskip("torch_geometric.nn")

import hepgraph.nn as hnn  # noqa: E402
from hepgraph.errors import InvalidArgumentError  # noqa: E402

F = 3


def _batch():
    """Three graphs (12 nodes): random edges, self loops (one doubled), nodes 4, 9 and 11
    isolated (11 is a one-node graph)."""
    g = torch.Generator().manual_seed(2)
    src = torch.cat([torch.randint(0, 4, (8,), generator=g), torch.randint(5, 9, (6,), generator=g),
                     torch.tensor([0, 6, 6])])
    dst = torch.cat([torch.randint(0, 4, (8,), generator=g), torch.randint(5, 9, (6,), generator=g),
                     torch.tensor([0, 6, 6])])
    x = torch.randn(12, F, generator=g)
    return x, torch.stack([src, dst]), torch.tensor([0] * 5 + [1] * 6 + [2])


def _layers():
    return {
        "GCNConv": (lambda: hnn.GCNConv(F, 4), (12, 4)),
        "GCNConv no bias normalize=False": (lambda: hnn.GCNConv(F, 4, normalize=False, bias=False),
                                            (12, 4)),
        "GATConv": (lambda: hnn.GATConv(F, 4, heads=2), (12, 8)),
        "GATConv mean heads": (lambda: hnn.GATConv(F, 4, heads=3, concat=False,
                                                   negative_slope=0.1), (12, 4)),
        "SAGEConv": (lambda: hnn.SAGEConv(F, 4), (12, 4)),
        "SAGEConv max project": (lambda: hnn.SAGEConv(F, 4, aggr="max", project=True,
                                                      normalize=True), (12, 4)),
        "GINConv": (lambda: hnn.GINConv(hnn.MLP([F, 5, 4]), train_eps=True), (12, 4)),
        "EdgeConv": (lambda: hnn.EdgeConv(hnn.MLP([2 * F, 5, 4], norm=None), aggr="mean"),
                     (12, 4)),
        "MLP": (lambda: hnn.MLP(in_channels=F, hidden_channels=6, out_channels=4, num_layers=3,
                                norm="layer_norm"), (12, 4)),
        "Linear": (lambda: hnn.Linear(F, 4), (12, 4)),
        "ReLU": (lambda: hnn.ReLU(), (12, F)),
        "Tanh": (lambda: hnn.Tanh(), (12, F)),
        "LeakyReLU": (lambda: hnn.LeakyReLU(), (12, F)),
    }


_NODE_WISE = ("MLP", "Linear", "ReLU", "Tanh", "LeakyReLU")


@pytest.mark.parametrize("case", list(_layers()))
def test_layer_runs_and_matches_its_pyg_module(case):
    build, shape = _layers()[case]
    x, ei, batch = _batch()
    with build() as layer:
        got = layer(x.numpy(), ei.numpy())  # numpy in, torch out
        assert isinstance(got, torch.Tensor) and got.dtype == torch.float32
        assert tuple(got.shape) == shape
        back = layer.to_pyg()
        assert isinstance(back, torch.nn.Module) and not isinstance(back, hnn.Module)
        with torch.no_grad():
            expected = back(x) if case in _NODE_WISE else back(x, ei)
        torch.testing.assert_close(layer(x, ei), expected, atol=1e-5, rtol=1e-5)
        # state_dict has PyG's names and round-trips through load_state_dict.
        sd = layer.state_dict()
        assert set(back.state_dict()) == set(sd)
        if sd:
            bumped = {k: v + 0.25 if v.is_floating_point() else v for k, v in sd.items()}
            layer.load_state_dict(bumped)
            for k, v in layer.state_dict().items():
                torch.testing.assert_close(v, bumped[k])


def test_seeded_weights():
    a = hnn.GCNConv(F, 4, seed=7).state_dict()
    b = hnn.GCNConv(F, 4, seed=7).state_dict()
    c = hnn.GCNConv(F, 4, seed=8).state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert not torch.equal(a["lin.weight"], c["lin.weight"])


def _sequential(seed):
    return hnn.Sequential("x, edge_index, batch", [
        (hnn.GCNConv(F, 8), "x, edge_index -> x1"),
        hnn.ReLU(),
        (hnn.SAGEConv(8, 8), "x1, edge_index -> x2"),
        (hnn.ELU(), "x2 -> x2"),
        (hnn.Dropout(0.5), "x2 -> x2"),
        (hnn.GINConv(hnn.MLP([8, 8, 8])), "x2, edge_index -> x3"),
        (hnn.GATConv(8, 4, heads=2), "x3, edge_index -> x3"),
        (hnn.global_mean_pool, "x3, batch -> x4"),
        (hnn.Linear(8, 2), "x4 -> x4"),
    ], seed=seed)


def test_sequential_with_pool_matches_pyg():
    x, ei, batch = _batch()
    model = _sequential(3)
    # PyG compiles each Sequential's forward and sets it on the class too: another Sequential with
    # two inputs must not change the forward of to_pyg()'s copy.
    pyg_nn.Sequential("x, edge_index", [(pyg_nn.GCNConv(F, 4), "x, edge_index -> x")])
    with model:
        got = model(x, ei, batch)
        assert got.shape == (3, 2)
        back = model.to_pyg()
        assert isinstance(back, pyg_nn.Sequential)
        with torch.no_grad():
            expected = back(x, ei, batch)
            torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)
            # The same seed gives the same model, another seed another one.
            torch.testing.assert_close(_sequential(3).to_pyg()(x, ei, batch), expected)
            assert not torch.allclose(_sequential(4).to_pyg()(x, ei, batch), expected, atol=1e-3)
        assert "module_0.lin.weight" in model.state_dict()


def test_pools_are_pyg_functions():
    x, _, batch = _batch()
    for name in ("global_add_pool", "global_mean_pool", "global_max_pool"):
        torch.testing.assert_close(getattr(hnn, name)(x.numpy(), batch.numpy()),
                                   getattr(pyg_nn, name)(x, batch))


def test_defaults_are_pygs():
    assert hnn.GCNConv(F, 4).to_pyg().normalize is True
    assert hnn.SAGEConv(F, 4).to_pyg().aggr == "mean"
    assert hnn.EdgeConv(hnn.MLP([6, 4])).to_pyg().aggr == "max"
    assert hnn.GATConv(F, 4).to_pyg().negative_slope == 0.2


@pytest.mark.parametrize("build, option", [
    (lambda: hnn.GCNConv(F, 4, cached=True), "cached"),
    (lambda: hnn.GCNConv(F, 4, flow="target_to_source"), "flow"),
    (lambda: hnn.GINEConv(hnn.MLP([F, 4]), aggr="max"), "aggr"),
    (lambda: hnn.GATConv(F, 4, residual=True), "residual"),
    (lambda: hnn.SAGEConv(F, 4, aggr="min"), "aggr='min'"),
    (lambda: hnn.GINConv(hnn.MLP([F, 4]), aggr="min"), "aggr='min'"),
    (lambda: hnn.MLP([F, 5, 4], norm="instance_norm"), "InstanceNorm"),
    (lambda: hnn.MLP([F, 4], act="softplus"), "Softplus"),
    (lambda: hnn.MLP([F, 4], act_kwargs={"negative_slope": 0.3}), "act_kwargs"),
    (lambda: hnn.Linear(-1, 4), "in_channels=-1"),
    (lambda: hnn.GCNConv(F, 4, colour="red"), "colour"),
    (lambda: hnn.LeakyReLU(0.2), "negative_slope"),
    (lambda: hnn.ELU(alpha=0.5), "alpha"),
])
def test_unsupported_options_are_refused_by_name(build, option):
    with pytest.raises(InvalidArgumentError, match="hepgraph.nn") as e:
        build()
    assert option in str(e.value)


def test_sequential_refusals():
    with pytest.raises(InvalidArgumentError, match="Sequential"):
        hnn.Sequential("x, edge_index", [(hnn.GCNConv(F, 4), "x, edge_index -> x", 3)])
    model = hnn.Sequential("x, edge_index", [(hnn.GCNConv(F, 4), "x, edge_index -> x")])
    with pytest.raises(InvalidArgumentError, match="'x, edge_index'"):
        model(np.zeros((2, F)))


def test_edge_feature_layers_take_edge_attr():
    """GATConv(edge_dim) and GINEConv run in Java with edge_attr and give PyG's outputs."""
    x, ei, _ = _batch()
    attr = torch.randn(ei.shape[1], 2, generator=torch.Generator().manual_seed(2))
    for layer in (hnn.GATConv(F, 4, heads=2, edge_dim=2),
                  hnn.GINEConv(hnn.MLP([F, 5, 4]), edge_dim=2, train_eps=True)):
        with layer:
            with torch.no_grad():
                expected = layer.to_pyg()(x, ei, attr)
            torch.testing.assert_close(layer(x, ei, edge_attr=attr), expected, atol=1e-5,
                                       rtol=1e-5)
