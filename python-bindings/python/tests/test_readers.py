"""The file readers adc2021:, toptag: and h5: (docs/data.md, "Reading files") on files written by
pandas and h5py in the field's layouts (tests/layouts.py), through hg.dataset and the command line:
values, labels and row ids; chunked scoring of a file larger than the JVM heap; and one bad-input
case per failure mode per reader (exit code 2, a message naming the file, the dataset or column and
the fix)."""

from __future__ import annotations

import csv
import os
import subprocess

import numpy as np
import pytest

import hepgraph as hg
from hepgraph import _jvm

import layouts


def cli(*args, xmx=None, timeout=300):
    """Runs the hepgraph command line in a JVM of its own (optionally with -Xmx)."""
    java, jar = _jvm.find_java(), _jvm.find_jar()
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true", OMP_NUM_THREADS="1")
    cmd = [java, *_jvm.JVM_FLAGS, "-DPYTORCH_FLAVOR=cpu"]
    if xmx:
        cmd.append(f"-Xmx{xmx}")
    cmd += ["-cp", _jvm.classpath(jar), "org.hepgraph.cli.HepgraphCli", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)


def padded_jet_files(big, small, n=4000, p=2000, real=8):
    """``big``: ``n`` jets of float32 ``(pt, eta, phi, e)`` particles zero-padded to ``p``, with
    ``real`` real ones each (128 MB by default, written 500 jets at a time); ``small``: its first
    300 jets cut to 16 particles, to train on."""
    import h5py

    rng = np.random.default_rng(0)
    with h5py.File(big, "w") as f:
        d = f.create_dataset("particles", shape=(n, p, 4), dtype="f4")
        for start in range(0, n, 500):
            block = np.zeros((500, p, 4), np.float32)
            block[:, :real, 0] = rng.exponential(10, (500, real)) + 1
            block[:, :real, 1:3] = rng.normal(0, 0.2, (500, real, 2))
            block[:, :real, 3] = block[:, :real, 0] * 1.5
            d[start:start + 500] = block
        f.attrs["features"] = "pt,eta,phi,e"
        train = f["particles"][:300, :16]
    assert big.stat().st_size > 120e6
    with h5py.File(small, "w") as f:
        f["particles"] = train
        f.attrs["features"] = "pt,eta,phi,e"


def scored_in_chunks(tmp_path, small_uri, big_uri, chunk_rows, *train_args):
    """Trains on ``small_uri``; checks that training on ``big_uri`` whole under a 64 MB heap runs
    out of memory; scores ``big_uri`` under the same heap in chunks of ``chunk_rows``. Returns the
    score run and its CSV."""
    model, out = tmp_path / "m.hgmodel", tmp_path / "scores.csv"
    t = cli("train", "--dataset", small_uri, *train_args, "--epochs", "1", "-o", model)
    assert t.returncode == 0, t.stdout + t.stderr
    whole = cli("train", "--dataset", big_uri, *train_args, "--epochs", "1",
                "-o", tmp_path / "x.hgmodel", xmx="64m")
    assert whole.returncode != 0 and "OutOfMemoryError" in whole.stdout + whole.stderr
    s = cli("score", "--model", model, "--dataset", big_uri, "--out", out,
            "--chunk-rows", str(chunk_rows), xmx="64m")
    assert s.returncode == 0, s.stdout + s.stderr
    return s, out


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def nodes(ds):
    return np.diff(np.asarray(ds.graphs.node_ptr))


# --- loading -----------------------------------------------------------------------------------


def test_toptag_pandas_table(tmp_path):
    f = tmp_path / "train.h5"
    truth = layouts.toptag(f)
    ds = hg.dataset(f"toptag:{f}", k=2)
    assert len(ds) == 60
    np.testing.assert_array_equal(ds.labels, truth["labels"])
    np.testing.assert_array_equal(nodes(ds), truth["counts"])
    assert ds.graphs.x.shape[1] == 7  # relative features from (pt, eta, phi, e)
    test = hg.dataset(f"toptag:{f}?ttv=test", k=2)
    keep = truth["ttv"] == 1
    assert len(test) == keep.sum()
    np.testing.assert_array_equal(test.row_ids, np.flatnonzero(keep))
    np.testing.assert_array_equal(nodes(test), truth["counts"][keep])


