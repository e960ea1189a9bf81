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
precision) for ocgin, gae and glocalkd. GraphCL's raw float32 trace is measured, not asserted: at
one step (24 of 50) one projection-head ReLU input sits within float32 rounding of 0 (5e-7), the
two sides fall on opposite sides of the kink and part by ~1e-4 afterwards (``relu_edge``). What
is asserted for it: the departure follows a ReLU input within 1e-5 of 0, and the reference with
that one entry on the other side of the kink matches Java within 1e-4 over all 50 steps.

AUC: for each of the 5 GLocalKD folds (seed 0), both sides train on the fold's 1280 normal
graphs for 2 epochs of 64 graphs per step (batch order from ``numpy.random.default_rng(0)``),
float32, then score the fold's 400 test graphs (80 anomalies); per fold the AUCs must agree
within 0.01. The table reports mean ± std (population, as ``BenchmarkResult``) over the folds.

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
from detector_parity_text import EDGE, INTRO, NOTES
from relu_edge import flipped, nearest_edges

STEPS, STEP_GRAPHS = 50, 16
FOLDS = 5
TOL = 1e-4
# GraphCL float32: a step whose loss differs by more than this (relative) is where the traces
# depart; before it they agree to ~3e-7 (rounding), after it by up to ~1e-3.
DEPARTED = 1e-5
# A ReLU input this close to 0 is within float32 rounding of a 96-term dot product of O(1) terms.
KNIFE_EDGE = 1e-5
RESULTS: dict = {}
_FOLDS: dict = {}


def aids_fold(k: int) -> dict:
    """GLocalKD fold ``k`` of 5 (seed 0) of TU AIDS, as the benchmark draws it (Java's
    ``GlocalkdFolds``): training graphs (normal only), test graphs and labels, feature mean."""
    if k not in _FOLDS:
        d = hg.dataset("tu:AIDS")
        s = hg._jvm.session()
        bridge = s.entry.detectorTraces()
        jd = s.entry.openDataset("tu:AIDS", {})
        fold = json.loads(bridge.glocalkdFoldJson(jd, FOLDS, k, 0))
        train = graphs_of(d.graphs, fold["train"])
        test = graphs_of(d.graphs, fold["test"])
        fill = np.concatenate([x for x, _ in train]).mean(0).astype(np.float32)
        _FOLDS[k] = {"train": train, "test": test, "labels": np.array(fold["testLabels"]),
                     "fill": fill}
    return _FOLDS[k]


@pytest.fixture(scope="module")
def aids():
    return aids_fold(0)


@pytest.fixture(scope="module", autouse=True)
def table():
    yield
    if RESULTS:
        report(RESULTS)


COLUMNS = ["detector", "max step-loss diff f32 (rel)", "max weight diff f32",
           "max step-loss diff f64 (rel)", "max weight diff f64",
           f"AUC Java ({FOLDS} folds)", f"AUC PyG ({FOLDS} folds)", "largest fold ΔAUC"]


def report(results):
    """Hands the section to ``parity_report`` (tests/), which writes ``detectors.md`` and
    ``detectors.json`` to ``$HEPGRAPH_PARITY_OUT`` at the end of the session and replaces
    docs/parity.md's ``## Detectors`` with it on ``--update-docs``."""
    import parity_report

    def f(v):
        return "—" if v is None else (f"{v:.4f}" if v > 0.01 else f"{v:.1e}")

    def folds(values):
        if len(values) < FOLDS:
            return "—" if not values else f"{len(values)} of {FOLDS} folds run"
        return f"{np.mean(values):.4f} ± {np.std(values):.4f}"

    edge = ""
    r = results.get("graphcl", {})
    if "edge" in r:
        e = r["edge"]
        edge = EDGE.format(agree=r["agree"], runner_up=f(r["runner_up"]), step=e.step + 1,
                           view=e.call + 1, row=e.row, unit=e.unit,
                           value=f"{e.value:.1e}", before=f(r["before_f32"]),
                           loss=f(r["aligned_loss_f32"]), weight=f(r["aligned_weight_f32"]))
    parity_report.define("Detectors", INTRO, COLUMNS, NOTES.replace("{edge}", edge))
    for kind in KINDS:
        r = results.get(kind, {})
        aucs = r.get("auc", {})
        java, pyg = [a for a, _ in aucs.values()], [b for _, b in aucs.values()]
        delta = max((abs(a - b) for a, b in aucs.values()), default=None)
        parity_report.record("Detectors", dict(zip(COLUMNS, [
            kind, f(r.get("loss_f32")), f(r.get("weight_f32")), f(r.get("loss_f64")),
            f(r.get("weight_f64")), folds(java), folds(pyg),
            "—" if delta is None else ("0" if delta == 0 else f"{delta:.1e}")])))


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
        out = {"losses_java": lj, "weights_java": wj, **compare(lj, wj, lr, ref)}
        if score is not None:
            out["scores_java"] = java.scores(score, bank)
            out["scores_pyg"] = ref.scores(score, bank)
    return out


