"""Streaming the csv:, images:, jetimages: and graphs: readers (docs/data.md): a CSV, an image
file, the images of a jet file and a saved graph set larger than a forked JVM's heap are scored
through the command line in chunks, one line per row, while training on the whole file under the
same heap runs out of memory; and scores written chunk by chunk equal those of one chunk, with the
same rows, ids and labels."""

from __future__ import annotations

import numpy as np

from test_readers import cli, padded_jet_files, rows, scored_in_chunks

LEPTON_COLUMNS = ("PID", "E", "px", "py", "pz", "pt", "eta", "phi", "Q")


def fourlepton_csv(path, n, seed=0, block=10000):
    """``n`` events in the CMS four-lepton layout (Run = 1, Event = row), written block by block:
    each block repeats the same ``block`` random events, so that 100 MB are written in a second."""
    rng = np.random.default_rng(seed)
    b = min(block, n)
    p = rng.normal(0, 30, (b, 4, 3))
    pid = rng.choice([-13, 13, -11, 11], (b, 4))
    m = np.where(np.abs(pid) == 13, 0.1057, 0.000511)
    e = np.sqrt((p ** 2).sum(-1) + m ** 2)
    pt = np.hypot(p[..., 0], p[..., 1])
    lep = np.stack([pid, e, p[..., 0], p[..., 1], p[..., 2], pt, np.arcsinh(p[..., 2] / pt),
                    np.arctan2(p[..., 1], p[..., 0]), -np.sign(pid)], -1).reshape(b, 36)
    body = [",".join(f"{v:.7g}" for v in row)
            for row in np.concatenate([lep, rng.uniform(10, 200, (b, 3))], 1)]
    head = ["Run", "Event", *(f"{c}{i}" for i in range(1, 5) for c in LEPTON_COLUMNS),
            "mZ1", "mZ2", "M"]
    with open(path, "w") as f:
        f.write(",".join(head) + "\n")
        for start in range(0, n, b):
            f.write("".join(f"1,{start + i},{body[i]}\n" for i in range(min(b, n - start))))


def test_a_csv_larger_than_the_heap_is_scored_in_chunks(tmp_path):
    """120 MB of CSV (370 000 four-lepton events) against a 64 MB heap."""
    n = 370_000
    big, small = tmp_path / "big.csv", tmp_path / "small.csv"
    fourlepton_csv(big, n)
    fourlepton_csv(small, 2000, seed=1)
    assert big.stat().st_size > 110e6
    s, out = scored_in_chunks(tmp_path, f"csv:{small}?layout=fourlepton",
                              f"csv:{big}?layout=fourlepton", 4096)
    assert f"scored {n} graphs" in s.stdout and "in chunks of 4096 rows" in s.stdout
    r = rows(out)
    assert list(r[0]) == ["row", "Run", "Event", "score"]
    assert len(r) == n
    assert [int(x["row"]) for x in r] == list(range(n))
    assert [int(x["Event"]) for x in r] == list(range(n))
    assert all(np.isfinite(float(x["score"])) for x in r)


def test_an_image_file_larger_than_the_heap_is_scored_in_chunks(tmp_path):
    """128 MB of 40 x 40 float32 images (20 000, labelled) against a 64 MB heap: the whole read
    needs one 128 MB buffer (direct memory, limited by -Xmx as well) and fails."""
    import h5py

    n = 20_000
    rng = np.random.default_rng(0)
    big, small = tmp_path / "big.h5", tmp_path / "small.h5"
    with h5py.File(big, "w") as f:
        d = f.create_dataset("X", shape=(n, 40, 40), dtype="f4")
        for s in range(0, n, 2000):
            hot = rng.random((2000, 40, 40)) < 0.05
            d[s:s + 2000] = (rng.exponential(1, (2000, 40, 40)) * hot).astype(np.float32)
        f["y"] = (np.arange(n) % 4 == 0).astype(np.float32)
        train = f["X"][:400]
    assert big.stat().st_size > 120e6
    with h5py.File(small, "w") as f:
        f["X"] = train
    s, out = scored_in_chunks(tmp_path, f"images:{small}", f"images:{big}", 512,
                              "--model", "imageae")
    assert "in chunks of 512 rows" in s.stdout and "(5000 anomalies, 15000 normal)" in s.stdout
    r = rows(out)
    assert len(r) == n and [int(x["row"]) for x in r] == list(range(n))
    assert [x["label"] for x in r[:5]] == ["1", "0", "0", "0", "1"]
    assert all(np.isfinite(float(x["score"])) for x in r)