def test_toptag_pandas_values_match_the_4_vectors(tmp_path):
    f = tmp_path / "train.h5"
    df = layouts.toptag(f, n=4)["frame"]
    ds = hg.dataset(f"toptag:{f}", k=2, node_features="raw")
    x = np.asarray(ds.graphs.x)
    # jet 0, constituent 0: (pt, eta, phi, e) from (E, PX, PY, PZ)
    e, px, py, pz = (float(df[f"{c}_0"][0]) for c in ("E", "PX", "PY", "PZ"))
    pt = np.hypot(px, py)
    np.testing.assert_allclose(x[0], [pt, np.arcsinh(pz / pt), np.arctan2(py, px), e], rtol=1e-5)


def test_toptag_jetnet(tmp_path):
    f = tmp_path / "jetnet.h5"
    truth = layouts.jetnet(f)
    ds = hg.dataset(f"toptag:{f}", k=3)
    np.testing.assert_array_equal(ds.labels, truth["labels"])
    np.testing.assert_array_equal(nodes(ds), truth["counts"])
    # no energy in JetNet's features: raw (etarel, phirel, ptrel as eta, phi, pt), mask dropped
    assert ds.graphs.x.shape[1] == 3
    np.testing.assert_allclose(np.asarray(ds.graphs.x)[0], truth["x"][0, 0, :3][[0, 1, 2]])


def test_adc2021_official_layout_has_no_labels(tmp_path):
    f = tmp_path / "background.h5"
    x = layouts.adc2021(f)
    ds = hg.dataset(f"adc2021:{f}")
    assert len(ds) == 50 and ds.labels is None
    real = (x[:, :, 3] != 0).sum(axis=1)
    np.testing.assert_array_equal(nodes(ds), real)
    g0 = np.asarray(ds.graphs.x)[: real[0]]
    # MET first: pt, eta = 0, phi, one-hot class
    np.testing.assert_allclose(g0[0], [x[0, 0, 0], 0.0, x[0, 0, 2], 1, 0, 0, 0], rtol=1e-6)
    edges = np.diff(np.asarray(ds.graphs.edge_ptr))
    np.testing.assert_array_equal(edges, real * (real - 1))  # fully connected by default


def test_adc2021_knn_and_signal_files_label_and_trace_rows(tmp_path):
    bg, a, b = tmp_path / "background.h5", tmp_path / "Ato4l.h5", tmp_path / "hToTauTau.h5"
    layouts.adc2021(bg, n=30)
    layouts.adc2021(a, n=10, seed=3, signal=True)
    layouts.adc2021(b, n=5, seed=4, signal=True)
    ds = hg.dataset(f"adc2021:{bg}?signal={a},{b}&k=2")
    assert len(ds) == 45
    np.testing.assert_array_equal(ds.labels, [0] * 30 + [1] * 15)
    real = np.diff(np.asarray(ds.graphs.node_ptr))
    np.testing.assert_array_equal(
        np.diff(np.asarray(ds.graphs.edge_ptr)), real * np.minimum(2, real - 1))
    # (file, row) of every graph
    np.testing.assert_array_equal(ds.id_columns["file"], [0] * 30 + [1] * 10 + [2] * 5)
    np.testing.assert_array_equal(ds.row_ids, list(range(30)) + list(range(10)) + list(range(5)))


