"""Training progress: one redraw per epoch, showing that epoch's loss, and in a Jupyter kernel
without ipywidgets (tqdm's text bar, each redraw saved as an output of the notebook) a redraw at
most every NOTEBOOK_TEXT_INTERVAL seconds, unless the user chose an interval."""

import importlib
import io

import pytest

import hepgraph as hg
from hepgraph import _optional

from conftest import random_graphs

tqdm_std = pytest.importorskip("tqdm.std")


def test_a_text_bar_in_a_jupyter_kernel_redraws_every_few_seconds(monkeypatch):
    monkeypatch.delenv("TQDM_MININTERVAL", raising=False)
    monkeypatch.setattr(_optional, "in_jupyter_kernel", lambda: True)
    with _optional.tqdm(total=3, file=io.StringIO()) as bar:
        assert isinstance(bar, tqdm_std.tqdm)
        assert bar.mininterval == _optional.NOTEBOOK_TEXT_INTERVAL
    with _optional.tqdm(total=3, file=io.StringIO(), mininterval=0.5) as bar:
        assert bar.mininterval == 0.5  # the caller's choice stays


def test_outside_a_kernel_or_with_tqdm_mininterval_set_tqdm_keeps_its_interval(monkeypatch):
    monkeypatch.delenv("TQDM_MININTERVAL", raising=False)
    with _optional.tqdm(total=3, file=io.StringIO()) as bar:
        assert not _optional.in_jupyter_kernel()
        assert bar.mininterval == 0.1  # tqdm's default
    monkeypatch.setattr(_optional, "in_jupyter_kernel", lambda: True)
    monkeypatch.setenv("TQDM_MININTERVAL", "0.7")  # tqdm reads it when imported: here, before
    with _optional.tqdm(total=3, file=io.StringIO()) as bar:
        assert bar.mininterval == 0.1


def test_fit_draws_one_line_per_epoch_with_that_epochs_loss(monkeypatch, capsys):
    """With the one-line-per-update fallback (GraalPy's, no tqdm): exactly one line per epoch, and
    line i shows epoch i's losses (the postfix is set before the update, not after it)."""
    monkeypatch.setattr(importlib.import_module("hepgraph.detectors"), "tqdm", _optional.TextProgress)
    with hg.Detector("ocgin", epochs=4, patience=100, seed=0) as det:
        history = det.fit(random_graphs(n=24), progress=True)
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("train ocgin")]
    assert len(lines) == history.epochs == 4
    for i, (line, loss, val) in enumerate(zip(lines, history.train_loss,
                                              history.validation_loss)):
        assert line.startswith(f"train ocgin: {i + 1}/4 epoch"), line
        assert line.endswith(f"loss={loss:.4g} val={val:.4g}"), line
        assert "refresh" not in line
