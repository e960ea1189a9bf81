"""The session behind ``import hepgraph``: one small interface, two implementations.

* :class:`hepgraph._jvm.Session` (CPython): a JVM started as a child process, reached through a
  Py4J gateway; tensors cross as Arrow IPC files in shared memory (``hepgraph._dataplane``).
* :class:`hepgraph._graalpy.InProcessSession` (GraalPy, ``hepgraph run script.py``): the script
  runs inside the JVM; calls go straight to the same Java objects, and tensors cross as views of
  Java's own direct buffers (``ctypes`` over their native address): no process, no copy.

The rest of the package talks to :class:`Backend` only (``session().call(...)``,
``session().graphs_to_java(...)``, ...); :func:`session` picks the implementation once, by
``sys.implementation.name``.
"""

from __future__ import annotations

import sys


class Backend:
    """What the package needs of a session. Both implementations provide:

    ``entry``: the Java ``org.hepgraph.bridge.HepgraphEntryPoint``; ``pid``: the JVM's process id.

    Java calls: :meth:`call` (Java errors become :mod:`hepgraph.errors` classes), :meth:`release`
    (a finaliser's close of a Java object), :meth:`is_running`, :meth:`close`, :meth:`_gone`.

    Data: :meth:`graphs_to_java` (a :class:`~hepgraph.GraphSet` → a Java ``GraphSet``),
    :meth:`graphs_from_java` (the reverse, as views), :meth:`scores` (a detector's scores of a Java
    graph set, as a view of the buffer Java wrote), :meth:`roc` and :meth:`roc_points` (the Java
    ``RocCurve`` of Python scores and labels).
    """

    entry = None
    pid: int = -1

    def call(self, what: str, fn, *args):
        """``fn(*args)`` (a Java method), with Java errors re-raised as hepgraph errors; ``what``
        names the operation for messages, e.g. ``"Detector.fit"``."""
        raise NotImplementedError

    def release(self, java) -> None:
        """Closes the Java object ``java`` if this session still runs; never raises."""
        raise NotImplementedError

    def is_running(self) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _gone(self, what: str) -> Exception:
        """The error for a call on an object of this session after it ended."""
        raise NotImplementedError

    def graphs_to_java(self, gs):
        """``(handle, java_graph_set)`` for the :class:`~hepgraph.GraphSet` ``gs``; ``handle`` is
        what :meth:`release` frees when the Java side may drop the set (None: nothing to free)."""
        raise NotImplementedError

    def graphs_from_java(self, jset):
        """The Java ``GraphSet`` ``jset`` as a :class:`~hepgraph.GraphSet` whose columns are views
        of the Java side's memory (or of a mapped file of it); ``jset`` is cached on it."""
        raise NotImplementedError

    def scores(self, what: str, detector, jgs, as_torch: bool = False):
        """The float32 scores of the Java ``DetectorHandle`` ``detector`` on ``jgs``, one per
        graph, as a view of the memory Java wrote them to."""
        raise NotImplementedError

    def roc(self, who: str, scores, labels):
        """The Java ``RocCurve`` of ``scores`` (higher = more signal-like) and 0/1 ``labels``."""
        raise NotImplementedError

    def roc_points(self, who: str, roc):
        """The curve's rows ``(fpr, tpr, thresholds, sic)``."""
        raise NotImplementedError

    def exchange(self):
        """The shared-memory data-plane exchange (the Py4J session only)."""
        raise NotImplementedError


def _impl():
    if sys.implementation.name == "graalpy":
        from . import _graalpy

        return _graalpy
    from . import _jvm

    return _jvm


def session() -> Backend:
    """The running session, started on first use (a JVM under CPython; this JVM under GraalPy)."""
    return _impl().session()


def connect(**options) -> Backend:
    """Starts the engine (if not running) and returns its session.

    Called implicitly by the first hepgraph call that needs Java. Under CPython it starts the JVM
    (:func:`hepgraph._jvm.connect`); call it yourself to choose the ``java`` executable, the
    ``jar``, extra ``jvm_options`` (e.g. ``["-Xmx8g"]``) or the ``startup_timeout``. Under GraalPy
    (``hepgraph run``) the session is the JVM the script runs in; those options do not apply there
    and are ignored with a warning.
    """
    return _impl().connect(**options)


def shutdown() -> None:
    """Ends the session if one runs; the next call starts a new one."""
    _impl().shutdown()


def close_quietly(session: Backend, java) -> None:
    """Finaliser of a Java object held for Python (detectors, mapped graph sets)."""
    session.release(java)