def test_adc2021_train_and_score_through_the_cli(tmp_path):
    bg, sig = tmp_path / "background.h5", tmp_path / "Ato4l.h5"
    layouts.adc2021(bg, n=120, extra={"process": np.arange(120) % 4})
    layouts.adc2021(sig, n=40, seed=5, signal=True, extra={"process": np.full(40, 9)})
    uri = f"adc2021:{bg}?signal={sig}"
    model, out = tmp_path / "m.hgmodel", tmp_path / "scores.csv"
    t = cli("train", "--dataset", uri, "--epochs", "2", "-o", model)
    assert t.returncode == 0, t.stdout + t.stderr
    s = cli("score", "--model", model, "--dataset", uri, "--out", out, "--chunk-rows", "7")
    assert s.returncode == 0, s.stdout + s.stderr
    assert "in chunks of 7 rows" in s.stdout and "AUC" in s.stdout
    r = rows(out)
    assert list(r[0]) == ["row", "file", "process", "label", "score"]
    assert len(r) == 160
    assert [(x["file"], x["row"]) for x in r[118:122]] == [("0", "118"), ("0", "119"),
                                                            ("1", "0"), ("1", "1")]
    assert r[121]["process"] == "9" and r[121]["label"] == "1"
    # the same scores as scoring the whole set in one chunk (up to float rounding of the batch)
    whole = tmp_path / "whole.csv"
    w = cli("score", "--model", model, "--dataset", uri, "--out", whole, "--chunk-rows", "100000")
    assert w.returncode == 0, w.stderr
    np.testing.assert_allclose([float(x["score"]) for x in rows(whole)],
                               [float(x["score"]) for x in r], rtol=1e-5)
    assert [x["row"] for x in rows(whole)] == [x["row"] for x in r]
    # a model trained fully connected refuses kNN graphs of the same events
    k = cli("score", "--model", model, "--dataset", uri + "&k=3", "--out", whole)
    assert k.returncode == 2 and "k = 3" in k.stderr, k.stderr


# --- a file larger than the heap ---------------------------------------------------------------


def test_a_file_larger_than_the_heap_is_scored_in_chunks(tmp_path):
    """128 MB of float32 particles (4000 jets zero-padded to 2000 particles, 8 real ones each)
    against a 64 MB heap: reading the file whole fails with OutOfMemoryError, scoring it in chunks
    writes one line per row."""
    n = 4000
    big, small = tmp_path / "big.h5", tmp_path / "small.h5"
    padded_jet_files(big, small, n)
    _, out = scored_in_chunks(tmp_path, f"h5:{small}", f"h5:{big}", 256, "--k", "4")
    r = rows(out)
    assert len(r) == n and [int(x["row"]) for x in r] == list(range(n))
    assert all(np.isfinite(float(x["score"])) for x in r)


# --- bad inputs --------------------------------------------------------------------------------


def refused(r, *needles):
    assert r.returncode == 2, r.stdout + r.stderr
    assert "hepgraph: error [" in r.stderr and "\tat " not in r.stderr, r.stderr
    for n in needles:
        assert n in r.stderr, f"{n!r} in {r.stderr}"


def write_h5(path, **datasets):
    import h5py

    with h5py.File(path, "w") as f:
        for k, v in datasets.items():
            f[k] = v


def truncated(src, dst):
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) // 3])


def truncated_copy(src):
    dst = src.with_name("trunc_" + src.name)
    truncated(src, dst)
    return dst


def adc_with(tmp_path, value, where=(3, 2, 1)):
    f = tmp_path / f"bad_adc_{where[0]}.h5"
    x = layouts.adc2021(f, n=6)
    x[where] = value
    write_h5(f, Particles=x)
    return f


