"""Scores as a torch tensor over the JVM's mapped output file (issue 6): shared memory, lifetime."""

import gc
import mmap

import numpy as np
import pytest

import hepgraph as hg
from conftest import random_graphs

torch = pytest.importorskip("torch")


def _mapping(t):
    """The mmap a score tensor's memory belongs to: tensor <- numpy view <- ... <- mmap."""
    base = t._hepgraph_view
    while not isinstance(base, mmap.mmap):
        assert base is not None, "the scores are not a view of a mapping"
        base = getattr(base, "base", None) if not isinstance(base, memoryview) else base.obj
    return base


def _address_range(m):
    import ctypes

    start = ctypes.addressof(ctypes.c_char.from_buffer(m))  # a writable (read-write) mapping
    return start, start + len(m)


@pytest.fixture(scope="module")
def fitted():
    det = hg.Detector("ocgin", epochs=1, hidden=8, seed=0)
    det.fit(random_graphs(n=16, label=0), progress=False)
    yield det
    det.close()


def test_as_torch_shares_memory_with_the_mapped_scores(fitted):
    graphs = hg.GraphSet.from_data_list(random_graphs(n=12))
    reference = fitted.score(graphs)
    t = fitted.score(graphs, as_torch=True)
    assert isinstance(t, torch.Tensor) and t.dtype == torch.float32 and t.shape == (12,)
    np.testing.assert_array_equal(t.numpy(), reference)
    m = _mapping(t)
    lo, hi = _address_range(m)
    assert lo <= t.data_ptr() and t.data_ptr() + 12 * 4 <= hi, "the tensor lies in the mapping"
    # a write through a numpy view of the same pages is seen by the tensor (no copy anywhere)
    view = np.frombuffer(m, dtype=np.float32, count=12, offset=t.data_ptr() - lo)
    view[3] = 1234.5
    assert t[3].item() == 1234.5
    t[5] = -7.0
    assert view[5] == -7.0


def test_torch_input_gives_torch_scores_by_default(fitted):
    pyg_data = pytest.importorskip("torch_geometric.data")
    pyg = [hg.to_pyg_data(g) for g in random_graphs(n=8)]
    batch = pyg_data.Batch.from_data_list(pyg)
    numpy_scores = fitted.score(random_graphs(n=8))
    assert isinstance(numpy_scores, np.ndarray), "hepgraph Data in, numpy out"
    for given in (pyg, batch, pyg[0]):
        out = fitted.score(given)
        assert isinstance(out, torch.Tensor), type(given)
    np.testing.assert_array_equal(fitted.score(batch).numpy(), numpy_scores)
    assert isinstance(fitted.score(batch, as_torch=False), np.ndarray), "as_torch=False wins"


def test_the_tensor_outlives_the_detector():
    det = hg.Detector("ocgin", epochs=1, hidden=8, seed=2)
    det.fit(random_graphs(n=8, label=0), progress=False)
    graphs = random_graphs(n=10)
    t = det.score(graphs, as_torch=True)
    expected = t.clone()
    ptr = t.data_ptr()
    det.close()
    del det
    gc.collect()
    # the detector is freed in the JVM; our mapping of the scores is held by the tensor itself
    assert t.data_ptr() == ptr
    torch.testing.assert_close(t, expected)
    t += 1  # still writable memory
    torch.testing.assert_close(t, expected + 1)
    assert not _mapping(t).closed
