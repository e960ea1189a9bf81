"""images:FILE and jetimages:URI from Python: the ML4SCI layout written by h5py, zero rows and
other bad files (Python errors and the command line's exit code 2), the image view of a jet file
from the very rows of its graph view, and the imageae detector on it."""

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

import hepgraph as hg
from hepgraph import images as hi

h5py = pytest.importorskip("h5py")

REPO = Path(__file__).resolve().parents[3]


def write_calo(path, n=24, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 8, 8, 2), dtype=np.float32)
    y = (np.arange(n) % 3 == 0).astype(np.float32)  # ML4SCI stores labels as 0.0 / 1.0
    with h5py.File(path, "w") as f:
        f.create_dataset("X", data=x, chunks=(5, 8, 8, 2), compression="gzip")
        f.create_dataset("y", data=y)
    return x, y


def test_ml4sci_layout_reads_back_exactly(tmp_path):
    x, y = write_calo(tmp_path / "photons.h5")
    data = hi.open_images(f"images:{tmp_path / 'photons.h5'}?chunk=7")
    assert data.images.shape == (24, 8, 8, 2)
    np.testing.assert_array_equal(data.images, x)
    assert data.labels.tolist() == y.astype(int).tolist()
    assert data.row_ids.tolist() == list(range(24))
    assert len(data.dataset) == 24


def test_float64_and_jet_image_layouts_are_read_too(tmp_path):
    rng = np.random.default_rng(3)
    x = rng.random((9, 5, 6))  # [N, H, W] float64, contiguous: one channel
    with h5py.File(tmp_path / "f64.h5", "w") as f:
        f.create_dataset("jet_images", data=x)
        f.create_dataset("truth", data=np.arange(9) % 2)
    data = hi.open_images(f"images:{tmp_path / 'f64.h5'}?x=jet_images,y=truth,chunk=4")
    assert data.images.shape == (9, 5, 6, 1)
    np.testing.assert_array_equal(data.images[..., 0], x.astype(np.float32))
    assert data.labels.tolist() == [0, 1] * 4 + [0]


def cli(*args):
    jar = REPO / "python-bindings" / "target" / "hepgraph.jar"
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true")
    java = Path(env.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")) / "bin" / "java"
    if not java.exists():
        java = Path("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
    return subprocess.run(
        [str(java), "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
         "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true", "-jar", str(jar),
         *args], capture_output=True, text=True, env=env, timeout=600)


def test_zero_rows_are_refused_in_python_and_by_the_command_line(tmp_path):
    f = tmp_path / "empty.h5"
    with h5py.File(f, "w") as h:
        h.create_dataset("X", shape=(0, 40, 40), dtype="f4")
    with pytest.raises(hg.errors.DataFormatError, match="'X' has 0 rows"):
        hi.open_images(f"images:{f}")
    r = cli("train", "--dataset", f"images:{f}", "--model", "imageae", "-o",
            str(tmp_path / "m.hgmodel"))
    assert r.returncode == 2, r.stdout + r.stderr
    out = r.stdout + r.stderr
    assert "empty.h5" in out and "'X' has 0 rows" in out and "at least one image" in out
    assert "\tat " not in out


@pytest.mark.parametrize("name,make,needle", [
    ("int.h5", lambda h: h.create_dataset("X", data=np.ones((2, 4, 4), np.int16)),
     "'X' holds short values"),
    ("rank.h5", lambda h: h.create_dataset("X", data=np.ones((2, 4), np.float32)),
     "'X' has rank 2"),
    ("nan.h5", lambda h: h.create_dataset("X", data=np.array([[[0, np.nan]]], np.float32)),
     "'X' holds NaN at row 0"),
    ("noy.h5", lambda h: h.create_dataset("images", data=np.ones((2, 4, 4), np.float32)),
     "'X' is missing"),
])
def test_bad_files_raise_data_format_errors(tmp_path, name, make, needle):
    with h5py.File(tmp_path / name, "w") as h:
        make(h)
    with pytest.raises(hg.errors.DataFormatError, match=needle) as e:
        hi.open_images(f"images:{tmp_path / name}")
    assert name in str(e.value)


def test_truncated_file_is_refused(tmp_path):
    write_calo(tmp_path / "whole.h5", n=200)
    data = (tmp_path / "whole.h5").read_bytes()
    (tmp_path / "cut.h5").write_bytes(data[: len(data) // 2])
    with pytest.raises(hg.errors.DataFormatError, match="cut.h5"):
        hi.open_images(f"images:{tmp_path / 'cut.h5'}")


def write_jets(path, n=60, seed=1):
    """A jet file in the h5: layout (particles [N, P, 4] pt, eta, phi, e; counts; labels)."""
    rng = np.random.default_rng(seed)
    p = np.zeros((n, 30, 4), np.float32)
    counts = rng.integers(3, 31, n)
    labels = np.arange(n) % 2
    for i, c in enumerate(counts):
        prongs = 1 + labels[i] * 2
        centres = rng.normal(0, 0.3, (prongs, 2))
        which = rng.integers(0, prongs, c)
        p[i, :c, 0] = rng.exponential(20, c) + 1
        p[i, :c, 1] = 0.5 + centres[which, 0] + rng.normal(0, 0.05, c)
        phi = 3.0 + centres[which, 1] + rng.normal(0, 0.05, c)  # near pi: wraps
        p[i, :c, 2] = phi - 2 * np.pi * np.round(phi / (2 * np.pi))
        p[i, :c, 3] = p[i, :c, 0] * np.cosh(p[i, :c, 1])
    with h5py.File(path, "w") as f:
        f.create_dataset("particles", data=p)
        f.create_dataset("counts", data=counts.astype(np.int32))
        f.create_dataset("labels", data=labels.astype(np.int64))
        f.create_dataset("event_id", data=np.arange(100, 100 + n, dtype=np.int64))
        f.attrs["features"] = "pt,eta,phi,e"
    return p, counts, labels


def test_jet_images_come_from_the_rows_of_the_graph_view(tmp_path):
    f = tmp_path / "jets.h5"
    p, counts, labels = write_jets(f)
    graphs = hg.dataset(f"h5:{f}")
    data = hi.open_images(f"jetimages:h5:{f}?pixels=24")
    assert len(graphs) == len(data) == 60
    assert data.row_ids.tolist() == list(range(60))
    assert graphs.labels.tolist() == data.labels.tolist() == labels.tolist()
    # each image is the numpy reference's image of that very row of the file
    ref = hi.jet_images(p, counts, pixels=24)
    np.testing.assert_allclose(data.images[..., 0], ref, atol=1e-6)


def test_imageae_on_jet_images_from_python(tmp_path):
    """Three-prong jets among one-prong ones: AUC 0.991 measured (60 epochs, batch 16); with
    15 epochs at batch 64 (15 steps) it was 0.37, the untrained AE preferring diffuse images."""
    f = tmp_path / "jets.h5"
    _, _, labels = write_jets(f, n=400, seed=2)
    data = hi.open_images(f"jetimages:h5:{f}?pixels=16")
    train = np.flatnonzero(labels == 0)[:150]
    with hg.Detector("imageae", epochs=60, batchSize=16, seed=1) as det:
        det.fit([data.dataset.graphs[int(i)] for i in train])
        scores = det.score(data.dataset.graphs)
    assert scores.shape == (400,) and np.all(np.isfinite(scores))
    test = np.ones(400, bool)
    test[train] = False
    auc = hg.metrics.roc_auc(scores[test], labels[test])
    assert auc > 0.9, auc
