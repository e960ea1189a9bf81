"""Packages hepgraph uses only where they exist: numpy, torch, pyarrow, py4j, tqdm.

Under CPython they are all installed (requirements.txt). Under GraalPy (``hepgraph run``, inside
the JVM) only the standard library is there, so the package must import without them: modules
write ``from ._optional import numpy as np``, and numpy is imported at the first attribute used.
A function that needs a missing package raises :class:`~hepgraph.errors.MissingDependencyError`
naming the package, what needed it, and what works instead.
"""

from __future__ import annotations

import importlib
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

    def set_postfix(self, **kv):
        self._post = "  " + " ".join(f"{k}={v}" for k, v in kv.items())

    def close(self):
        pass


def tqdm(*args, **kwargs):
    """``tqdm.auto.tqdm`` where installed, else :class:`TextProgress`."""
    try:
        from tqdm.auto import tqdm as _tqdm
    except ImportError:
        return TextProgress(*args, **kwargs)
    return _tqdm(*args, **kwargs)


numpy = LazyModule("numpy")
