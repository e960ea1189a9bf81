import stat

import numpy as np
import pytest

import hepgraph as hg
from conftest import random_graphs


def test_fit_and_score_from_python(graphs):
    with hg.Detector("ocgin", epochs=2, hidden=8, seed=0) as det:
        history = det.fit(graphs, progress=False)
        scores = det.score(graphs)
    assert history.epochs == 2 and len(history.validation_loss) == 2
    assert scores.shape == (len(graphs),) and scores.dtype == np.float32
    assert np.all(np.isfinite(scores))


def test_progress_callback_sees_every_epoch(graphs):
    seen = []
    with hg.Detector("gae", epochs=3, hidden=8, batch_size=16) as det:
        assert det.config["batchSize"] == "16", "snake_case keys reach the Java option"
        history = det.fit(graphs, progress=True, callback=lambda e, t, v: seen.append((e, t, v)))
    assert [e for e, _, _ in seen] == [0, 1, 2]
    assert [t for _, t, _ in seen] == pytest.approx(history.train_loss)


def test_callback_error_stops_training_and_is_raised(graphs):
    def stop(epoch, *_):
        raise KeyError("stop here")

    with hg.Detector("ocgin", epochs=50, hidden=8) as det:
        with pytest.raises(KeyError):
            det.fit(graphs, progress=False, callback=stop)
        det.fit(graphs[:8], progress=False)  # the detector is usable again


def test_save_and_load_give_the_same_scores(graphs, tmp_path):
    path = tmp_path / "m.hgmodel"
    with hg.Detector("ocgin", epochs=2, hidden=8, seed=3) as det:
        det.fit(graphs, progress=False)
        before = det.score(graphs)
        det.save(path, note="from python")
    meta = hg.read_metadata(path)
    assert meta["config.kind"] == "ocgin" and meta["note"] == "from python"
    with hg.load(path) as again:
        assert again.kind == "ocgin"
        np.testing.assert_array_equal(again.score(graphs), before)


def test_closed_detector_refuses_use_and_close_is_idempotent(graphs):
    det = hg.Detector("size")
    det.fit(graphs, progress=False)
    det.close()
    det.close()
    with pytest.raises(hg.errors.InvalidArgumentError, match="closed"):
        det.score(graphs)


def test_graphset_columns_and_views():
    gs = hg.GraphSet.from_data_list(random_graphs(n=3, nodes=4, edges=5))
    assert gs.num_graphs == 3 and list(gs.node_ptr) == [0, 4, 8, 12]
    assert gs.edge_index.shape == (2, 15)
    g = gs[1]
    assert np.shares_memory(g.x, gs.x) and g.x.shape == (4, 3)


def test_finaliser_frees_an_unclosed_detector(graphs):
    import gc

    det = hg.Detector("ocgin", epochs=1, hidden=8)
    finalizer = det._finalizer
    del det
    gc.collect()
    assert not finalizer.alive


def test_data_plane_files_are_gone_after_each_call_and_scores_are_writable(graphs):
    s = hg.connect()
    gs = hg.GraphSet.from_data_list(graphs)
    with hg.Detector("ocgin", epochs=1, hidden=8) as det:
        det.fit(gs, progress=False)
        scores = det.score(gs)
        assert det.score(gs) is not scores
    assert list(s.exchange().directory.iterdir()) == [], "file names are removed once mapped"
    assert stat.S_IMODE(s.exchange().directory.stat().st_mode) == 0o700
    scores += 1  # a writable view of the mapped scores


def test_dataset_by_uri_from_the_java_sources():
    assert "toy" in {d.scheme for d in hg.dataset_sources()}
    ds = hg.dataset("toy:jets=20,seed=3", k=4)
    assert len(ds) == 60 and ds.protocol == "GIVEN"
    assert list(ds.graphs.y[:20]) == [0] * 20 and set(ds.labels[40:]) == {1}
    assert ds.graphs[0].edge_index.max() < ds.graphs[0].num_nodes
    train = hg.GraphSet.from_data_list([ds.graphs[int(i)] for i in ds.train])
    with hg.Detector("ocgin", epochs=1, hidden=8, aggregation="mean") as det:
        det.fit(train, progress=False)
        scores = det.score(ds.graphs)  # the set already in the JVM: nothing is sent
    assert scores.shape == (60,)
    with pytest.raises(hg.errors.InvalidArgumentError, match="nosuch"):
        hg.dataset("nosuch:x")
