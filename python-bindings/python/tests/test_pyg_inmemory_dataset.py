"""A PyG ``InMemoryDataset`` (what ``TUDataset`` is) given to hepgraph is its graphs: it has
collated ``x`` and ``edge_index`` attributes of its own, so it must not be taken for one graph."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pyg_data = pytest.importorskip("torch_geometric.data")

import hepgraph as hg  # noqa: E402


class _Small(pyg_data.InMemoryDataset):
    def __init__(self, graphs):
        super().__init__(None)
        self.data, self.slices = self.collate(graphs)


def _pyg_graphs(n=12, seed=0):
    g = torch.Generator().manual_seed(seed)
    out = []
    for i in range(n):
        nodes = 4 + i % 5
        out.append(pyg_data.Data(x=torch.randn(nodes, 3, generator=g),
                                 edge_index=torch.randint(0, nodes, (2, 2 * nodes), generator=g),
                                 y=torch.tensor([i % 2])))
    return out


def test_an_in_memory_dataset_becomes_one_graph_per_item():
    graphs = _pyg_graphs()
    ds = _Small(graphs)
    gs = hg.as_graphset(ds)
    assert len(gs) == len(graphs) == len(ds)
    for i, g in enumerate(graphs):
        np.testing.assert_array_equal(gs[i].x, g.x.numpy())
        np.testing.assert_array_equal(gs[i].edge_index, g.edge_index.numpy())
        assert gs[i].y == int(g.y)


def test_a_detector_scores_a_dataset_as_the_list_of_its_graphs():
    graphs = _pyg_graphs(n=20, seed=1)
    ds = _Small(graphs)
    with hg.Detector("ocgin", epochs=2, hidden=8, seed=0) as det:
        det.fit(ds[:14], progress=False)
        from_dataset = det.score(ds[14:])
        from_list = det.score(graphs[14:])
    assert isinstance(from_dataset, torch.Tensor)
    assert from_dataset.shape == (6,)
    torch.testing.assert_close(from_dataset, from_list, rtol=0, atol=0)
