"""hepgraph: graph anomaly detection for particle physics, driven from Python.

    import hepgraph as hg
    graphs = [hg.Data(x, edge_index) for x, edge_index in ...]
    with hg.Detector("ocgin", epochs=5) as det:
        det.fit(graphs)
        scores = det.score(graphs)

The engine is Java (DJL on PyTorch); the first call that needs it starts a JVM through a Py4J
gateway (:func:`connect`), which :func:`shutdown` or the end of this process stops. Inside the JVM
(``hepgraph run script.py``, GraalPy) the same API calls the engine in-process instead.
"""

from . import errors, metrics, nn, plot, transforms
from ._backend import connect, shutdown
from ._backend import session as _session
from ._version import __version__
from .batch import Batch, DataLoader
from .data import Data, GraphSet, as_graphset
from .datasets import Dataset, dataset, dataset_sources
from .io_root import EventGraphSet, read_root
from .detectors import (Detector, DetectorInfo, ScoreSummary, TrainingHistory, detectors, load,
                        read_metadata)
from .pyg import HepgraphModel, from_pyg, from_pyg_data, to_pyg_data


def __getattr__(name):
    # the Py4J session class, imported on first use: under GraalPy (hepgraph run) the package
    # never loads _jvm and its subprocess/tempfile imports (seconds, interpreted)
    if name == "Session":
        from ._jvm import Session

        return Session
    if name in ("images", "generate"):
        # numpy (and Pythia, pandas) at module level: loaded on first use so that the package
        # still imports under GraalPy without them
        import importlib

        return importlib.import_module("." + name, __name__)
    raise AttributeError(f"module 'hepgraph' has no attribute {name!r}")


def version() -> str:
    """The version of the Java engine (the running jar), e.g. ``0.1.0-SNAPSHOT``."""
    s = _session()
    return s.call("hepgraph.version", s.entry.version)


__all__ = [
    "Batch",
    "Data",
    "DataLoader",
    "Dataset",
    "Detector",
    "EventGraphSet",
    "DetectorInfo",
    "GraphSet",
    "HepgraphModel",
    "Session",
    "ScoreSummary",
    "TrainingHistory",
    "__version__",
    "as_graphset",
    "connect",
    "dataset",
    "dataset_sources",
    "detectors",
    "errors",
    "from_pyg",
    "from_pyg_data",
    "generate",
    "images",
    "load",
    "metrics",
    "nn",
    "plot",
    "read_root",
    "read_metadata",
    "shutdown",
    "to_pyg_data",
    "transforms",
    "version",
]
