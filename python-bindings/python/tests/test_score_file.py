"""``Detector.score_file``: chunked scoring of a file from Python, the twin of ``hepgraph score
--chunk-rows`` (docs/data.md, "Chunked reading and scoring"): the same CSV as the CLI for the same model and
data; a file larger than the JVM heap scored under that heap while ``hg.dataset`` of it fails with
a clear error and the JVM lives on; bad inputs raise hepgraph.errors with the Java message and
leave the session usable; the same CSV under GraalPy (``hepgraph run``)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import hepgraph as hg
from hepgraph.errors import DataFormatError, InvalidArgumentError

import layouts
from test_graalpy_run import _env, graalpy
from test_readers import cli, padded_jet_files


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def toptag(tmp_path_factory):
    """A labelled toptag: table (60 jets), a model trained on it with --k 2 through the CLI, and
    the CLI's chunked scores of it (chunks of 7 rows)."""
    d = tmp_path_factory.mktemp("toptag")
    f = d / "train.h5"
    layouts.toptag(f)
    uri, model, out = f"toptag:{f}", d / "m.hgmodel", d / "cli.csv"
    t = cli("train", "--dataset", uri, "--k", "2", "--epochs", "2", "-o", model)
    assert t.returncode == 0, t.stdout + t.stderr
    s = cli("score", "--model", model, "--dataset", uri, "--out", out, "--chunk-rows", "7")
    assert s.returncode == 0, s.stdout + s.stderr
    assert "in chunks of 7 rows" in s.stdout
    auc = float(s.stdout.split("AUC ")[1].split(",")[0])
    return {"uri": uri, "model": model, "cli": out, "auc": auc}


def same_table(a, b):
    """Rows, ids and labels identical; scores within 1e-6."""
    ra, rb = rows(a), rows(b)
    assert len(ra) == len(rb) > 0
    assert list(ra[0]) == list(rb[0])
    keys = [k for k in ra[0] if k != "score"]
    assert [[r[k] for k in keys] for r in ra] == [[r[k] for k in keys] for r in rb]
    np.testing.assert_allclose([float(r["score"]) for r in ra], [float(r["score"]) for r in rb],
                               rtol=0, atol=1e-6)


def test_score_file_writes_the_clis_csv(toptag, tmp_path):
    out = tmp_path / "py.csv"
    with hg.load(toptag["model"]) as d:
        # another chunk size than the CLI's: the rows do not depend on it
        r = d.score_file(toptag["uri"], out, chunk_rows=5, progress=False)
    same_table(toptag["cli"], out)
    table = rows(out)
    assert list(table[0]) == ["row", "label", "score"]
    assert [int(x["row"]) for x in table] == list(range(60))
    assert r.rows == 60 and r.labelled and r.csv == str(out.resolve())
    assert r.auc == pytest.approx(toptag["auc"], abs=5e-5)  # the CLI prints 4 decimals
    # the AUC is the one of the CSV's own scores and labels
    y = np.array([int(x["label"]) for x in table])
    s = np.array([float(x["score"]) for x in table], dtype=np.float32)
    assert r.auc == pytest.approx(hg.metrics.roc_auc(s, y), abs=1e-9)


def test_score_file_draws_one_bar_over_the_rows(toptag, tmp_path, capsys):
    with hg.load(toptag["model"]) as d:
        d.score_file(toptag["uri"], tmp_path / "p.csv", chunk_rows=20)
    err = capsys.readouterr().err
    assert "score ocgin" in err and "60/60" in err


BIG = """
import json, sys
import hepgraph as hg
from hepgraph.errors import JavaError
model, big, small, out = sys.argv[1:]
hg.connect(jvm_options=["-Xmx64m"])
d = hg.load(model)
r = d.score_file("h5:" + big, out, chunk_rows=256, progress=False)
try:
    hg.dataset("h5:" + big, k=4)
    whole = None
except JavaError as e:
    whole = [e.java_class, str(e)]
again = d.score_file("h5:" + small, out + ".small", progress=False)
print(json.dumps({"rows": r.rows, "auc": r.auc, "whole": whole, "again": again.rows,
                  "pid": hg.connect().pid}))
"""


