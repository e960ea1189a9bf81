"""The readers on generated physics (hepgraph.generate, cached): Pythia 8 jets as jet images
(numpy reference) in the ML4SCI layout through images: and the imageae command line, the same
jets as the image view jetimages:toptag:, the same jets re-written as a generic HDF5 file through
h5: (graphs equal to toptag:'s), and generated ADC2021 events through adc2021: into an OCGIN
detector from Python. Only what holds for any seed is asserted. Measured here (200 jets and
20 + 20 events, seed 1; about 11 s with an empty cache, 2 cores): imageae trained from the command
line on the 42 QCD jets among the first 100 rows (stopped early at epoch 20, best 12) scores the
200 jets at AUC 0.858 (top jets as anomalies; training rows included); OCGIN after 2 epochs on 20
background events, AUC 0.978 for Ato4l against them."""

from __future__ import annotations

import numpy as np
import pytest

import hepgraph as hg
from hepgraph import images as hi

from test_readers import cli, rows

h5py = pytest.importorskip("h5py")
pd = pytest.importorskip("pandas")
gen = pytest.importorskip("hepgraph.generate")
pytest.importorskip("pythia8mc")
pytest.importorskip("fastjet")

N_JETS = 200
N_EVENTS = 20


@pytest.fixture(scope="module")
def jets():
    """200 generated jets (cached) and their constituents computed here from the pandas table:
    (pt, eta, phi, e) float32 [N, P, 4] as docs/data.md defines them, counts, labels."""
    path = gen.jets(N_JETS, seed=1, progress=False)
    table = pd.read_hdf(path, key="table")
    n_max = sum(c.startswith("E_") for c in table.columns)
    e, px, py, pz = (table[[f"{v}_{i}" for i in range(n_max)]].to_numpy(np.float64)
                     for v in ("E", "PX", "PY", "PZ"))
    real = (e != 0) | (px != 0) | (py != 0) | (pz != 0)
    counts = real.sum(axis=1)
    # constituents come pT-ordered and zero-padded: the real ones are the first counts[i]
    assert np.array_equal(real, np.arange(n_max)[None, :] < counts[:, None])
    pt = np.hypot(px, py)
    eta = np.where(real, np.arcsinh(np.divide(pz, pt, out=np.zeros_like(pz), where=real)), 0)
    phi = np.where(real, np.arctan2(py, px), 0)
    particles = np.stack([pt, eta, phi, e], axis=-1).astype(np.float32)
    labels = table["is_signal_new"].to_numpy().astype(np.int64)
    return path, particles, counts, labels


def write_ml4sci(path, images, labels):
    with h5py.File(path, "w") as f:
        f.create_dataset("X", data=images[..., None].astype(np.float32))  # [N, 40, 40, 1]
        f.create_dataset("y", data=labels.astype(np.float32))  # ML4SCI stores 0.0 / 1.0


def test_generated_jet_images_load_through_images_and_match_jetimages(tmp_path, jets):
    path, particles, counts, labels = jets
    assert sorted(set(labels.tolist())) == [0, 1]
    ref = hi.jet_images(particles, counts)
    assert ref.shape == (N_JETS, 40, 40)
    f = tmp_path / "jet-images.h5"
    write_ml4sci(f, ref, labels)
    data = hi.open_images(f"images:{f}")
    assert data.images.shape == (N_JETS, 40, 40, 1)
    np.testing.assert_allclose(data.images[..., 0], ref, rtol=0, atol=1e-6)
    assert data.labels.tolist() == labels.tolist()
    assert data.row_ids.tolist() == list(range(N_JETS))
    # the Java image view of the generated file: the same rows, the same images
    view = hi.open_images(f"jetimages:toptag:{path}")
    assert view.row_ids.tolist() == list(range(N_JETS))
    assert view.labels.tolist() == labels.tolist()
    np.testing.assert_allclose(view.images, data.images, rtol=0, atol=1e-6)
    assert np.all(np.abs(view.images.sum(axis=(1, 2, 3)) - 1) < 1e-4)  # pT-normalised


