"""Data sets by URI, opened by the Java registry of data sources (``toy:``, ``tu:NAME``,
``h5:FILE``, ...): ``hg.dataset("toy:jets=500")``. The graphs come to Python through the data plane
as a :class:`~hepgraph.GraphSet` whose arrays are views of the mapped file, and they stay in the JVM
too, so fitting or scoring them sends nothing back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from . import _dataplane, _jvm
from .data import GraphSet


@dataclass(frozen=True)
class DatasetSourceInfo:
    scheme: str
    description: str


def dataset_sources() -> list[DatasetSourceInfo]:
    """Every data-source scheme the engine knows."""
    s = _jvm.session()
    return [DatasetSourceInfo(d["scheme"], d["description"])
            for d in json.loads(s.call("hepgraph.dataset_sources", s.entry.datasetSourcesJson))]


@dataclass
class Dataset:
    """A data set opened by URI: ``graphs`` (a GraphSet), ``labels`` (raw labels, or None),
    ``protocol`` (the default split), the source's own split (``train`` / ``test`` positions, or
    None), ``row_ids`` (each graph's row in its file) and ``id_columns`` (per-row ids the file
    carries, e.g. ``Run``, ``Event`` for ``csv:``: name -> array), and ``feature_names`` (the
    columns of ``x``). Graph-level features, when the source has them (``csv:`` event columns
    such as ``M``), are ``graphs.graph_attr [B, G]``."""

    uri: str
    graphs: GraphSet
    labels: np.ndarray | None
    protocol: str
    train: np.ndarray | None
    test: np.ndarray | None
    row_ids: np.ndarray | None = None
    id_columns: dict = field(default_factory=dict)
    feature_names: list = field(default_factory=list)

    def __len__(self):
        return len(self.graphs)


def dataset(uri: str, **options) -> Dataset:
    """Opens ``uri`` with the Java data sources; ``options`` are the source's settings (e.g.
    ``k=16``, ``seed=1``). Bad URIs and options raise the sources' own errors."""
    s = _jvm.session()
    jd = s.call("hepgraph.dataset", s.entry.openDataset, uri,
                {str(k): str(v) for k, v in options.items()})
    info = json.loads(s.call("hepgraph.dataset", s.entry.datasetJson, jd))
    jset = s.call("hepgraph.dataset", jd.graphs)
    path = s.exchange().new_path("dataset")
    try:
        s.call("hepgraph.dataset", s.entry.writeGraphSet, jset, str(path))
        m = _dataplane.map_graphset(path)
    finally:
        path.unlink(missing_ok=True)
    gs = GraphSet(m.field("x"), m.field("edge_index"), m.field("node_ptr"), m.field("edge_ptr"),
                  m.field("y"), m.field("edge_attr"))
    gs.graph_attr = m.field("graph_attr")
    gs._java = (s, jset)

    def arr(v):
        return None if v is None else np.asarray(v, dtype=np.int64)

    return Dataset(info["uri"], gs, arr(info["labels"]), info["protocol"], arr(info["train"]),
                   arr(info["test"]), arr(info.get("row_ids")),
                   {k: arr(v) for k, v in (info.get("id_columns") or {}).items()},
                   list(info.get("features") or []))
