"""hepgraph: graph anomaly detection for particle physics, driven from Python.

    import hepgraph as hg
    graphs = [hg.Data(x, edge_index) for x, edge_index in ...]
    with hg.Detector("ocgin", epochs=5) as det:
        det.fit(graphs)
        scores = det.score(graphs)

The engine is Java (DJL on PyTorch); the first call that needs it starts a JVM through a Py4J
gateway (:func:`connect`), which :func:`shutdown` or the end of this process stops.
"""

from . import errors, generate, metrics, nn, plot, transforms
from ._jvm import Session, connect, shutdown
from ._jvm import session as _session
from ._version import __version__
from .batch import Batch, DataLoader
from .data import Data, GraphSet, as_graphset
from .datasets import Dataset, dataset, dataset_sources
from .detectors import Detector, DetectorInfo, TrainingHistory, detectors, load, read_metadata
from .pyg import HepgraphModel, from_pyg, from_pyg_data, to_pyg_data


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
    "DetectorInfo",
    "GraphSet",
    "HepgraphModel",
    "Session",
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
    "load",
    "metrics",
    "nn",
    "plot",
    "read_metadata",
    "shutdown",
    "to_pyg_data",
    "transforms",
    "version",
]
