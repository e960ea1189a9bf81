"""Trigger-level events in the ADC2021 layout (Govorkova et al., Sci. Data 9 (2022) 118),
approximated: Pythia 8 (recipes.BACKGROUND, recipes.SIGNALS) and the parametrised detector of
:mod:`hepgraph.generate.detector` in place of the published Delphes simulation.

Each kept event is one ``Particles`` row [19, 4] of (pT, η, φ, class): row 0 MET (class 1),
rows 1–4 electrons (2), 5–8 muons (3), 9–18 jets (4), each group by descending pT, zero-padded.
``background.h5`` mixes the Standard-Model processes in the published proportions (largest
remainder rounding of n × fraction), shuffled, with ``process`` [N] naming each row's process
(ids → names in its ``process_names`` attribute); each signal file holds one process.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import cache, detector, layouts, parallel
from .checks import check_n, check_processes, check_seed
from .recipes import BACKGROUND, EVENTS_VERSION, SIGNALS

CHUNK = 100  # accepted events per chunk
MAX_TRIES_PER_EVENT = 2000  # the rarest process keeps ~1 event in 70; 1 in 2000 is a broken recipe
PROCESSES = {p.name: p for p, _ in BACKGROUND} | SIGNALS
N_E, N_MU, N_JET = 4, 4, 10


def _kinematics(parts):
    pt = np.hypot(parts["px"], parts["py"])
    eta = np.arcsinh(parts["pz"] / np.maximum(pt, 1e-12))
    return pt, eta, np.arctan2(parts["py"], parts["px"])


def reconstruct(parts: dict, rng: np.random.Generator, jet_def) -> np.ndarray | None:
    """The [19, 4] ADC2021 row of one event's visible final state (detector.py), or None when no
    electron or muon passes the trigger (pT > 23 GeV)."""
    from .clustering import cluster

    pt, eta, phi = _kinematics(parts)
    aid = np.abs(parts["id"])
    u = rng.random(len(pt))
    is_e = ((aid == 11) & (np.abs(eta) < detector.ELECTRON_ETA_MAX)
            & (pt > detector.LEPTON_PT_MIN) & (u < detector.electron_efficiency(eta)))
    is_mu = ((aid == 13) & (np.abs(eta) < detector.MUON_ETA_MAX)
             & (pt > detector.LEPTON_PT_MIN) & (u < detector.muon_efficiency(eta)))
    e_pt = detector.smear_pt(pt[is_e], detector.electron_resolution(pt[is_e]), rng)
    mu_pt = detector.smear_pt(pt[is_mu], detector.muon_resolution(pt[is_mu]), rng)
    if not (np.any(e_pt > detector.TRIGGER_PT_MIN) or np.any(mu_pt > detector.TRIGGER_PT_MIN)):
        return None  # decided before clustering: most generated events stop here
    rest = ~(is_e | is_mu) & (np.abs(eta) < detector.INPUT_ETA_MAX)
    seq, jets = cluster({k: parts[k][rest] for k in ("px", "py", "pz", "e")}, jet_def)  # noqa: F841
    j_pt0 = np.array([j.pt() for j in jets])
    j_eta = np.array([j.eta() for j in jets])
    j_phi = np.array([j.phi_std() for j in jets])
    j_pt = detector.smear_pt(j_pt0, detector.jet_resolution(j_pt0), rng)
    # MET: minus the vector sum of everything reconstructed (leptons and all jets)
    mx = -(np.sum(e_pt * np.cos(phi[is_e])) + np.sum(mu_pt * np.cos(phi[is_mu]))
           + np.sum(j_pt * np.cos(j_phi)))
    my = -(np.sum(e_pt * np.sin(phi[is_e])) + np.sum(mu_pt * np.sin(phi[is_mu]))
           + np.sum(j_pt * np.sin(j_phi)))
    row = np.zeros((19, 4), np.float32)
    row[0] = (np.hypot(mx, my), 0.0, np.arctan2(my, mx), 1)
    keep = (j_pt > detector.JET_PT_MIN) & (np.abs(j_eta) < detector.JET_ETA_MAX)
    for start, size, cls, p, e, f in ((1, N_E, 2, e_pt, eta[is_e], phi[is_e]),
                                      (5, N_MU, 3, mu_pt, eta[is_mu], phi[is_mu]),
                                      (9, N_JET, 4, j_pt[keep], j_eta[keep], j_phi[keep])):
        order = np.argsort(-p, kind="stable")[:size]
        k = len(order)
        row[start:start + k, 0], row[start:start + k, 1] = p[order], e[order]
        row[start:start + k, 2], row[start:start + k, 3] = f[order], cls
    return row


def _chunk(chunk: parallel.Chunk):
    """``chunk.count`` accepted events of process ``chunk.task``: (Particles [k, 19, 4], tries)."""
    from .clustering import jet_definition
    from .pythia import make_pythia, visible_final

    pythia = make_pythia(PROCESSES[chunk.task].settings, chunk.seed)
    rng = np.random.default_rng(chunk.seed)
    jet_def = jet_definition(detector.JET_R)
    rows = np.zeros((chunk.count, 19, 4), np.float32)
    got = tries = 0
    while got < chunk.count:
        tries += 1
        if tries > MAX_TRIES_PER_EVENT * chunk.count:
            raise RuntimeError(f"hepgraph.generate.events: {chunk.task} kept {got} events in "
                               f"{tries}; the lepton filter rejects almost everything")
        if not pythia.next():
            continue
        row = reconstruct(visible_final(pythia.event), rng, jet_def)
        if row is not None:
            rows[got] = row
            got += 1
    return rows, tries


def background_counts(n: int) -> dict[str, int]:
    """Events per SM process for ``n`` background events: n × fraction, rounded by largest
    remainder so the counts sum to n (ties go to the earlier process)."""
    exact = np.array([f * n for _, f in BACKGROUND])
    counts = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - counts), kind="stable")[: n - counts.sum()]:
        counts[i] += 1
    return {p.name: int(c) for (p, _), c in zip(BACKGROUND, counts)}


def _signals(signal) -> list[str]:
    if signal is None or signal == "none":
        return []
    if signal == "all":
        return list(SIGNALS)
    names = [signal] if isinstance(signal, str) else list(signal)
    for s in names:
        if s not in SIGNALS:
            from ..errors import InvalidArgumentError

            raise InvalidArgumentError(
                f"hepgraph.generate.events: unknown signal {s!r}; use 'all', 'none' or any of "
                f"{', '.join(SIGNALS)}")
    return list(dict.fromkeys(names))


def cache_path(stem: str, n: int, seed: int) -> Path:
    return cache.cache_dir() / f"events-{EVENTS_VERSION}-seed{seed}-n{n}" / f"{stem}.h5"


def events(n: int, *, signal="all", seed: int = 1, out=None, processes: int | None = None,
           progress: bool = True) -> dict[str, Path]:
    """``n`` events per file in the ADC2021 layout: ``background`` (the SM mixture) and each
    requested signal (``"all"``, ``"none"``, one of Ato4l, leptoquark, hToTauTau, hChToTauNu, or a
    list of them). Cached by (recipe version, seed, n) per file; ``out`` (a folder) receives
    copies named ``<stem>.h5``. ``processes`` as in :func:`~hepgraph.generate.jets`. Returns
    {stem: path}."""
    check_n("events", n)
    check_seed("events", seed)
    check_processes("events", processes)
    stems = ["background"] + _signals(signal)
    paths = {s: cache_path(s, n, seed) for s in stems}
    todo = []
    for s in stems:
        if paths[s].exists():
            cache.announce_hit(paths[s],
                               f"events {s} (recipe {EVENTS_VERSION}, seed {seed}, n {n})")
        else:
            todo.append(s)
    counts = {}
    if "background" in todo:
        counts |= background_counts(n)
    counts |= {s: n for s in todo if s != "background"}
    if counts:
        chunks = parallel.plan(EVENTS_VERSION, seed, counts, CHUNK)
        results = parallel.run(_chunk, chunks, processes=processes, progress=progress,
                               desc="events", unit="event")
        by_task = {}
        for c, (rows, _) in zip(chunks, results):
            by_task.setdefault(c.task, []).append(rows)
        if "background" in todo:
            names = [p.name for p, _ in BACKGROUND]
            parts = [(i, np.concatenate(by_task[name])) for i, name in enumerate(names)
                     if name in by_task]
            rows = np.concatenate([r for _, r in parts])
            ids = np.concatenate([np.full(len(r), i) for i, r in parts])
            order = np.random.default_rng(
                parallel.chunk_seed(EVENTS_VERSION, seed, "shuffle-background", 0)).permutation(n)
            with cache.atomic(paths["background"]) as tmp:
                layouts.write_adc2021(tmp, rows[order], ids[order], names)
        for s in todo:
            if s != "background":
                with cache.atomic(paths[s]) as tmp:
                    layouts.write_adc2021(tmp, np.concatenate(by_task[s]))
    if out is None:
        return paths
    return {s: cache.deliver(p, Path(out) / f"{s}.h5") for s, p in paths.items()}
