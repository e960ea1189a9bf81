"""hg.Batch and hg.DataLoader: PyG's batch layout, numpy first, torch on request."""

import numpy as np
import pytest
from conftest import random_graphs

import hepgraph as hg


def varied_graphs(n=7, seed=0):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        nodes = int(rng.integers(1, 6))
        edges = int(rng.integers(0, 8))
        out.append(hg.Data(rng.normal(size=(nodes, 3)), rng.integers(0, nodes, size=(2, edges)),
                           y=i % 2, edge_attr=rng.normal(size=(edges, 2))))
    return out


def test_from_data_list_matches_pyg_layout_and_round_trips():
    graphs = varied_graphs()
    b = hg.Batch.from_data_list(graphs)
    assert b.num_graphs == len(graphs)
    sizes = [g.num_nodes for g in graphs]
    assert b.ptr.tolist() == np.concatenate([[0], np.cumsum(sizes)]).tolist()
    assert b.batch.tolist() == np.repeat(np.arange(len(graphs)), sizes).tolist()
    assert b.y.tolist() == [g.y for g in graphs]
    assert b.x.dtype == np.float32 and b.edge_index.dtype == np.int64
    # node ids are shifted by each graph's offset, as PyG does
    start = 0
    for i, g in enumerate(graphs):
        cols = slice(start, start + g.num_edges)
        np.testing.assert_array_equal(b.edge_index[:, cols], g.edge_index + b.ptr[i])
        np.testing.assert_array_equal(b.edge_attr[cols], g.edge_attr)
        start += g.num_edges
    back = b.to_data_list()
    for g, h in zip(graphs, back):
        np.testing.assert_array_equal(g.x, h.x)
        np.testing.assert_array_equal(g.edge_index, h.edge_index)
        np.testing.assert_array_equal(g.edge_attr, h.edge_attr)
        assert g.y == h.y


def test_batch_matches_torch_geometric():
    torch = pytest.importorskip("torch")
    pyg = pytest.importorskip("torch_geometric.data")
    graphs = varied_graphs(5, seed=1)
    mine = hg.Batch.from_data_list(graphs).to_torch()
    theirs = pyg.Batch.from_data_list([g.to_pyg() for g in graphs])
    for name in ("x", "edge_index", "batch", "ptr", "edge_attr"):
        assert torch.equal(getattr(mine, name), getattr(theirs, name)), name
    # and PyG data in: a pyg Batch's graphs give the same hg.Batch
    again = hg.Batch.from_data_list(theirs.to_data_list())
    np.testing.assert_array_equal(again.edge_index, mine.edge_index.numpy())
    assert isinstance(hg.Batch.from_data_list(graphs).to_pyg(), pyg.Batch)


def test_to_torch_is_lazy_and_back():
    torch = pytest.importorskip("torch")
    b = hg.Batch.from_data_list(random_graphs(3))
    assert isinstance(b.x, np.ndarray)
    t = b.to_torch()
    assert isinstance(t.x, torch.Tensor) and t.x.dtype == torch.float32
    assert t.edge_index.dtype == torch.int64
    assert np.shares_memory(t.x.numpy(), b.x)  # shared, not copied
    assert [g.num_edges for g in t.to_data_list()] == [20, 20, 20]


def test_torch_tensors_are_accepted():
    torch = pytest.importorskip("torch")
    g = hg.Data(torch.ones(3, 2), torch.tensor([[0, 1], [1, 2]]), y=torch.tensor([1]))
    b = hg.Batch.from_data_list([g, g])
    assert b.edge_index.tolist() == [[0, 1, 3, 4], [1, 2, 4, 5]]


def test_dataloader_batches_every_graph_once():
    graphs = varied_graphs(23)
    loader = hg.DataLoader(graphs, batch_size=5)
    batches = list(loader)
    assert len(loader) == len(batches) == 5
    assert [b.num_graphs for b in batches] == [5, 5, 5, 5, 3]
    seen = [g for b in batches for g in b.to_data_list()]
    for g, h in zip(graphs, seen):
        np.testing.assert_array_equal(g.x, h.x)
        np.testing.assert_array_equal(g.edge_index, h.edge_index)
    assert len(hg.DataLoader(graphs, batch_size=5, drop_last=True)) == 4


def test_dataloader_shuffle_is_seeded():
    gs = hg.GraphSet.from_data_list(varied_graphs(20))

    def epoch_orders(seed):
        loader = hg.DataLoader(gs, batch_size=4, shuffle=True, seed=seed)
        return [[float(b.x.sum()) for b in loader] for _ in range(2)]

    a, b = epoch_orders(7), epoch_orders(7)
    assert a == b  # the same seed, the same epochs
    assert a[0] != a[1]  # a new order each epoch
    # every graph appears once per epoch
    loader = hg.DataLoader(gs, batch_size=6, shuffle=True, seed=1)
    total = sum(b.num_nodes for b in loader)
    assert total == gs.x.shape[0]


def test_bad_batch_size_and_index():
    with pytest.raises(hg.errors.InvalidGraphError, match="batch_size = 0"):
        hg.DataLoader(random_graphs(2), batch_size=0)
    gs = hg.GraphSet.from_data_list(random_graphs(2))
    with pytest.raises(hg.errors.InvalidGraphError, match="index 5 is out of range"):
        hg.Batch.from_graphset(gs, [0, 5])
