"""Graphs from jets: :class:`KNNGraph` and :class:`RadiusGraph` over particle clouds.

The jets are padded particles, as the Java ``org.hepgraph.data.PaddedParticles``: ``particles``
``[num_jets, max_particles, 4]`` with columns ``pt, eta, phi, e`` (numpy or torch), and
``counts [num_jets]``, the real particles of each jet (in its first rows; the rest is padding).
The graphs are built by the Java builders (``KnnGraph.deltaR(k)``, ``RadiusGraph.deltaR(r)``, the
ones ``bin/hepgraph`` uses): the particles go to the JVM as a data-plane tensor file, the graphs come
back as a mapped graph-set file. Nothing is re-implemented here, so the graphs are the same as the
command line's and bad input gets the Java builders' errors.

    knn = hg.transforms.KNNGraph(16)
    graphs = knn(particles, counts, labels)      # a hepgraph.GraphSet, one graph per jet
"""

from __future__ import annotations

from ._optional import numpy as np

from . import _backend, _dataplane
from .data import GraphSet, _to_numpy
from .errors import InvalidGraphError

NODE_FEATURES = ("raw", "relative")


class _JetTransform:
    _kind = ""

    def __init__(self, param, node_features: str, loop: bool, max_neighbours: int = 0):
        if node_features not in NODE_FEATURES:
            raise InvalidGraphError(
                f"{type(self).__name__}: node_features = {node_features!r}; use one of "
                f"{', '.join(NODE_FEATURES)} (raw: the particles' own pt, eta, phi, e; relative: "
                f"ParticleNet's 7 features relative to the jet)")
        self._param = param
        self.node_features = node_features
        self.loop = bool(loop)
        self._max_neighbours = int(max_neighbours)

    def __call__(self, particles, counts, labels=None) -> GraphSet:
        """One graph per jet (a :class:`~hepgraph.GraphSet`; labels become the graphs' ``y``).

        Args:
            particles: ``[num_jets, max_particles, 4]`` pt, eta, phi, e (float32 after conversion).
            counts: ``[num_jets]`` real particles per jet.
            labels: optional ``[num_jets]`` integer jet labels (-1: none).
        """
        who = type(self).__name__
        p = _array(particles, who, "particles")
        if p.ndim != 3 or p.shape[2] != 4:
            raise InvalidGraphError(
                f"{who}: particles has shape {tuple(p.shape)}; it must be [num_jets, "
                f"max_particles, 4] with columns pt, eta, phi, e")
        c = _integers(counts, who, "counts", p.shape[0])
        y = (np.full(p.shape[0], -1, np.int32) if labels is None
             else _integers(labels, who, "labels", p.shape[0]))
        s = _backend.session()
        ex = s.exchange()
        paths = [ex.new_path(n) for n in ("particles", "counts", "labels", "graphs")]
        try:
            _dataplane.write_tensor(paths[0], p.astype(np.float32, copy=False))
            _dataplane.write_tensor(paths[1], c)
            _dataplane.write_tensor(paths[2], y)
            bridge = s.call(who, s.entry.jetGraphs)
            jset = s.call(who, bridge.build, self._kind, float(self._param), str(paths[0]),
                          str(paths[1]), str(paths[2]), self.node_features, self.loop,
                          self._max_neighbours)
            s.call(who, s.entry.writeGraphSet, jset, str(paths[3]))
            m = _dataplane.map_graphset(paths[3])
        finally:
            for path in paths:
                path.unlink(missing_ok=True)
        gs = GraphSet(m.field("x"), m.field("edge_index"), m.field("node_ptr"),
                      m.field("edge_ptr"), m.field("y"), m.field("edge_attr"))
        gs._java = (s, jset)  # the graphs stay in the JVM too: fitting them sends nothing back
        return gs


class KNNGraph(_JetTransform):
    """Each particle's ``k`` nearest neighbours in ΔR (η–φ, φ folded) become the sources of edges
    into it (PyG's ``knn_graph`` with ``flow="source_to_target"``); a jet of ``n <= k``
    particles is fully connected. Java: ``KnnGraph.deltaR(k)``.

    Args:
        k: neighbours per particle (at least 1).
        node_features: ``"raw"`` (pt, eta, phi, e; the Java default) or ``"relative"``
            (ParticleNet's 7 features, as ``bin/hepgraph`` uses for jets).
        loop: also connect each particle to itself.
    """

    _kind = "knn"

    def __init__(self, k: int, *, node_features: str = "raw", loop: bool = False):
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
            raise InvalidGraphError(f"KNNGraph: k = {k!r}; give an integer, e.g. KNNGraph(16)")
        super().__init__(int(k), node_features, loop)
        self.k = int(k)

    def __repr__(self):
        return f"KNNGraph(k={self.k}, node_features={self.node_features!r}, loop={self.loop})"


class RadiusGraph(_JetTransform):
    """Edges between particles closer than ``r`` in ΔR (both directions). Java:
    ``RadiusGraph.deltaR(r)``.

    Args:
        r: the radius (positive, finite).
        max_num_neighbors: at most this many (the nearest) neighbours per particle; 0 for all.
        node_features: ``"raw"`` or ``"relative"``, as for :class:`KNNGraph`.
        loop: also connect each particle to itself.
    """

    _kind = "radius"

    def __init__(self, r: float, *, max_num_neighbors: int = 0, node_features: str = "raw",
                 loop: bool = False):
        super().__init__(float(r), node_features, loop, max_num_neighbors)
        self.r = float(r)
        self.max_num_neighbors = int(max_num_neighbors)

    def __repr__(self):
        return (f"RadiusGraph(r={self.r}, max_num_neighbors={self.max_num_neighbors}, "
                f"node_features={self.node_features!r}, loop={self.loop})")


def _array(value, who, name) -> np.ndarray:
    return np.ascontiguousarray(_to_numpy(value, who, name, InvalidGraphError, ""))


def _integers(value, who, name, n) -> np.ndarray:
    a = _array(value, who, name).reshape(-1) if np.ndim(value) else None
    if a is None or a.shape[0] != n:
        got = "a scalar" if a is None else f"{a.shape[0]} values"
        raise InvalidGraphError(f"{who}: {name} has {got}; give one per jet ({n})")
    if a.dtype.kind == "f" and (not np.all(np.isfinite(a)) or np.any(a != np.round(a))):
        raise InvalidGraphError(f"{who}: {name} holds non-integer values; give integers")
    if a.size and (a.max() > np.iinfo(np.int32).max or a.min() < np.iinfo(np.int32).min):
        raise InvalidGraphError(f"{who}: {name} holds values beyond int32")
    return a.astype(np.int32)