def test_a_file_larger_than_the_heap_is_scored_from_python(tmp_path):
    """128 MB of float32 particles against a 64 MB heap: score_file writes one line per row;
    hg.dataset of the same file raises JavaError naming OutOfMemoryError and the fix, and the
    same JVM scores again afterwards."""
    n = 4000
    big, small = tmp_path / "big.h5", tmp_path / "small.h5"
    padded_jet_files(big, small, n)
    model, out = tmp_path / "m.hgmodel", tmp_path / "big.csv"
    t = cli("train", "--dataset", f"h5:{small}", "--k", "4", "--epochs", "1", "-o", model)
    assert t.returncode == 0, t.stdout + t.stderr
    script = tmp_path / "big.py"
    script.write_text(BIG)
    p = subprocess.run([sys.executable, script, model, big, small, out], env=_env(),
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout + p.stderr
    r = json.loads(p.stdout.strip().splitlines()[-1])
    assert r["rows"] == n and r["auc"] is None  # h5: without labels
    table = rows(out)
    assert len(table) == n and [int(x["row"]) for x in table] == list(range(n))
    assert all(np.isfinite(float(x["score"])) for x in table)
    assert r["whole"] is not None, "hg.dataset read 128 MB into a 64 MB heap"
    java_class, message = r["whole"]
    assert java_class == "java.lang.OutOfMemoryError"
    assert f"h5:{big}" in message and "Detector.score_file" in message and "-Xmx" in message
    assert r["again"] == 300


def test_bad_inputs_raise_hepgraph_errors_and_the_session_lives_on(toptag, tmp_path):
    out = tmp_path / "x.csv"
    with hg.load(toptag["model"]) as d:
        with pytest.raises(InvalidArgumentError, match="the scheme 'nope' is not registered"):
            d.score_file("nope:x.h5", out)
        missing = tmp_path / "missing.h5"
        with pytest.raises(DataFormatError, match=f"{missing} does not exist"):
            d.score_file(f"toptag:{missing}", out)
        with pytest.raises(InvalidArgumentError, match="does not stream in chunks"):
            d.score_file("toy:jets=10", out)
        # the model's recipe: trained on kNN graphs with k = 2, the data asked for k = 3
        with pytest.raises(InvalidArgumentError, match=r"k = 2 neighbours .* k = 3"):
            d.score_file(toptag["uri"], out, k=3)
        with pytest.raises(InvalidArgumentError, match="chunk_rows=0 is below 1"):
            d.score_file(toptag["uri"], out, chunk_rows=0)
        # the same session and detector still score, and give the CLI's table
        r = d.score_file(toptag["uri"], out, progress=False)
    assert r.rows == 60
    same_table(toptag["cli"], out)


GRAAL = """
import json, sys
import hepgraph as hg
model, uri, out = sys.argv[1:]
r = hg.load(model).score_file(uri, out, chunk_rows=9)
print("summary " + json.dumps([r.rows, r.auc, r.labelled]))
"""


def test_score_file_under_graalpy_writes_the_same_csv(toptag, tmp_path):
    script = tmp_path / "graal.py"
    script.write_text(textwrap.dedent(GRAAL))
    out = tmp_path / "graal.csv"
    g = graalpy(script, toptag["model"], toptag["uri"], out)
    assert g.returncode == 0, g.stdout + g.stderr
    summary = json.loads(g.stdout.split("summary ")[1].splitlines()[0])
    assert summary[0] == 60 and summary[2] is True
    assert summary[1] == pytest.approx(toptag["auc"], abs=5e-5)
    same_table(toptag["cli"], out)
