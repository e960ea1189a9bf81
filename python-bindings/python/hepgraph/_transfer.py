"""Moving graphs and scores between Python and the JVM through the data plane.

A :class:`~hepgraph.GraphSet` is written once as an Arrow IPC file into this session's private
shared-memory exchange (``hepgraph._dataplane``; 0700 folder, 0600 files), the JVM maps it without
a copy (``HepgraphEntryPoint.mapGraphSet``), and the file's name is removed at once: the mapping
keeps the pages until the JVM unmaps them, and nothing is left in shared memory if either process
dies. Scores come back the same way (``DetectorHandle.scoreToFile``) as a numpy view of the
mapping, or as a torch tensor over the same pages (``torch.from_numpy`` of that view; torch is
imported only then). Py4J carries only the paths.
"""

from __future__ import annotations

import contextlib
import os
import weakref

from . import _dataplane
from ._backend import close_quietly
from .data import Data, GraphSet, as_graphset


@contextlib.contextmanager
def sent(session, graphs):
    """The Java ``GraphSet`` for ``graphs`` in ``session``'s JVM, for the ``with`` block (either
    backend: the session's :meth:`~hepgraph._backend.Backend.graphs_to_java` moves them).

    A :class:`~hepgraph.GraphSet` the caller holds is sent once per JVM and stays mapped there
    until the Python object goes; anything else (a list of Data, PyG data) is packed, sent, and
    unmapped in the JVM when the block ends.
    """
    if isinstance(graphs, GraphSet):
        yield _cached(session, graphs)
        return
    handle, jgs = session.graphs_to_java(as_graphset(graphs))
    try:
        yield jgs
    finally:
        if handle is not None:
            close_quietly(session, handle)


def _cached(session, gs: GraphSet):
    cached = gs._java
    if cached is not None and cached[0] is session and session.is_running():
        return cached[1]
    handle, j = session.graphs_to_java(gs)
    gs._java = (session, j)
    if handle is not None:
        gs._java_finalizer = weakref.finalize(gs, close_quietly, session, handle)
    return j


def send(session, gs: GraphSet):
    """Py4J: writes ``gs`` into the exchange, the JVM maps it; ``(mapped file, Java set)``."""
    path = session.exchange().new_path("graphs")
    try:
        _dataplane.write_graphset(path, {
            "node_ptr": gs.node_ptr, "edge_ptr": gs.edge_ptr, "x": gs.x,
            "edge_index": gs.edge_index, "y": gs.y, "edge_attr": gs.edge_attr,
            "graph_attr": getattr(gs, "graph_attr", None)})
        mapped = session.call("GraphSet transfer", session.entry.mapGraphSet, str(path))
    finally:
        path.unlink(missing_ok=True)
    return mapped, session.call("GraphSet transfer", mapped.graphs)


def _torch_like(value) -> bool:
    """Whether ``value`` is a torch tensor or PyG object, judged without importing torch (by the
    modules of its classes: a PyG ``Batch`` is a dynamic ``abc.DataBatch`` subclassing them)."""
    return any(c.__module__.split(".")[0] in ("torch", "torch_geometric")
               for c in type(value).__mro__)


def torch_input(graphs) -> bool:
    """Whether ``graphs`` came as torch data: a PyG Data / Batch / dataset, or a list of them.

    Scores of such input come back as a torch tensor by default (``Detector.score``)."""
    if isinstance(graphs, (GraphSet, Data)):
        return False
    if _torch_like(graphs):
        return True
    if isinstance(graphs, (list, tuple)) and graphs:
        first = graphs[0]
        return _torch_like(first) or _torch_like(getattr(first, "edge_index", None))
    return False


def scores(session, what, java_score_to_file, jgs, as_torch: bool = False):
    """Calls ``java_score_to_file(jgs, path)`` and returns the float32 scores it wrote, as a
    writable view of the mapped file (no copy; the file's name is removed at once): a numpy
    array, or with ``as_torch`` a ``torch.Tensor`` over the same pages (torch imported here).

    Lifetime: the view holds the mapping (numpy through the buffer protocol, the tensor through
    the numpy array it was made from), so the pages stay mapped in this process while the array
    or tensor lives -- closing the detector, or the JVM unmapping its side, does not touch them.
    """
    path = session.exchange().new_path("scores")
    try:
        session.call(what, java_score_to_file, jgs, os.fspath(path))
        with _dataplane.map_tensor(path, writable=True) as m:
            view = m.numpy()
    finally:
        path.unlink(missing_ok=True)
    if not as_torch:
        return view
    import torch

    # from_numpy keeps a reference to ``view`` (and so to the mmap) for the tensor's life; the
    # attribute makes that hold explicit and lets callers reach the mapping behind the tensor
    t = torch.from_numpy(view)
    t._hepgraph_view = view
    return t


def receive(session, jset) -> GraphSet:
    """Py4J: the JVM writes ``jset`` into the exchange; its columns come back as numpy views of
    the mapped file (the file's name is removed at once)."""
    path = session.exchange().new_path("dataset")
    try:
        session.call("hepgraph.dataset", session.entry.writeGraphSet, jset, str(path))
        m = _dataplane.map_graphset(path)
    finally:
        path.unlink(missing_ok=True)
    gs = GraphSet(m.field("x"), m.field("edge_index"), m.field("node_ptr"), m.field("edge_ptr"),
                  m.field("y"), m.field("edge_attr"))
    gs.graph_attr = m.field("graph_attr")
    gs._java = (session, jset)
    return gs


def roc(session, who, scores, labels):
    """Py4J: scores (float64) and labels (int32) as tensor files, the JVM's ``RocCurve`` of them.
    ``scores`` and ``labels`` are 1-D numpy arrays checked by ``hepgraph.metrics``."""
    import numpy as np

    ex = session.exchange()
    sp, lp = ex.new_path("scores"), ex.new_path("labels")
    try:
        _dataplane.write_tensor(sp, np.asarray(scores, dtype=np.float64))
        _dataplane.write_tensor(lp, np.asarray(labels, dtype=np.int32))
        bridge = session.call(who, session.entry.metrics)
        return session.call(who, bridge.roc, str(sp), str(lp))
    finally:
        sp.unlink(missing_ok=True)
        lp.unlink(missing_ok=True)


def roc_points(session, who, roc):
    """Py4J: the curve's rows (fpr, tpr, thresholds, sic) as numpy arrays (copies)."""
    import numpy as np

    path = session.exchange().new_path("roc")
    bridge = session.call(who, session.entry.metrics)
    try:
        session.call(who, bridge.writeCurve, roc, str(path))
        with _dataplane.map_tensor(path) as m:
            pts = np.array(m.numpy())  # a copy: the file goes now
    finally:
        path.unlink(missing_ok=True)
    return pts[0], pts[1], pts[2], pts[3]
