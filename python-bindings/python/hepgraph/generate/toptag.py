"""Jets in the top-tagging recipe (Kasieczka et al., SciPost Phys. 7 (2019) 014, approximated).

Per event: Pythia 8 (recipes.JET_PROCESSES), the visible final state smeared by
:func:`~hepgraph.generate.detector.smear_constituents`, anti-kT R = 0.8 (FastJet); the event is
kept when its leading jet has 550 ≤ pT ≤ 650 GeV and |η| < 2, and — for tt̄ — lies within ΔR < 0.8
of a hadronically decaying top *and* of that top's three decay quarks (b, q, q̄'). A kept jet gives
one row: its first 200 constituents by pT (E, px, py, pz), zero-padded; the matched top's
four-momentum (truth*, 0 for QCD); ``is_signal_new`` (1 top, 0 QCD); ``ttv`` (0 train, 1 test,
2 val: the first 60 % / next 20 % / last 20 % of the shuffled rows).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import cache, layouts, parallel
from .checks import check_n, check_processes, check_seed
from .recipes import JET_PROCESSES, JETS_VERSION

JET_R = 0.8
PT_MIN, PT_MAX, ETA_MAX = 550.0, 650.0, 2.0
MATCH_R = 0.8
CHUNK = 100  # accepted jets per chunk (one Pythia initialisation, ~0.3 s, per chunk)
MAX_TRIES_PER_JET = 200  # a chunk that keeps fewer than 1 in 200 events is a broken recipe


def _delta_r(eta1, phi1, eta2, phi2):
    dphi = (phi1 - phi2 + np.pi) % (2 * np.pi) - np.pi
    return np.hypot(eta1 - eta2, dphi)


def _eta_phi(px, py, pz):
    pt = np.hypot(px, py)
    return np.arcsinh(pz / np.maximum(pt, 1e-12)), np.arctan2(py, px)


def hadronic_tops(event) -> list[tuple[np.ndarray, list[tuple[float, float]]]]:
    """Each top that decays to b q q̄': (its E, px, py, pz before decay, [(η, φ) of b, q, q̄'])."""
    tops = []
    for i in range(event.size()):
        t = event[i]
        if t.idAbs() != 6 or t.iBotCopyId() != i:
            continue
        quarks = []
        for d in t.daughterList():
            dd = event[event[d].iBotCopyId()]
            if dd.idAbs() == 5:
                quarks.append(dd)
            elif dd.idAbs() == 24:
                quarks += [event[w] for w in dd.daughterList() if 1 <= event[w].idAbs() <= 5]
        if len(quarks) == 3:
            tops.append((np.array([t.e(), t.px(), t.py(), t.pz()]),
                         [(q.eta(), q.phi()) for q in quarks]))
    return tops


def _chunk(chunk: parallel.Chunk):
    """``chunk.count`` accepted jets of one class: (constituents [k, 200, 4], truth [k, 4],
    events generated)."""
    from .clustering import cluster, constituent_indices, jet_definition
    from .detector import smear_constituents
    from .pythia import make_pythia, visible_final

    pythia = make_pythia(JET_PROCESSES[chunk.task], chunk.seed)
    rng = np.random.default_rng(chunk.seed)
    jet_def = jet_definition(JET_R)
    cons = np.zeros((chunk.count, layouts.MAX_CONSTITUENTS, 4), np.float32)
    truth = np.zeros((chunk.count, 4), np.float32)
    got = tries = 0
    while got < chunk.count:
        tries += 1
        if tries > MAX_TRIES_PER_JET * chunk.count:
            raise RuntimeError(f"hepgraph.generate.jets: {chunk.task} kept {got} jets in {tries} "
                               "events; the recipe's pT-hat window no longer fits the jet window")
        if not pythia.next():
            continue
        parts = smear_constituents(visible_final(pythia.event), rng)
        seq, jets = cluster(parts, jet_def)  # noqa: F841 (seq owns the jets' constituents)
        if not jets:
            continue
        lead = jets[0]
        if not (PT_MIN <= lead.pt() <= PT_MAX and abs(lead.eta()) < ETA_MAX):
            continue
        eta, phi = lead.eta(), lead.phi_std()
        if chunk.task == "top":
            matched = [p4 for p4, quarks in hadronic_tops(pythia.event)
                       if _delta_r(eta, phi, *_eta_phi(p4[1], p4[2], p4[3])) < MATCH_R
                       and all(_delta_r(eta, phi, qe, qp) < MATCH_R for qe, qp in quarks)]
            if not matched:
                continue
            truth[got] = matched[0]
        idx = constituent_indices(lead)
        pt = np.hypot(parts["px"][idx], parts["py"][idx])
        # pT-descending; ties (none in practice) broken by index so the order is reproducible
        idx = idx[np.lexsort((idx, -pt))][:layouts.MAX_CONSTITUENTS]
        cons[got, :len(idx)] = np.stack([parts[k][idx] for k in ("e", "px", "py", "pz")], axis=1)
        got += 1
    return cons, truth, tries


def cache_path(n: int, seed: int) -> Path:
    return cache.cache_dir() / f"jets-{JETS_VERSION}-seed{seed}-n{n}.h5"


def jets(n: int, *, seed: int = 1, out=None, processes: int | None = None,
         progress: bool = True) -> Path:
    """``n`` jets of the top-tagging recipe, half QCD (label 0, ``n - n // 2`` rows) half top
    (label 1, ``n // 2`` rows), shuffled, in the top-tagging reference layout (docs/data.md).

    Cached by (recipe version, seed, n) in :func:`~hepgraph.generate.cache.cache_dir`; ``out``
    (a file path) receives a copy. ``processes``: worker processes (None: one per CPU; the file
    does not depend on it). Returns the file's path.
    """
    check_n("jets", n)
    check_seed("jets", seed)
    check_processes("jets", processes)
    path = cache_path(n, seed)
    if path.exists():
        cache.announce_hit(path, f"jets (recipe {JETS_VERSION}, seed {seed}, n {n})")
        return cache.deliver(path, out)
    counts = {"qcd": n - n // 2, "top": n // 2}
    chunks = parallel.plan(JETS_VERSION, seed, counts, CHUNK)
    results = parallel.run(_chunk, chunks, processes=processes, progress=progress,
                           desc="jets", unit="jet")
    cons = np.concatenate([r[0] for r in results])
    truth = np.concatenate([r[1] for r in results])
    label = np.concatenate([np.full(c.count, int(c.task == "top")) for c in chunks])
    order = np.random.default_rng(parallel.chunk_seed(JETS_VERSION, seed, "shuffle", 0)) \
        .permutation(n)
    ttv = np.where(np.arange(n) < round(0.6 * n), 0, np.where(np.arange(n) < round(0.8 * n), 1, 2))
    with cache.atomic(path) as tmp:
        layouts.write_toptag(tmp, cons[order], truth[order], ttv, label[order])
    return cache.deliver(path, out)