def cases(tmp_path):
    """(reader URI, needles) per failure mode and reader."""
    good_adc = tmp_path / "adc.h5"
    layouts.adc2021(good_adc, n=6)
    good_top = tmp_path / "top.h5"
    layouts.toptag(good_top, n=6, p=8)
    good_jn = tmp_path / "jn.h5"
    layouts.jetnet(good_jn, n=6, p=8)
    out = {}
    missing = tmp_path / "nowhere.h5"
    for s in ("adc2021", "toptag", "h5"):
        out[f"{s}-missing-file"] = (f"{s}:{missing}", [str(missing), "does not exist"])
    # missing dataset / column
    write_h5(tmp_path / "other.h5", Other=np.zeros((3, 2), np.float32))
    out["adc2021-missing-dataset"] = (f"adc2021:{tmp_path / 'other.h5'}",
                                      ["'Particles' is missing", "Other", "[N, 19, 4]"])
    out["toptag-neither-layout"] = (f"toptag:{tmp_path / 'other.h5'}",
                                    ["no top-tagging layout", "Other", "to_hdf"])
    out["h5-missing-dataset"] = (f"h5:{good_adc}?particles=jets",
                                 ["'jets' is missing", "Particles", "particles=NAME"])
    out["h5-missing-labels"] = (f"h5:{good_jn}?particles=particle_features&labels=y",
                                ["'y' is missing", "labels=NAME"])
    # wrong rank
    write_h5(tmp_path / "rank.h5", Particles=np.ones((5, 76), np.float32),
             particle_features=np.ones((5, 76), np.float32))
    out["adc2021-wrong-rank"] = (f"adc2021:{tmp_path / 'rank.h5'}", ["'Particles' has rank 2",
                                                                     "[N, 19, 4]"])
    out["toptag-wrong-rank"] = (f"toptag:{tmp_path / 'rank.h5'}",
                                ["'particle_features' has rank 2", "[N, P, F]"])
    out["h5-wrong-rank"] = (f"h5:{tmp_path / 'rank.h5'}?particles=Particles",
                            ["'Particles' has rank 2", "rank 3"])
    # wrong dtype
    write_h5(tmp_path / "dtype.h5", Particles=np.ones((5, 19, 4), np.int32),
             particle_features=np.ones((5, 6, 4), np.int32), particles=np.ones((5, 6, 4), "i4"))
    out["adc2021-wrong-dtype"] = (f"adc2021:{tmp_path / 'dtype.h5'}", ["'Particles' holds int",
                                                                       "float32"])
    out["toptag-wrong-dtype"] = (f"toptag:{tmp_path / 'dtype.h5'}",
                                 ["'particle_features' holds int", "float32"])
    out["h5-wrong-dtype"] = (f"h5:{tmp_path / 'dtype.h5'}?features=pt,eta,phi,e",
                             ["'particles' holds int", "float32"])
    # NaN: the row and column are named
    # object 1 is the leading electron, present in every event layouts.adc2021 writes (NaN in a
    # padding slot is accepted: test_real_variants.py)
    out["adc2021-nan"] = (f"adc2021:{adc_with(tmp_path, np.nan, where=(3, 1, 1))}",
                          ["'Particles' row 3, object 1, column 'Eta' is NaN", "finite"])
    top = layouts.toptag(tmp_path / "nan_top.h5", n=6, p=8)["frame"]
    top.loc[4, "PY_0"] = np.nan
    top.to_hdf(tmp_path / "nan_top.h5", key="table", mode="w", format="fixed")
    out["toptag-nan"] = (f"toptag:{tmp_path / 'nan_top.h5'}",
                         ["'table/PY_0' (column) is NaN at row 4", "finite"])
    jn = layouts.jetnet(tmp_path / "nan_jn.h5", n=6, p=8)["x"]
    jn[2, 1, 1] = np.nan
    write_h5(tmp_path / "nan_h5.h5", particles=jn)
    out["h5-nan"] = (f"h5:{tmp_path / 'nan_h5.h5'}?features=eta,phi,pt,mask",
                     ["'particles' jet (row) 2, particle 1, feature 'phi' is NaN"])
    # zero rows
    write_h5(tmp_path / "empty.h5", Particles=np.zeros((0, 19, 4), np.float32),
             particle_features=np.zeros((0, 8, 4), np.float32),
             particles=np.zeros((0, 8, 4), np.float32))
    out["adc2021-zero-rows"] = (f"adc2021:{tmp_path / 'empty.h5'}", ["N = 0", "at least one"])
    out["toptag-zero-rows"] = (f"toptag:{tmp_path / 'empty.h5'}", ["N = 0", "at least one"])
    out["h5-zero-rows"] = (f"h5:{tmp_path / 'empty.h5'}?features=pt,eta,phi,e",
                           ["N = 0", "at least one"])
    # truncated and corrupt
    for s, good in (("adc2021", good_adc), ("toptag", good_top), ("h5", good_jn)):
        t = tmp_path / f"trunc_{s}.h5"
        truncated(good, t)
        q = "?particles=particle_features" if s == "h5" else ""
        out[f"{s}-truncated"] = (f"{s}:{t}{q}", [str(t), "truncated"])
        c = tmp_path / f"corrupt_{s}.h5"
        c.write_bytes(np.random.default_rng(1).bytes(4096))
        out[f"{s}-corrupt"] = (f"{s}:{c}", [str(c), "not a readable HDF5 file"])
    jet_file = tmp_path / "jets_layout.h5"  # hepgraph's own layout: the whole-file reader
    write_h5(jet_file, particles=layouts.jetnet(tmp_path / "src.h5", n=40, p=8)["x"])
    out["h5-truncated-jet-file"] = (f"h5:{truncated_copy(jet_file)}", ["is truncated"])
    # wrong columns
    write_h5(tmp_path / "cols.h5", Particles=np.ones((5, 19, 3), np.float32))
    out["adc2021-wrong-columns"] = (f"adc2021:{tmp_path / 'cols.h5'}",
                                    ["'Particles' has 3 values per object", "class id"])
    bad = layouts.toptag(tmp_path / "cols_top.h5", n=6, p=8)["frame"].drop(columns=["PZ_5"])
    bad.to_hdf(tmp_path / "cols_top.h5", key="table", mode="w", format="fixed")
    out["toptag-wrong-columns"] = (f"toptag:{tmp_path / 'cols_top.h5'}",
                                   ["no column 'PZ_5'", "PX_i, PY_i and PZ_i"])
    out["h5-wrong-columns"] = (f"h5:{good_jn}?particles=particle_features&features=pt,eta",
                               ["has 4 features but the option features names 2",
                                "one name per feature"])
    adc_cls = adc_with(tmp_path, 7.0, where=(1, 4, 3))
    out["adc2021-bad-class"] = (f"adc2021:{adc_cls}", ["row 1, object 4 has class id 7.0",
                                                       "[pT, eta, phi, class id]"])
    return out