def compare(lj, wj, lr, ref):
    """Step losses (relative) and final weights of Java (``lj``, ``wj``) against a reference run
    (``lr``, ``ref``)."""
    wr = ref.weights(wj.keys())
    rel = np.abs(lj - lr) / np.maximum(1.0, np.abs(lr))
    return {"losses_pyg": lr, "step_loss": rel, "loss": float(rel.max()),
            "weight": max(float(np.abs(wj[k].astype(np.float64) - wr[k]).max()) for k in wj),
            "worst": max(wj, key=lambda k: float(np.abs(wj[k] - wr[k]).max()))}


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


def reference(kind, dtype, aids):
    """A fresh reference model and trace for ``trace(kind, dtype, aids)``, prepared."""
    settings, prepare, steps, second = trace_inputs(kind, aids)
    torch.manual_seed(0)
    model = reference_model(kind, settings, prepare[0][0].shape[1])
    ref = ReferenceTrace(kind, settings, model, dtype)
    ref.prepare(prepare)
    return ref, steps, second


@pytest.mark.parametrize("kind", KINDS)
def test_fifty_steps_match_the_reference_in_float64(kind, aids):
    r = trace(kind, torch.float64, aids)
    RESULTS.setdefault(kind, {}).update(loss_f64=r["loss"], weight_f64=r["weight"])
    assert len(r["losses_java"]) == STEPS
    assert r["loss"] <= TOL, f"{kind}: step losses differ by {r['loss']:.3g} (relative)"
    assert r["weight"] <= TOL, f"{kind}: final weights differ by {r['weight']:.3g} ({r['worst']})"
    # the run did train: the loss moved
    assert abs(r["losses_java"][-1] - r["losses_java"][0]) > 1e-3


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "graphcl"])
def test_fifty_steps_match_the_reference_in_float32(kind, aids):
    r = trace(kind, torch.float32, aids)
    RESULTS.setdefault(kind, {}).update(loss_f32=r["loss"], weight_f32=r["weight"])
    assert r["loss"] <= TOL, f"{kind}: step losses differ by {r['loss']:.3g} (relative)"
    assert r["weight"] <= TOL, f"{kind}: final weights differ by {r['weight']:.3g} ({r['worst']})"


def test_graphcl_fifty_steps_in_float32_match_once_its_knife_edge_relu_is_aligned(aids):
    """See ``relu_edge``: the raw float32 trace is measured (table); asserted are that the
    departure follows a projection ReLU input within rounding of 0, and the whole trace against
    the reference with that one entry on the other side of the kink."""
    r = trace("graphcl", torch.float32, aids)
    RESULTS.setdefault("graphcl", {}).update(loss_f32=r["loss"], weight_f32=r["weight"])
    if r["loss"] <= TOL and r["weight"] <= TOL:
        return  # no departure on this machine: the plain assertion holds
    departed = np.flatnonzero(r["step_loss"] > DEPARTED)
    assert len(departed), f"graphcl: weights differ by {r['weight']:.3g} but no step loss does"
    first = int(departed[0])
    before = float(r["step_loss"][:first].max()) if first else 0.0
    ref, steps, second = reference("graphcl", torch.float32, aids)
    _, edges = nearest_edges(ref, steps, second)
    edge = min(edges[:first], key=lambda e: abs(e.value), default=None)
    assert edge is not None and abs(edge.value) <= KNIFE_EDGE, (
        f"graphcl float32: the traces part at step {first + 1} but no projection ReLU input "
        f"before it was within {KNIFE_EDGE} of 0 (nearest {edge}): a real difference")
    ref, steps, second = reference("graphcl", torch.float32, aids)
    with flipped(ref.model, edge):
        lr = ref.train(steps, second)
    c = compare(r["losses_java"], r["weights_java"], lr, ref)
    runner_up = min((abs(e.value) for e in edges[:first] if e is not edge), default=None)
    RESULTS["graphcl"].update(edge=edge, agree=first, runner_up=runner_up, before_f32=before,
                              aligned_loss_f32=c["loss"], aligned_weight_f32=c["weight"])
    assert c["loss"] <= TOL, f"graphcl aligned at {edge}: step losses differ by {c['loss']:.3g}"
    assert c["weight"] <= TOL, (
        f"graphcl aligned at {edge}: final weights differ by {c['weight']:.3g} ({c['worst']})")


@pytest.mark.parametrize("fold", range(FOLDS))
@pytest.mark.parametrize("kind", KINDS)
def test_auc_on_aids_fold_matches_the_reference(kind, fold):
    data = aids_fold(fold)
    train, batch = data["train"], 64
    rng = np.random.default_rng(0)
    steps = []
    for _ in range(2):
        order = rng.permutation(len(train))
        steps += [[train[i] for i in order[k:k + batch]] for k in range(0, len(train), batch)]
    second = None
    if kind == "graphcl":
        steps, second = views(steps, data["fill"], seed=1)
    r = run_both(kind, {"batchSize": batch}, torch.float32, train, steps, second,
                 score=data["test"], bank=train if kind == "graphcl" else None)
    a_java, a_pyg = auc(r["scores_java"], data["labels"]), auc(r["scores_pyg"], data["labels"])
    RESULTS.setdefault(kind, {}).setdefault("auc", {})[fold] = (a_java, a_pyg)
    assert abs(a_java - a_pyg) <= 0.01, (
        f"{kind} fold {fold}: AUC Java {a_java:.4f} vs PyG {a_pyg:.4f}")


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
