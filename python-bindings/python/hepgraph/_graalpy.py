"""The in-process session: ``hepgraph`` running under GraalPy inside the engine's own JVM.

``bin/hepgraph run script.py`` (``org.hepgraph.graalpy.GraalPyRunner``) puts an
``org.hepgraph.graalpy.InProcessBridge`` into the polyglot bindings as ``hepgraph.inprocess``.
Calls go straight to the same ``HepgraphEntryPoint`` and library objects the Py4J gateway serves;
no process is started and no socket is opened.

Tensors cross without a copy: Java's direct buffers (a data set's columns, a detector's scores)
have a native address (``InProcessBridge.address``); Python wraps that memory with ``ctypes``
(``(c_char * n).from_address(addr)``, allowed because the runner grants native access) and casts
a ``memoryview`` of it to the column's type and shape. The ctypes object holds the Java buffer,
so the memory lives as long as any view of it; a write on either side is seen by the other.
numpy and torch are not there: the views are plain ``memoryview`` objects (``len``, indexing,
iteration, ``tolist()``, ``.shape``).
"""

from __future__ import annotations

import ctypes
import json
import warnings

from . import errors
from ._backend import Backend

BINDING = "hepgraph.inprocess"
_current: InProcessSession | None = None


def _foreign_exception():
    import polyglot

    return polyglot.ForeignException


class InProcessSession(Backend):
    """The JVM this Python runs in. ``bridge`` is the ``InProcessBridge``; ``entry`` its
    ``HepgraphEntryPoint``; ``pid`` the process id (the JVM's, which is this Python's)."""

    def __init__(self, bridge):
        self.bridge = bridge
        self.entry = bridge.entry()
        self.pid = int(bridge.pid())
        self._foreign = _foreign_exception()

    # -- calls ---------------------------------------------------------------------------------

    def call(self, what, fn, *args):
        try:
            return fn(*args)
        except self._foreign as e:  # a Java exception (a BaseException subclass in GraalPy)
            raise self.translate(e) from None

    def translate(self, e) -> errors.HepgraphError:
        """The :mod:`hepgraph.errors` class for a Java exception ``e``, as over Py4J."""
        return errors.from_java(json.loads(self.entry.describeError(e)))

    def release(self, java):
        try:
            java.close()
        except BaseException:  # noqa: BLE001 - a finaliser never raises
            pass

    def is_running(self) -> bool:
        return True  # the JVM cannot be gone while this Python runs in it

    def close(self):
        pass  # the runner ends the JVM when the script ends

    def _gone(self, what):
        return errors.JvmDiedError(f"{what}: the in-process hepgraph session has ended")

    def exchange(self):
        raise errors.HepgraphError(
            "hepgraph: the shared-memory data plane is for a JVM in another process; inside the "
            "JVM (hepgraph run) tensors cross as views of Java's buffers and need no exchange")

    # -- data ----------------------------------------------------------------------------------

    def view(self, buffer, fmt: str, shape) -> memoryview:
        """A writable memoryview of the direct Java ``buffer`` (from its position), of struct
        format ``fmt`` (``"f"`` float32, ``"q"`` int64) and ``shape``, without a copy."""
        nbytes = int(self.bridge.byteSize(buffer))
        count = 1
        for d in shape:
            count *= int(d)
        if count * ctypes.sizeof(_CTYPES[fmt]) > nbytes:
            raise errors.HepgraphError(
                f"hepgraph: a Java buffer of {nbytes} bytes cannot hold {list(shape)} of {fmt!r}")
        if count == 0:
            return memoryview(bytearray()).cast(fmt)
        raw = (ctypes.c_char * nbytes).from_address(int(self.bridge.address(buffer)))
        raw._hepgraph_java = buffer  # the Java buffer lives as long as this memory is viewed
        flat = memoryview(raw).cast("B").cast(fmt)
        if len(shape) == 1:
            return flat[: int(shape[0])]
        return memoryview(raw).cast("B")[: count * flat.itemsize].cast(fmt, [int(d) for d in shape])

    def graphs_from_java(self, jset):
        from .data import GraphSet

        j = self.call("hepgraph.dataset", self.bridge.compact, jset)
        b, n, e = int(j.numGraphs()), int(j.totalNodes()), int(j.totalEdges())
        f, d = int(j.numFeatures()), int(j.edgeDim())
        gs = GraphSet(self.view(j.xView(), "f", (n, f)), self.view(j.edgeIndexView(), "q", (2, e)),
                      self.view(j.nodePtrView(), "q", (b + 1,)),
                      self.view(j.edgePtrView(), "q", (b + 1,)), self.view(j.yView(), "q", (b,)),
                      self.view(j.edgeAttrView(), "f", (e, d)) if d else None)
        gs._java = (self, j)
        return gs

    def graphs_to_java(self, gs):
        cached = gs._java
        if cached is not None and cached[0] is self:
            return None, cached[1]
        from ._optional import missing

        raise missing("numpy", "sending graphs made in Python to the engine (Data, GraphSet "
                      "from_data_list, PyG data)")

    def scores(self, what, detector, jgs, as_torch=False):
        if as_torch:
            from ._optional import missing

            raise missing("torch", f"{what}(as_torch=True)")
        buf = self.call(what, self.bridge.scores, detector, jgs)
        return self.view(buf, "f", (int(self.bridge.byteSize(buf)) // 4,))

    def roc(self, who, scores, labels):
        return self.call(who, self.bridge.roc, list(scores), list(labels))

    def roc_points(self, who, roc):
        return (list(roc.fpr()), list(roc.tpr()), list(roc.thresholds()), list(roc.sic()))

    def __repr__(self):
        return f"<hepgraph in-process session (GraalPy in JVM pid {self.pid})>"


_CTYPES = {"f": ctypes.c_float, "d": ctypes.c_double, "q": ctypes.c_int64, "i": ctypes.c_int32}


def _bridge():
    import polyglot

    bridge = polyglot.import_value(BINDING)
    if bridge is None:
        # a GraalPy context made by someone else: build the bridge if host lookup allows it
        import java

        entry = java.type("org.hepgraph.bridge.HepgraphEntryPoint")()
        bridge = java.type("org.hepgraph.graalpy.InProcessBridge")(entry)
    return bridge


def session() -> InProcessSession:
    global _current
    if _current is None:
        _current = InProcessSession(_bridge())
    return _current


def connect(**options) -> InProcessSession:
    if options:
        warnings.warn(f"hepgraph.connect: {sorted(options)} do not apply inside the JVM "
                      "(hepgraph run); ignored", RuntimeWarning, stacklevel=3)
    return session()


def shutdown():
    pass  # the JVM is this process; it ends with the script
