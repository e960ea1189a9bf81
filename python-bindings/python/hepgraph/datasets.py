"""Data sets by URI, opened by the Java registry of data sources (``toy:``, ``tu:NAME``,
``h5:FILE``, ...): ``hg.dataset("toy:jets=500")``. The graphs come to Python through the data plane
as a :class:`~hepgraph.GraphSet` whose arrays are views of the mapped file (under GraalPy:
memoryviews of the Java buffers themselves), and they stay in the JVM too, so fitting or scoring
them sends nothing back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import _backend
from ._optional import int64_array
from .data import GraphSet
from .errors import JavaError


@dataclass(frozen=True)
class DatasetSourceInfo:
    scheme: str
    description: str


def dataset_sources() -> list[DatasetSourceInfo]:
    """Every data-source scheme the engine knows."""
    s = _backend.session()
    return [DatasetSourceInfo(d["scheme"], d["description"])
            for d in json.loads(s.call("hepgraph.dataset_sources", s.entry.datasetSourcesJson))]


@dataclass
class Dataset:
    """A data set opened by URI: ``graphs`` (a GraphSet), ``labels`` (raw labels, or None),
    ``protocol`` (the default split), the source's own split (``train`` / ``test`` positions, or
    None), ``row_ids`` (each graph's row in its file) and ``id_columns`` (per-row ids the file
    carries, e.g. ``file`` for ``adc2021:`` with signal files, ``Run``, ``Event`` for ``csv:``:
    name -> array), and ``feature_names`` (the columns of ``x``). Graph-level features, when the
    source has them (``csv:`` event columns such as ``M``), are ``graphs.graph_attr [B, G]``."""

    uri: str
    graphs: GraphSet
    labels: object  # int64 numpy array (an array('q') without numpy), or None
    protocol: str
    train: object
    test: object
    row_ids: object = None
    id_columns: dict = field(default_factory=dict)
    feature_names: list = field(default_factory=list)

    def __len__(self):
        return len(self.graphs)


def dataset(uri: str, **options) -> Dataset:
    """Opens ``uri`` with the Java data sources; ``options`` are the source's settings (e.g.
    ``k=16``, ``seed=1``). File sources (``adc2021:FILE``, ``toptag:FILE``, ``h5:FILE``) also take
    options after ``?``, e.g. ``hg.dataset("adc2021:bg.h5?signal=Ato4l.h5", k=4)`` (docs/data.md,
    "Reading files"). Bad URIs and options raise the sources' own errors. The whole set is read
    into memory; a file larger than the JVM heap raises :class:`~hepgraph.errors.JavaError`
    (``java_class`` ``java.lang.OutOfMemoryError``) and the session lives on: score such files
    with :meth:`hepgraph.Detector.score_file`, which streams them in chunks."""
    s = _backend.session()
    try:
        jd = s.call("hepgraph.dataset", s.entry.openDataset, uri,
                    {str(k): str(v) for k, v in options.items()})
    except JavaError as e:
        if e.java_class != "java.lang.OutOfMemoryError":
            raise
        # the JVM lives on (the failed load's memory is garbage): say what to do instead
        raise JavaError(
            f"hepgraph.dataset: {uri} does not fit in the JVM heap ({e}); score it in chunks with "
            "Detector.score_file(uri, out, chunk_rows=4096), or start the JVM with more memory: "
            "hg.connect(jvm_options=['-Xmx8g'])",
            java_class=e.java_class, causes=e.causes) from None
    return _from_java(s, jd, "hepgraph.dataset")


def _from_java(s, jd, who: str) -> Dataset:
    """The Java data set ``jd`` of session ``s`` as a :class:`Dataset`: its graphs through the data
    plane, labels, protocol and row ids from ``datasetJson``; ``who`` names the caller in errors."""
    info = json.loads(s.call(who, s.entry.datasetJson, jd))
    gs: GraphSet = s.graphs_from_java(s.call(who, jd.graphs))

    def arr(v):
        return None if v is None else int64_array(v)

    return Dataset(info["uri"], gs, arr(info["labels"]), info["protocol"], arr(info["train"]),
                   arr(info["test"]), arr(info.get("row_ids")),
                   {k: arr(v) for k, v in (info.get("id_columns") or {}).items()},
                   list(info.get("features") or []))