def test_imageae_trains_and_scores_generated_jet_images_from_the_command_line(tmp_path, jets):
    _, particles, counts, labels = jets
    ref = hi.jet_images(particles, counts)
    every = tmp_path / "all.h5"
    write_ml4sci(every, ref, labels)
    model, out = tmp_path / "ae.hgmodel", tmp_path / "scores.csv"
    # the QCD (label-0) jets among the first half of the rows are the normal sample
    t = cli("train", "--dataset", f"images:{every}", "--model", "imageae",
            "--train-rows", f"0:{N_JETS // 2}", "--train-label", "0",
            "--epochs", "60", "--set", "batchSize=16", "--seed", "1", "-o", model)
    assert t.returncode == 0, t.stdout + t.stderr
    n_train = int(np.sum(labels[: N_JETS // 2] == 0))
    assert f"trained imageae on {n_train} graphs" in t.stdout, t.stdout
    s = cli("score", "--model", model, "--dataset", f"images:{every}", "--out", out)
    assert s.returncode == 0, s.stdout + s.stderr
    assert "AUC" in s.stdout
    n_top = int(labels.sum())
    assert f"({n_top} anomalies, {N_JETS - n_top} normal)" in s.stdout
    r = rows(out)
    assert [int(x["row"]) for x in r] == list(range(N_JETS))
    assert [int(x["label"]) for x in r] == labels.tolist()
    scores = np.array([float(x["score"]) for x in r])
    assert np.all(np.isfinite(scores)) and np.all(scores >= 0)  # mean squared errors
    # measured: 42 QCD jets, early stop at epoch 20 (best 12), AUC 0.858 over all 200 rows
    print("imageae on generated jet images:", [ln for ln in s.stdout.splitlines() if "AUC" in ln])


def test_generic_h5_of_generated_jets_gives_the_toptag_graphs(tmp_path, jets):
    path, particles, counts, labels = jets
    f = tmp_path / "generic.h5"
    order = [3, 0, 1, 2]  # stored as e, pt, eta, phi: the names say which is which
    with h5py.File(f, "w") as h:
        h.create_dataset("jets/constituents", data=particles[:, :, order])
        h.create_dataset("truth", data=labels)
        h.create_dataset("n", data=counts.astype(np.int32))
    generic = hg.dataset(f"h5:{f}?particles=jets/constituents&features=e,pt,eta,phi"
                         "&labels=truth&counts=n")
    top = hg.dataset(f"toptag:{path}")
    assert len(generic) == len(top) == N_JETS
    a, b = generic.graphs, top.graphs
    np.testing.assert_array_equal(np.asarray(a.node_ptr), np.asarray(b.node_ptr))
    np.testing.assert_array_equal(np.diff(np.asarray(a.node_ptr)), counts)
    np.testing.assert_array_equal(np.asarray(a.edge_index), np.asarray(b.edge_index))
    np.testing.assert_array_equal(np.asarray(a.x), np.asarray(b.x))
    assert a.x.shape[1] == 7  # relative features (k = 16 and node_features default alike)
    assert generic.labels.tolist() == top.labels.tolist() == labels.tolist()
    assert generic.row_ids.tolist() == top.row_ids.tolist() == list(range(N_JETS))
    # and the values the toptag: reader derived from (E, px, py, pz) are the ones computed here
    raw = hg.dataset(f"toptag:{path}", node_features="raw").graphs
    mask = np.arange(particles.shape[1])[None, :] < counts[:, None]
    np.testing.assert_allclose(np.asarray(raw.x), particles[mask], rtol=1e-6, atol=1e-6)


def test_generated_events_train_and_score_an_ocgin_detector_from_python():
    files = gen.events(N_EVENTS, signal="Ato4l", seed=1, progress=False)
    ds = hg.dataset(f"adc2021:{files['background']}?signal={files['Ato4l']}")
    assert len(ds) == 2 * N_EVENTS
    assert ds.labels.tolist() == [0] * N_EVENTS + [1] * N_EVENTS  # labels by file
    assert ds.row_ids.tolist() == list(range(N_EVENTS)) * 2  # each event's row in its file
    background = [ds.graphs[i] for i in range(N_EVENTS)]
    with hg.Detector("ocgin", epochs=2, seed=0) as det:
        history = det.fit(background, progress=False)
        scores = det.score(ds.graphs)
    assert history.epochs == 2
    assert scores.shape == (2 * N_EVENTS,) and np.all(np.isfinite(scores))
    # measured (seed 1, 20 + 20 events, scored with the training events): AUC 0.978
    print("ocgin (2 epochs) on generated ADC2021 events, AUC",
          hg.metrics.roc_auc(scores, ds.labels))
