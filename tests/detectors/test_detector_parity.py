"""Detector parity: each Java detector (ocgin, gae, glocalkd, graphcl) against its PyG reference
implementation (``detector_reference``), through the bridge's ``DetectorTrace``.

Traces: 50 optimiser steps from the same initial weights (drawn by the reference with
``torch.manual_seed(0)``, PyG's initialisation, sent to Java), on the same batches in the same
order (TU AIDS, GLocalKD fold 0 of 5, seed 0: the first 800 normal training graphs, 16 per step),
with the detectors' default architecture and training settings (hidden 32, layers 3, Adam lr 1e-3
with the cosine decay over the 50 steps, clip norm 5); GraphCL's two views per graph are drawn in
Python (``detector_reference.augment``) and given to both sides. Compared: every step's mean loss
(|Δ| / max(1, |loss|)) and every final parameter, computed ones included (feature statistics,
OCGIN's centre), |Δ| ≤ 1e-4 — in float64 for all four kinds, and in float32 (the detectors' own
precision) for ocgin, gae and glocalkd. GraphCL's float32 trace is measured and written to the
table but not asserted: it is sensitive to rounding at one step (~25) — Java and PyG drift apart
there by ~1e-4, and so do two runs of the PyG reference alone whose initial weights differ by
1e-7 relative, for some perturbations (the test measures five) — while the same trace in float64
agrees to 1e-14. See docs/parity.md.

AUC: both sides train on fold 0's 1280 normal graphs for 2 epochs of 64 graphs per step (batch
order from ``numpy.random.default_rng(0)``), float32, then score the fold's 400 test graphs
(80 anomalies); the AUCs must agree within 0.01.

The section ``## Detectors`` of docs/parity.md (text below, table measured here) goes through
``tests/parity_report.py``: written to ``$HEPGRAPH_PARITY_OUT`` (default target/parity) by every
run, copied into the docs by ``python tests/parity_report.py --update-docs``.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
import torch

import hepgraph as hg
from detector_harness import KINDS, JavaTrace, ReferenceTrace, auc, graphs_of, reference_model
from detector_reference.augment import augment
from detector_parity_text import DRIFT, INTRO, NOTES

STEPS, STEP_GRAPHS = 50, 16
TOL = 1e-4
RESULTS: dict = {}


@pytest.fixture(scope="module")
def aids():
    d = hg.dataset("tu:AIDS")
    s = hg._jvm.session()
    bridge = s.entry.detectorTraces()
    fold = json.loads(bridge.glocalkdFoldJson(s.entry.openDataset("tu:AIDS", {}), 5, 0, 0))
    train = graphs_of(d.graphs, fold["train"])
    test = graphs_of(d.graphs, fold["test"])
    fill = np.concatenate([x for x, _ in train]).mean(0).astype(np.float32)
    return {"train": train, "test": test, "labels": np.array(fold["testLabels"]), "fill": fill}


@pytest.fixture(scope="module", autouse=True)
def table():
    yield
    if RESULTS:
        report(RESULTS)


COLUMNS = ["detector", "max step-loss diff f32 (rel)", "max weight diff f32",
           "max step-loss diff f64 (rel)", "max weight diff f64", "AUC Java", "AUC PyG"]


def report(results):
    """Hands the section to ``parity_report`` (tests/), which writes ``detectors.md`` and
    ``detectors.json`` to ``$HEPGRAPH_PARITY_OUT`` at the end of the session and replaces
    docs/parity.md's ``## Detectors`` with it on ``--update-docs``."""
    import parity_report

    def f(v):
        return "—" if v is None else (f"{v:.4f}" if v > 0.01 else f"{v:.1e}")

    drift = ""
    r = results.get("graphcl", {})
    if "drift_weight_f32" in r:
        drift = DRIFT.format(weights=", ".join(f(v) for v in r["drift_weight_f32"]),
                             losses=", ".join(f(v) for v in r["drift_loss_f32"]))
    parity_report.define("Detectors", INTRO, COLUMNS, NOTES.replace("{drift}", drift))
    for kind in KINDS:
        r = results.get(kind, {})
        parity_report.record("Detectors", dict(zip(COLUMNS, [
            kind, f(r.get("loss_f32")), f(r.get("weight_f32")), f(r.get("loss_f64")),
            f(r.get("weight_f64")), f(r.get("auc_java")), f(r.get("auc_pyg"))])))


def views(steps, fill, seed):
    """Two augmented views of every graph of every step (GraphCL's defaults: 0.2 each)."""
    rng = np.random.default_rng(seed)
    first = [[augment(x, ei, rng, fill) for x, ei in step] for step in steps]
    second = [[augment(x, ei, rng, fill) for x, ei in step] for step in steps]
    return first, second


def run_both(kind, settings, dtype, prepare_graphs, steps, second, score=None, bank=None):
    torch.manual_seed(0)
    model = reference_model(kind, settings, prepare_graphs[0][0].shape[1])
    with JavaTrace(kind, settings, model.feature_mean.numel(), dtype) as java:
        java.load(model)
        ref = ReferenceTrace(kind, settings, model, dtype)
        java.prepare(prepare_graphs)
        ref.prepare(prepare_graphs)
        lj, lr = java.train(steps, second), ref.train(steps, second)
        wj = java.weights()
        wr = ref.weights(wj.keys())
        out = {"losses_java": lj, "losses_pyg": lr,
               "loss": float(np.max(np.abs(lj - lr) / np.maximum(1.0, np.abs(lr)))),
               "weight": max(float(np.abs(wj[k].astype(np.float64) - wr[k]).max()) for k in wj),
               "worst": max(wj, key=lambda k: float(np.abs(wj[k] - wr[k]).max()))}
        if score is not None:
            out["scores_java"] = java.scores(score, bank)
            out["scores_pyg"] = ref.scores(score, bank)
    return out


