"""Small files in the field's layouts (docs/data.md, "Reading files"), written with the libraries
the public data sets were written with (pandas for the top-tagging table, h5py for the rest), for
the reader tests. Random but seeded; the physics is a rough stand-in, the layout is exact."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def _cloud(rng, n_real, p, spread):
    pt = np.sort(rng.exponential(20.0, n_real))[::-1] + 1.0
    eta = rng.normal(0.0, spread, n_real)
    phi = rng.normal(0.0, spread, n_real)
    return pt, eta, phi


def toptag(path: Path, n: int = 60, p: int = 30, seed: int = 0, extra=True) -> dict:
    """The Kasieczka et al. reference table: ``to_hdf(key="table", format="fixed")``, columns
    E_i, PX_i, PY_i, PZ_i (zero-padded, pT-descending), truth 4-vector, ttv, is_signal_new.
    Returns the counts, labels and ttv written."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    cols = {f"{c}_{i}": np.zeros(n, np.float32) for c in ("E", "PX", "PY", "PZ") for i in range(p)}
    counts = np.zeros(n, np.int64)
    labels = (np.arange(n) % 2).astype(np.int64)
    for j in range(n):
        m = int(rng.integers(p // 2, p + 1) if labels[j] else rng.integers(3, p // 2))
        counts[j] = m
        pt, eta, phi = _cloud(rng, m, p, 0.3 if labels[j] else 0.1)
        for i in range(m):
            cols[f"E_{i}"][j] = pt[i] * np.cosh(eta[i])
            cols[f"PX_{i}"][j] = pt[i] * np.cos(phi[i])
            cols[f"PY_{i}"][j] = pt[i] * np.sin(phi[i])
            cols[f"PZ_{i}"][j] = pt[i] * np.sinh(eta[i])
    order = [f"{c}_{i}" for c in ("E", "PX", "PY", "PZ") for i in range(p)]
    df = pd.DataFrame({k: cols[k] for k in order})
    for t in ("truthE", "truthPX", "truthPY", "truthPZ"):
        df[t] = (labels * 100.0).astype(np.float32)
    ttv = (np.arange(n) % 3).astype(np.int64)
    df["ttv"] = ttv
    df["is_signal_new"] = labels
    if extra:
        df["generator_note"] = np.ones(n, np.float64)  # an unknown column: ignored
    df.to_hdf(path, key="table", mode="w", format="fixed")
    return {"counts": counts, "labels": labels, "ttv": ttv, "frame": df}


def jetnet(path: Path, n: int = 40, p: int = 30, seed: int = 1, labels=True) -> dict:
    """JetNet style: particle_features [N, P, 4] (etarel, phirel, ptrel, mask), jet_features."""
    import h5py

    rng = np.random.default_rng(seed)
    x = np.zeros((n, p, 4), np.float32)
    counts = rng.integers(5, p + 1, n)
    for j in range(n):
        m = counts[j]
        pt, eta, phi = _cloud(rng, m, p, 0.2)
        x[j, :m, 0], x[j, :m, 1], x[j, :m, 2], x[j, :m, 3] = eta, phi, pt / pt.sum(), 1.0
    y = (np.arange(n) % 2).astype(np.int64)
    with h5py.File(path, "w") as f:
        d = f.create_dataset("particle_features", data=x)
        d.attrs["particle_features_names"] = [b"etarel", b"phirel", b"ptrel", b"mask"]
        f.create_dataset("jet_features", data=rng.normal(size=(n, 4)).astype(np.float32))
        f["jet_features"].attrs["jet_features_names"] = [b"type", b"pt", b"eta", b"mass"]
        if labels:
            f.create_dataset("labels", data=y)
    return {"counts": counts, "labels": y, "x": x}


def adc2021(path: Path, n: int = 50, seed: int = 2, signal=False, extra=None) -> np.ndarray:
    """The ADC2021 layout: Particles [N, 19, 4] = (pT, eta, phi, class id); rows 0 MET, 1-4 e,
    5-8 mu, 9-18 jets, each group pT-descending and zero-padded; Particles_Names and
    Particles_Classes as in the official files. Returns the Particles array."""
    import h5py

    rng = np.random.default_rng(seed)
    x = np.zeros((n, 19, 4), np.float32)
    for j in range(n):
        x[j, 0] = [rng.exponential(60 if signal else 30), 0.0, rng.uniform(-np.pi, np.pi), 1]
        for start, size, cls, most in ((1, 4, 2, 2), (5, 4, 3, 2), (9, 10, 4, 6)):
            m = int(rng.integers(1 if cls == 2 else 0, most + 1))
            pts = np.sort(rng.exponential(40 if signal else 20, m) + 23)[::-1]
            for i in range(m):
                x[j, start + i] = [pts[i], rng.normal(0, 1.5), rng.uniform(-np.pi, np.pi), cls]
    with h5py.File(path, "w") as f:
        f.create_dataset("Particles", data=x)
        f.create_dataset("Particles_Names", data=np.array([b"Pt", b"Eta", b"Phi", b"Class"]))
        f.create_dataset("Particles_Classes", data=np.array(
            [b"MET_class_1", b"Four_Ele_class_2", b"Four_Mu_class_3", b"Ten_Jet_class_4"]))
        for name, v in (extra or {}).items():
            f.create_dataset(name, data=v)
    return x