def test_csv_scores_in_chunks_equal_one_chunk_across_files(tmp_path):
    """Two files: label = file position; chunks of 7 rows cross the file boundary."""
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    fourlepton_csv(a, 40, seed=2)
    fourlepton_csv(b, 25, seed=3)
    uri = f"csv:{a};{b}?layout=fourlepton"
    model = tmp_path / "m.hgmodel"
    t = cli("train", "--dataset", uri, "--epochs", "1", "-o", model)
    assert t.returncode == 0, t.stdout + t.stderr
    runs = {}
    for chunk in ("7", "100000"):
        out = tmp_path / f"s{chunk}.csv"
        s = cli("score", "--model", model, "--dataset", uri, "--out", out, "--chunk-rows", chunk)
        assert s.returncode == 0, s.stdout + s.stderr
        assert f"in chunks of {chunk} rows" in s.stdout and "AUC" in s.stdout
        runs[chunk] = rows(out)
    r, one = runs["7"], runs["100000"]
    assert list(r[0]) == ["row", "Run", "Event", "file", "label", "score"]
    assert len(r) == 65
    assert [(x["file"], x["row"], x["label"]) for x in r[38:42]] == [
        ("0", "38", "0"), ("0", "39", "0"), ("1", "0", "1"), ("1", "1", "1")]
    for key in ("row", "Event", "file", "label"):
        assert [x[key] for x in r] == [x[key] for x in one]
    np.testing.assert_allclose([float(x["score"]) for x in r],
                               [float(x["score"]) for x in one], rtol=1e-5)


def ring_events(n, nodes=40, features=16, seed=0):
    """``n`` events of ``nodes`` particles joined in a ring, saved-graph style (hg.io_root)."""
    from hepgraph.io_root import EventGraphSet

    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (n * nodes, features)).astype(np.float32)
    local = np.arange(nodes)  # edge indices are local to their graph
    src = np.tile(local, n)
    dst = np.tile((local + 1) % nodes, n)
    ptr = np.arange(n + 1, dtype=np.int64)
    return EventGraphSet(
        x, np.stack([src, dst]).astype(np.int64), ptr * nodes, ptr * nodes,
        np.full(n, -1, np.int64), graph_attr=None, row_ids=np.arange(n, dtype=np.int64),
        id_columns={"event": np.arange(n, dtype=np.int64) + 7}, source="test",
        feature_names=[f"f{i}" for i in range(features)], graph_feature_names=[])


def test_saved_graphs_larger_than_the_heap_are_scored_in_chunks(tmp_path):
    """graphs:DIR with a 150 MB graphs.arrow (50 000 events of 40 particles): the file stays
    mapped and chunks are copied out of it under a 64 MB heap; copying it whole fails."""
    n = 50_000
    big = ring_events(n).save(tmp_path / "big")
    small = ring_events(500, seed=1).save(tmp_path / "small")
    assert (big / "graphs.arrow").stat().st_size > 140e6
    s, out = scored_in_chunks(tmp_path, f"graphs:{small}", f"graphs:{big}", 2048)
    assert f"scored {n} graphs" in s.stdout and "in chunks of 2048 rows" in s.stdout
    r = rows(out)
    assert list(r[0]) == ["row", "event", "score"]
    assert len(r) == n and [int(x["row"]) for x in r] == list(range(n))
    assert [int(x["event"]) for x in r[-3:]] == [n + 4, n + 5, n + 6]
    assert all(np.isfinite(float(x["score"])) for x in r)


def test_a_bad_row_met_while_streaming_is_refused_with_its_line(tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    fourlepton_csv(good, 50)
    lines = good.read_text().splitlines(keepends=True)
    fields = lines[31].split(",")
    fields[3] = "NaN"  # E1 of data row 30
    bad.write_text("".join(lines[:31]) + ",".join(fields) + "".join(lines[32:]))
    model = tmp_path / "m.hgmodel"
    t = cli("train", "--dataset", f"csv:{good}?layout=fourlepton", "--epochs", "1", "-o", model)
    assert t.returncode == 0, t.stdout + t.stderr
    s = cli("score", "--model", model, "--dataset", f"csv:{bad}?layout=fourlepton",
            "--out", tmp_path / "s.csv", "--chunk-rows", "7")
    assert s.returncode == 2, s.stdout + s.stderr
    assert "hepgraph: error [" in s.stderr and "\tat " not in s.stderr, s.stderr
    for needle in ("bad.csv", "line 32 (data row 30)", "column 'E1'", "finite"):
        assert needle in s.stderr, s.stderr


def test_jet_images_of_a_jet_file_larger_than_the_heap_are_scored_in_chunks(tmp_path):
    """jetimages:h5:FILE over 128 MB of float32 particles (4000 jets zero-padded to 2000
    particles, 8 real ones each): jets are read and made into images chunk by chunk."""
    n = 4000
    big, small = tmp_path / "big.h5", tmp_path / "small.h5"
    padded_jet_files(big, small, n)
    s, out = scored_in_chunks(tmp_path, f"jetimages:h5:{small}?pixels=16",
                              f"jetimages:h5:{big}?pixels=16", 256, "--model", "imageae")
    assert f"scored {n} graphs" in s.stdout and "in chunks of 256 rows" in s.stdout
    r = rows(out)
    assert len(r) == n and [int(x["row"]) for x in r] == list(range(n))
    assert all(np.isfinite(float(x["score"])) for x in r)