def trace_inputs(kind, aids):
    steps = [aids["train"][i * STEP_GRAPHS:(i + 1) * STEP_GRAPHS] for i in range(STEPS)]
    second = None
    if kind == "graphcl":
        steps, second = views(steps, aids["fill"], seed=0)
    return {"batchSize": STEP_GRAPHS}, aids["train"][:STEPS * STEP_GRAPHS], steps, second


def trace(kind, dtype, aids):
    return run_both(kind, *_with(dtype, trace_inputs(kind, aids)))


def _with(dtype, inputs):
    settings, prepare, steps, second = inputs
    return settings, dtype, prepare, steps, second


def reference_drift(kind, dtype, aids, seed, relative=1e-7):
    """The reference against itself: the same trace from initial weights multiplied by
    (1 + relative·N(0, 1)), i.e. perturbed at the scale of float32 rounding. How far two runs
    that differ only by rounding drift apart on this trace."""
    settings, prepare, steps, second = trace_inputs(kind, aids)
    runs = []
    for perturb in (False, True):
        torch.manual_seed(0)
        model = reference_model(kind, settings, prepare[0][0].shape[1])
        if perturb:
            g = torch.Generator().manual_seed(seed)
            with torch.no_grad():
                for p in model.parameters():
                    p.mul_(1 + relative * torch.randn(p.shape, generator=g))
        ref = ReferenceTrace(kind, settings, model, dtype)
        ref.prepare(prepare)
        losses = ref.train(steps, second)
        runs.append((losses, {k: v.clone() for k, v in model.state_dict().items()}))
    (la, wa), (lb, wb) = runs
    return {"loss": float(np.max(np.abs(la - lb) / np.maximum(1.0, np.abs(la)))),
            "weight": max(float((wa[k] - wb[k]).abs().max()) for k in wa)}


@pytest.mark.parametrize("kind", KINDS)
def test_fifty_steps_match_the_reference_in_float64(kind, aids):
    r = trace(kind, torch.float64, aids)
    RESULTS.setdefault(kind, {}).update(loss_f64=r["loss"], weight_f64=r["weight"])
    assert len(r["losses_java"]) == STEPS
    assert r["loss"] <= TOL, f"{kind}: step losses differ by {r['loss']:.3g} (relative)"
    assert r["weight"] <= TOL, f"{kind}: final weights differ by {r['weight']:.3g} ({r['worst']})"
    # the run did train: the loss moved
    assert abs(r["losses_java"][-1] - r["losses_java"][0]) > 1e-3


@pytest.mark.parametrize("kind", KINDS)
def test_fifty_steps_match_the_reference_in_float32(kind, aids):
    r = trace(kind, torch.float32, aids)
    RESULTS.setdefault(kind, {}).update(loss_f32=r["loss"], weight_f32=r["weight"])
    if kind == "graphcl":
        # Measured, not asserted (module doc): how far the reference drifts from itself when its
        # initial weights move by rounding-sized amounts, over five perturbations.
        drifts = [reference_drift(kind, torch.float32, aids, seed=k) for k in range(1, 6)]
        RESULTS[kind].update(drift_loss_f32=[d["loss"] for d in drifts],
                             drift_weight_f32=[d["weight"] for d in drifts])
        worst = ", ".join(f"{d['weight']:.1g}" for d in drifts)
        pytest.skip(f"graphcl float32 measured, not asserted: Java vs PyG step losses "
                    f"{r['loss']:.2g}, weights {r['weight']:.2g}; PyG vs perturbed PyG weights "
                    f"{worst}")
    assert r["loss"] <= TOL, f"{kind}: step losses differ by {r['loss']:.3g} (relative)"
    assert r["weight"] <= TOL, f"{kind}: final weights differ by {r['weight']:.3g} ({r['worst']})"


@pytest.mark.parametrize("kind", KINDS)
def test_auc_on_aids_fold_matches_the_reference(kind, aids):
    train, batch = aids["train"], 64
    rng = np.random.default_rng(0)
    steps = []
    for _ in range(2):
        order = rng.permutation(len(train))
        steps += [[train[i] for i in order[k:k + batch]] for k in range(0, len(train), batch)]
    second = None
    if kind == "graphcl":
        steps, second = views(steps, aids["fill"], seed=1)
    r = run_both(kind, {"batchSize": batch}, torch.float32, train, steps, second,
                 score=aids["test"], bank=train if kind == "graphcl" else None)
    a_java, a_pyg = auc(r["scores_java"], aids["labels"]), auc(r["scores_pyg"], aids["labels"])
    RESULTS.setdefault(kind, {}).update(auc_java=a_java, auc_pyg=a_pyg)
    assert abs(a_java - a_pyg) <= 0.01, f"{kind}: AUC Java {a_java:.4f} vs PyG {a_pyg:.4f}"


def test_a_trace_refuses_missing_weights_naming_them():
    with JavaTrace("ocgin", {"hidden": 4, "layers": 1}, 3) as java:
        with pytest.raises(hg.errors.InvalidArgumentError) as e:
            java.s.call("trace weights", java.j.loadParameters, {})
        assert "01encoder_01gin0_01mlp_01linear1_weight" in str(e.value)
        assert "missing" in str(e.value)


def test_a_trace_refuses_an_unknown_dtype():
    s = hg._jvm.session()
    with pytest.raises(hg.errors.InvalidArgumentError, match="float16"):
        s.call("trace", s.entry.detectorTraces().open, "ocgin", {}, 3, "float16")
