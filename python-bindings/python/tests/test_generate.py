"""hepgraph.generate: the two file layouts field by field, determinism (seeds, process count),
the cache, argument errors, and physics sanity that a broken recipe would fail. Samples are small
(40 jets, 20 events per file) to keep CI's generation to about a minute of CPU."""

import hashlib
import os
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd
import pytest

from hepgraph.errors import InvalidArgumentError
from hepgraph.generate import adc2021, detector, events, jets, parallel

PY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N_JETS, N_EVENTS = 40, 20


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A private cache folder for this module ($HEPGRAPH_CACHE), restored afterwards."""
    d = tmp_path_factory.mktemp("gen-cache")
    old = os.environ.get("HEPGRAPH_CACHE")
    os.environ["HEPGRAPH_CACHE"] = str(d)
    yield d
    if old is None:
        del os.environ["HEPGRAPH_CACHE"]
    else:
        os.environ["HEPGRAPH_CACHE"] = old


@pytest.fixture(scope="module")
def jet_file(cache):
    return jets(N_JETS, seed=1, processes=1, progress=False)


@pytest.fixture(scope="module")
def event_files(cache):
    return events(N_EVENTS, signal="all", seed=1, processes=1, progress=False)


def _constituents(df):
    """[N, 200, 4] (E, px, py, pz) from the reference columns."""
    cols = [[f"{c}_{i}" for c in ("E", "PX", "PY", "PZ")] for i in range(200)]
    return df[[c for group in cols for c in group]].to_numpy().reshape(len(df), 200, 4)


def _jet_p4(cons):
    return cons.astype(np.float64).sum(axis=1)  # [N, 4] E, px, py, pz


def _mass(p4):
    return np.sqrt(np.maximum(p4[:, 0] ** 2 - (p4[:, 1:] ** 2).sum(axis=1), 0))


# ---- jets: the top-tagging reference layout ----

def test_jets_file_is_the_reference_layout(jet_file, cache):
    assert jet_file.parent == cache and jet_file.suffix == ".h5"
    df = pd.read_hdf(jet_file, key="table")
    expected = [f"{c}_{i}" for i in range(200) for c in ("E", "PX", "PY", "PZ")] + [
        "truthE", "truthPX", "truthPY", "truthPZ", "ttv", "is_signal_new"]
    assert list(df.columns) == expected
    assert df.shape == (N_JETS, 806)
    assert all(df[c].dtype == np.float32 for c in expected[:-2])
    assert df["ttv"].dtype == np.int64 and df["is_signal_new"].dtype == np.int64
    # what the Java reader sees: blocks by dtype, column names in block*_items
    with h5py.File(jet_file, "r") as f:
        g = f["table"]
        assert {"axis0", "axis1", "block0_items", "block0_values", "block1_items",
                "block1_values"} <= set(g)
        items = {b: [x.decode() for x in g[f"{b}_items"][()]] for b in ("block0", "block1")}
        assert items["block1"] == ["ttv", "is_signal_new"]
        assert items["block0"] == expected[:-2]
        assert g["block0_values"].dtype == np.float32 and g["block0_values"].shape == (N_JETS, 804)
        assert g["block1_values"].dtype == np.int64 and g["block1_values"].shape == (N_JETS, 2)
        assert list(g["axis1"][()]) == list(range(N_JETS))


def test_jets_labels_truth_and_split(jet_file):
    df = pd.read_hdf(jet_file, key="table")
    label = df["is_signal_new"].to_numpy()
    assert (label == 1).sum() == N_JETS // 2 and (label == 0).sum() == N_JETS - N_JETS // 2
    assert not (np.all(label[: N_JETS // 2] == 0) or np.all(label[: N_JETS // 2] == 1)), \
        "rows are shuffled, not one class after the other"
    truth = df[["truthE", "truthPX", "truthPY", "truthPZ"]].to_numpy()
    assert np.all(truth[label == 0] == 0)
    # the matched top: on-shell-ish, energetic
    top_mass = _mass(truth[label == 1].astype(np.float64))
    assert np.all(np.abs(top_mass - 172.5) < 30), top_mass
    assert list(np.bincount(df["ttv"].to_numpy())) == [24, 8, 8]  # 60/20/20 %


def test_jets_constituents_ordered_padded_and_in_window(jet_file):
    df = pd.read_hdf(jet_file, key="table")
    cons = _constituents(df)
    e, px, py = cons[..., 0], cons[..., 1], cons[..., 2]
    pt = np.hypot(px, py)
    present = e > 0
    n = present.sum(axis=1)
    assert np.all(n >= 3) and np.all(n <= 200)
    for i in range(len(df)):
        assert np.all(present[i, : n[i]]) and np.all(cons[i, n[i]:] == 0), f"row {i} padding"
        assert np.all(np.diff(pt[i, : n[i]]) <= 1e-3), f"row {i} not pT-descending"
    p4 = _jet_p4(cons)
    jet_pt = np.hypot(p4[:, 1], p4[:, 2])
    jet_eta = np.arcsinh(p4[:, 3] / jet_pt)
    full = n < 200  # a truncated jet's 200 constituents carry slightly less than its pT
    assert np.all((jet_pt[full] > 550 - 0.5) & (jet_pt[full] < 650 + 0.5)), jet_pt
    assert np.all(np.abs(jet_eta[full]) < 2 + 1e-3)
    # top jets lie within ΔR 0.8 of their matched top
    label = df["is_signal_new"].to_numpy() == 1
    t = df[["truthE", "truthPX", "truthPY", "truthPZ"]].to_numpy()[label].astype(np.float64)
    t_eta = np.arcsinh(t[:, 3] / np.hypot(t[:, 1], t[:, 2]))
    dphi = np.angle(np.exp(1j * (np.arctan2(p4[label, 2], p4[label, 1])
                                 - np.arctan2(t[:, 2], t[:, 1]))))
    assert np.all(np.hypot(jet_eta[label] - t_eta, dphi) < 0.8)


def test_top_jets_are_heavier_than_qcd_jets(jet_file):
    df = pd.read_hdf(jet_file, key="table")
    m = _mass(_jet_p4(_constituents(df)))
    label = df["is_signal_new"].to_numpy()
    top, qcd = np.median(m[label == 1]), np.median(m[label == 0])
    assert top > qcd
    assert abs(top - 173) < abs(qcd - 173), (top, qcd)


def test_jets_same_seed_same_bytes_whatever_the_process_count(jet_file, tmp_path, monkeypatch):
    monkeypatch.setenv("HEPGRAPH_CACHE", str(tmp_path / "other-cache"))
    again = jets(N_JETS, seed=1, processes=2, progress=False, out=tmp_path / "again.h5")
    assert again == tmp_path / "again.h5"
    assert sha256(again) == sha256(jet_file)


def test_jets_different_seed_differs(cache):
    a = jets(4, seed=1, processes=1, progress=False)
    b = jets(4, seed=2, processes=1, progress=False)
    assert sha256(a) != sha256(b)
    assert not np.array_equal(pd.read_hdf(a, "table").to_numpy(),
                              pd.read_hdf(b, "table").to_numpy())


def test_jets_cache_hit_says_where_and_copies(jet_file, tmp_path, capsys):
    before = jet_file.stat().st_mtime_ns
    capsys.readouterr()
    again = jets(N_JETS, seed=1, processes=1, progress=False)
    err = capsys.readouterr().err
    assert again == jet_file and jet_file.stat().st_mtime_ns == before
    assert "from the cache" in err and str(jet_file) in err
    copy = jets(N_JETS, seed=1, out=tmp_path / "sub" / "copy.h5", progress=False)
    assert copy.exists() and sha256(copy) == sha256(jet_file)


def test_chunks_do_not_depend_on_processes():
    a = parallel.plan("v", 1, {"qcd": 250, "top": 250}, 100)
    assert [(c.task, c.index, c.count) for c in a] == [
        ("qcd", 0, 100), ("qcd", 1, 100), ("qcd", 2, 50),
        ("top", 0, 100), ("top", 1, 100), ("top", 2, 50)]
    assert len({c.seed for c in a}) == 6
    assert all(1 <= c.seed <= 900_000_000 for c in a)
    assert parallel.chunk_seed("v", 1, "qcd", 0) != parallel.chunk_seed("v", 2, "qcd", 0)


# ---- events: the ADC2021 layout ----

def test_events_files_are_the_adc2021_layout(event_files, cache):
    assert list(event_files) == ["background", "Ato4l", "leptoquark", "hToTauTau", "hChToTauNu"]
    for stem, path in event_files.items():
        assert path.name == f"{stem}.h5" and cache in path.parents
        with h5py.File(path, "r") as f:
            assert list(f["Particles_Names"][()]) == [b"Pt", b"Eta", b"Phi", b"Class"]
            assert list(f["Particles_Classes"][()]) == [
                b"MET_class_1", b"Four_Ele_class_2", b"Four_Mu_class_3", b"Ten_Jet_class_4"]
            p = f["Particles"][()]
            assert f["Particles"].dtype == np.float32 and p.shape == (N_EVENTS, 19, 4)
            assert ("process" in f) == (stem == "background")
        _check_particles(stem, p)


def _check_particles(stem, p):
    cls = p[..., 3]
    assert np.all(cls[:, 0] == 1), f"{stem}: row 0 is MET"
    assert np.all(p[:, 0, 1] == 0), f"{stem}: MET has η = 0"
    for rows, c, eta_max, pt_min in ((slice(1, 5), 2, 3.0, 0), (slice(5, 9), 3, 2.1, 0),
                                    (slice(9, 19), 4, 4.0, 15.0)):
        g = p[:, rows]
        filled = g[..., 3] == c
        assert np.all(filled | (g[..., 3] == 0)), f"{stem}: class {c} rows hold other classes"
        assert np.all(g[~filled] == 0), f"{stem}: padding is not all zero"
        assert np.all(np.diff(filled.astype(int), axis=1) <= 0), f"{stem}: gap before padding"
        assert np.all(np.diff(np.where(filled, g[..., 0], -1), axis=1) <= 0), \
            f"{stem}: class {c} not pT-descending"
        assert np.all(np.abs(g[..., 1][filled]) < eta_max), f"{stem}: class {c} outside |η|"
        assert np.all(g[..., 0][filled] > pt_min)
        assert np.all(np.abs(g[..., 2][filled]) <= np.pi + 1e-6)
    leptons = np.concatenate([p[:, 1:5, 0], p[:, 5:9, 0]], axis=1)
    assert np.all(leptons.max(axis=1) > 23), f"{stem}: an event without a trigger lepton"


def test_background_mixes_the_published_proportions(event_files):
    counts = adc2021.background_counts(N_EVENTS)
    assert counts == {"W": 12, "QCD": 7, "Z": 1, "ttbar": 0}
    assert adc2021.background_counts(1000) == {"W": 592, "QCD": 338, "Z": 67, "ttbar": 3}
    with h5py.File(event_files["background"], "r") as f:
        ids = f["process"][()]
        names = [x.decode() for x in f["process"].attrs["process_names"]]
        assert f["process"].dtype == np.int64
    assert names == ["W", "QCD", "Z", "ttbar"]
    assert {names[i]: int((ids == i).sum()) for i in range(4)} == counts
    assert not np.all(np.diff(ids) >= 0), "background rows are shuffled"


def test_events_same_seed_same_bytes_whatever_the_process_count(event_files, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setenv("HEPGRAPH_CACHE", str(tmp_path / "other-cache"))
    again = events(N_EVENTS, signal="none", seed=1, processes=2, progress=False,
                   out=tmp_path / "out")
    assert list(again) == ["background"]
    assert again["background"] == tmp_path / "out" / "background.h5"
    assert sha256(again["background"]) == sha256(event_files["background"])
    other = events(N_EVENTS, signal="none", seed=2, processes=1, progress=False)
    assert sha256(other["background"]) != sha256(event_files["background"])


def test_events_cache_hit(event_files, capsys):
    capsys.readouterr()
    again = events(N_EVENTS, signal=["Ato4l"], seed=1, progress=False)
    assert again == {"background": event_files["background"], "Ato4l": event_files["Ato4l"]}
    err = capsys.readouterr().err
    assert err.count("from the cache") == 2 and str(event_files["Ato4l"]) in err


def test_z_events_dilepton_mass_peaks_at_the_z():
    rows, tries = adc2021._chunk(parallel.Chunk("Z", 0, 40, 4242))
    assert tries >= 40
    masses = []
    for ev in rows:
        for rows_ in (slice(1, 5), slice(5, 9)):
            lep = ev[rows_][ev[rows_][:, 3] > 0]
            if len(lep) >= 2:
                (pt1, eta1, phi1, _), (pt2, eta2, phi2, _) = lep[:2].astype(np.float64)
                masses.append(np.sqrt(2 * pt1 * pt2 * (np.cosh(eta1 - eta2) - np.cos(phi1 - phi2))))
                break
    assert len(masses) >= 10
    assert abs(np.median(masses) - 91.2) < 8, np.median(masses)


def test_w_events_have_missing_energy():
    rows, _ = adc2021._chunk(parallel.Chunk("W", 0, 30, 99))
    zz, _ = adc2021._chunk(parallel.Chunk("Z", 0, 30, 99))
    assert np.median(rows[:, 0, 0]) > 2 * np.median(zz[:, 0, 0])  # the neutrino


def test_detector_smearing_matches_its_formula():
    rng = np.random.default_rng(0)
    n = 20000
    parts = {"px": np.full(n, 100.0), "py": np.zeros(n), "pz": np.zeros(n),
             "e": np.full(n, 100.0), "id": np.full(n, 130), "charged": np.zeros(n, bool)}
    out = detector.smear_constituents(parts, rng)
    expected = np.sqrt((0.5 / 10) ** 2 + 0.03 ** 2)  # neutral hadron at 100 GeV
    assert abs(np.std(out["e"] / 100.0) - expected) < 0.05 * expected
    assert np.allclose(out["px"], out["e"])  # direction and mass ratio kept


# ---- arguments ----

@pytest.mark.parametrize("call, words", [
    (lambda: jets(0), ["n must be a positive integer", "0"]),
    (lambda: jets(-5), ["n must be a positive integer", "-5"]),
    (lambda: jets(2.5), ["2.5"]),
    (lambda: jets(10, seed=-1), ["seed", "-1"]),
    (lambda: jets(10, processes=0), ["processes", "0"]),
    (lambda: events(0), ["events", "n must be a positive integer"]),
    (lambda: events(10, signal="Zprime"), ["unknown signal 'Zprime'", "Ato4l", "hChToTauNu"]),
    (lambda: events(10, signal=["Ato4l", "bogus"]), ["'bogus'"]),
])
def test_bad_arguments_are_named(call, words):
    with pytest.raises(InvalidArgumentError) as e:
        call()
    for w in words:
        assert w in str(e.value)


def test_cli_prints_paths_and_exits_2_on_bad_input(jet_file, cache, tmp_path):
    env = dict(os.environ, PYTHONPATH=PY, HEPGRAPH_CACHE=str(cache))
    ok = subprocess.run([sys.executable, "-m", "hepgraph.generate", "jets", "--n", str(N_JETS),
                         "--seed", "1", "--out", str(tmp_path / "j.h5")],
                        capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == str(tmp_path / "j.h5")
    assert sha256(tmp_path / "j.h5") == sha256(jet_file)
    bad = subprocess.run([sys.executable, "-m", "hepgraph.generate", "events", "--n", "5",
                          "--signal", "Ato4l,Zprime"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2
    assert "unknown signal 'Zprime'" in bad.stderr and "Traceback" not in bad.stderr
    assert bad.stdout == ""

