import numpy as np
import pytest

import hepgraph as hg
from conftest import random_graphs

torch = pytest.importorskip("torch")
pyg_data = pytest.importorskip("torch_geometric.data")


def test_round_trip_through_pyg_data():
    g = hg.Data(x=np.arange(6, dtype=np.float32).reshape(3, 2), edge_index=[[0, 1], [1, 2]], y=1,
                edge_attr=[0.5, 1.5])
    p = hg.to_pyg_data(g)
    assert isinstance(p, pyg_data.Data)
    assert p.x.dtype == torch.float32 and p.edge_index.dtype == torch.long
    assert p.y.tolist() == [1] and p.edge_attr.shape == (2, 1)
    back = hg.from_pyg_data(p)
    np.testing.assert_array_equal(back.x, g.x)
    np.testing.assert_array_equal(back.edge_index, g.edge_index)
    assert back.y == 1


def test_detectors_take_pyg_graphs_and_batches():
    pyg = [hg.to_pyg_data(g) for g in random_graphs(n=16, label=0)]
    batch = pyg_data.Batch.from_data_list(pyg)
    gs = hg.as_graphset(batch)
    assert gs.num_graphs == 16 and gs.edge_index.max() < 8, "a Batch is split back into graphs"
    with hg.Detector("ocgin", epochs=1, hidden=8, seed=1) as det:
        det.fit(pyg, progress=False)
        np.testing.assert_array_equal(det.score(batch), det.score(random_graphs(n=16)))


def test_torch_tensors_are_accepted_by_data():
    g = hg.Data(x=torch.ones(4, 2, dtype=torch.float64), edge_index=torch.tensor([[0, 3], [1, 2]]))
    assert g.x.dtype == np.float32 and g.edge_index.dtype == np.int64