MODES = ["missing-file", "missing-dataset", "wrong-rank", "wrong-dtype", "nan", "zero-rows",
         "truncated", "corrupt", "wrong-columns"]


def test_every_bad_input_exits_2_naming_file_dataset_and_fix(tmp_path):
    all_cases = cases(tmp_path)
    for s in ("adc2021", "toptag", "h5"):
        for mode in MODES:
            assert any(k.startswith(s) for k in all_cases)
    failures = []
    for name, (uri, needles) in all_cases.items():
        r = cli("train", "--dataset", uri, "--epochs", "1", "-o", tmp_path / "never.hgmodel")
        try:
            refused(r, *needles)
            assert uri.split(":", 1)[1].split("?")[0] in r.stderr  # the file is named
        except AssertionError as e:
            failures.append(f"{name}: {e}")
    assert not failures, "\n".join(failures)


def test_bad_inputs_are_python_errors_too(tmp_path):
    f = tmp_path / "other.h5"
    write_h5(f, Other=np.zeros((3, 2), np.float32))
    with pytest.raises(hg.errors.DataFormatError, match="'Particles' is missing"):
        hg.dataset(f"adc2021:{f}")
    with pytest.raises(hg.errors.InvalidArgumentError, match="ttv = 'sometimes'"):
        hg.dataset(f"toptag:{f}?ttv=sometimes")
    with pytest.raises(hg.errors.InvalidArgumentError, match="'bogus=1' is not a known option"):
        hg.dataset(f"h5:{f}?bogus=1")


# --- files from hepgraph.generate (branch gen), when the package has it ------------------------


def test_generated_files_load(tmp_path):
    gen = pytest.importorskip("hepgraph.generate")
    jets = gen.jets(20, seed=1, out=tmp_path / "jets.h5", processes=1, progress=False)
    ds = hg.dataset(f"toptag:{jets}", k=2)
    assert len(ds) == 20 and sorted(set(ds.labels.tolist())) == [0, 1]
    files = gen.events(10, signal="Ato4l", seed=1, out=tmp_path, processes=1, progress=False)
    ev = hg.dataset(f"adc2021:{files['background']}?signal={files['Ato4l']}")
    assert len(ev) == 20
    np.testing.assert_array_equal(ev.labels, [0] * 10 + [1] * 10)
