"""Packages hepgraph uses only where they exist: numpy, torch, pyarrow, py4j, tqdm.

Under CPython they are all installed (requirements.txt). Under GraalPy (``hepgraph run``, inside
the JVM) only the standard library is there, so the package must import without them: modules
write ``from ._optional import numpy as np``, and numpy is imported at the first attribute used.
A function that needs a missing package raises :class:`~hepgraph.errors.MissingDependencyError`
naming the package, what needed it, and what works instead.
"""

from __future__ import annotations

import importlib
import os
import sys

from .errors import MissingDependencyError

GRAALPY = sys.implementation.name == "graalpy"


class LazyModule:
    """A module imported on first attribute access; each attribute is then cached on this object,
    so later uses cost what a module attribute costs."""

    def __init__(self, name: str):
        self.__dict__["_name"] = name

    def _load(self):
        try:
            return importlib.import_module(self._name)
        except ImportError as e:
            raise missing(self._name) from e

    def __getattr__(self, attr):
        value = getattr(self._load(), attr)
        self.__dict__[attr] = value
        return value

    def __repr__(self):
        return f"<hepgraph lazy module {self._name}>"


def missing(name: str, what: str | None = None) -> MissingDependencyError:
    """The error for a missing optional package ``name`` needed by ``what``."""
    where = (f"GraalPy {sys.version.split()[0]} inside the JVM (hepgraph run), which has only the"
             " standard library" if GRAALPY else f"this Python ({sys.executable})")
    need = f"{what} needs {name}" if what else f"this hepgraph function needs {name}"
    fix = (" Under hepgraph run, use data sets opened with hg.dataset(uri), detectors and their"
           " scores (memoryviews over Java's buffers) and hg.metrics; or run the script with CPython"
           " (python script.py), where numpy, torch and pyarrow are installed." if GRAALPY else
           f" Install it (pip install {name}; the pinned versions are in requirements.txt).")
    return MissingDependencyError(f"hepgraph: {need}, which is not installed in {where}.{fix}",
                                  package=name)


def available(name: str) -> bool:
    """Whether ``name`` can be imported (imports it)."""
    try:
        importlib.import_module(name)
        return True
    except ImportError:
        return False


def int64_array(values):
    """``values`` (a list of ints) as a numpy int64 array, or an ``array('q')`` without numpy."""
    if available("numpy"):
        import numpy as _np

        return _np.asarray(values, dtype=_np.int64)
    from array import array

    return array("q", values)


class TextProgress:
    """A stand-in for tqdm where it is missing (GraalPy): one line per update on stderr."""

    def __init__(self, total=None, desc="", unit="it", **_):
        self.total, self.desc, self.unit, self.n, self._post = total, desc, unit, 0, ""

    def update(self, n=1):
        self.n += n
        print(f"{self.desc}: {self.n}/{self.total} {self.unit}{self._post}", file=sys.stderr)

    def set_postfix(self, refresh=True, **kv):  # noqa: ARG002 - every update prints anyway
        self._post = "  " + " ".join(f"{k}={v}" for k, v in kv.items())

    def close(self):
        pass


NOTEBOOK_TEXT_INTERVAL = 2.0
"""Seconds between redraws of tqdm's text bar inside a Jupyter kernel (see :func:`tqdm`)."""


def in_jupyter_kernel() -> bool:
    """Whether this process is a Jupyter kernel (the test ``tqdm.autonotebook`` makes)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
        return shell is not None and "IPKernelApp" in shell.config
    except Exception:  # noqa: BLE001 - an odd IPython means: not a kernel we know
        return False


def tqdm(*args, **kwargs):
    """``tqdm.auto.tqdm`` where installed, else :class:`TextProgress`.

    In a Jupyter kernel without ipywidgets, ``tqdm.auto`` falls back to the text bar, and each
    redraw there is one more output saved in the notebook (an executed notebook held ~160 bar
    lines for two 40-epoch fits). The bar then redraws at most every
    :data:`NOTEBOOK_TEXT_INTERVAL` seconds (first and last state always shown), unless the caller
    or ``$TQDM_MININTERVAL`` chose an interval.
    """
    try:
        from tqdm.auto import tqdm as _tqdm
        from tqdm.autonotebook import tqdm as _chosen
        from tqdm.std import tqdm as _text
    except ImportError:
        return TextProgress(*args, **kwargs)
    # tqdm.autonotebook picked the text bar (tqdm.auto wraps it for asyncio)
    if _chosen is _text and "TQDM_MININTERVAL" not in os.environ and in_jupyter_kernel():
        kwargs.setdefault("mininterval", NOTEBOOK_TEXT_INTERVAL)
    return _tqdm(*args, **kwargs)


numpy = LazyModule("numpy")
