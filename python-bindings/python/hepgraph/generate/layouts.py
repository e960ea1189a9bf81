"""Writers of the two file layouts (docs/data.md): the top-tagging reference table (pandas,
``key="table"``, fixed format) and ADC2021 (``Particles`` N×19×4). Both write byte-identical files
for identical inputs: HDF5 object timestamps are switched off (PyTables records them by default)."""

from __future__ import annotations

import contextlib
import functools

import numpy as np

MAX_CONSTITUENTS = 200
ADC_NAMES = [b"Pt", b"Eta", b"Phi", b"Class"]
ADC_CLASSES = [b"MET_class_1", b"Four_Ele_class_2", b"Four_Mu_class_3", b"Ten_Jet_class_4"]


@contextlib.contextmanager
def _no_timestamps():
    """PyTables' node constructors with ``track_times=False`` (pandas offers no way to ask)."""
    import tables

    names = ("create_array", "create_carray", "create_earray", "create_vlarray", "create_table")
    saved = {n: getattr(tables.File, n) for n in names}

    def untimed(f):
        @functools.wraps(f)
        def g(self, *args, **kwargs):
            kwargs.setdefault("track_times", False)
            return f(self, *args, **kwargs)
        return g

    for n, f in saved.items():
        setattr(tables.File, n, untimed(f))
    try:
        yield
    finally:
        for n, f in saved.items():
            setattr(tables.File, n, f)


def toptag_columns(p: int = MAX_CONSTITUENTS) -> list[str]:
    """The constituent columns in the reference files' order: E_0, PX_0, PY_0, PZ_0, E_1, ..."""
    return [f"{c}_{i}" for i in range(p) for c in ("E", "PX", "PY", "PZ")]


def write_toptag(path, constituents: np.ndarray, truth: np.ndarray, ttv: np.ndarray,
                 label: np.ndarray) -> None:
    """``constituents`` [N, P, 4] (E, px, py, pz; pT-descending, zero-padded), ``truth`` [N, 4]
    (E, px, py, pz of the matched top, 0 for QCD), ``ttv`` and ``label`` [N] → the reference
    layout: ``pd.read_hdf(path, key="table")``."""
    import pandas as pd

    n, p, _ = constituents.shape
    floats = np.concatenate([constituents.reshape(n, p * 4), truth], axis=1).astype(np.float32)
    truth_names = ["truthE", "truthPX", "truthPY", "truthPZ"]
    df = pd.DataFrame(floats, columns=toptag_columns(p) + truth_names)
    df["ttv"] = ttv.astype(np.int64)
    df["is_signal_new"] = label.astype(np.int64)
    with _no_timestamps():
        df.to_hdf(path, key="table", mode="w", format="fixed")


def write_adc2021(path, particles: np.ndarray, process: np.ndarray | None = None,
                  process_names: list[str] | None = None) -> None:
    """``particles`` [N, 19, 4] float32 → ``Particles``, ``Particles_Names``,
    ``Particles_Classes`` (as the official files), plus ``process`` [N] int64 with its
    ``process_names`` attribute (id → name) when given."""
    import h5py

    with h5py.File(path, "w") as f:  # h5py records no timestamps by default
        f.create_dataset("Particles", data=particles.astype(np.float32))
        f.create_dataset("Particles_Names", data=np.array(ADC_NAMES))
        f.create_dataset("Particles_Classes", data=np.array(ADC_CLASSES))
        if process is not None:
            d = f.create_dataset("process", data=process.astype(np.int64))
            d.attrs["process_names"] = np.array([s.encode() for s in process_names])
