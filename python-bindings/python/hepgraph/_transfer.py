"""Moving graphs to the JVM.

STOPGAP: until the shared-memory Arrow data plane (``hepgraph._dataplane``, helper branch
``dataplane``) lands, a GraphSet crosses as its columns' little-endian bytes through Py4J
(``HepgraphEntryPoint.graphSetFromBytes``). Py4J moves about 50 MB/s, so this is fine for tests and
small sets only; it is the one place to change when the data plane arrives.
"""

from __future__ import annotations

from .data import GraphSet, as_graphset


def java_graphset(session, graphs):
    """The Java ``GraphSet`` for ``graphs`` in ``session``'s JVM (sent once per set and JVM)."""
    gs: GraphSet = as_graphset(graphs)
    cached = gs._java
    if cached is not None and cached[0] is session and session.alive:
        return cached[1]
    j = session.call(
        "GraphSet transfer", session.entry.graphSetFromBytes,
        gs.num_graphs, int(gs.x.shape[0]), int(gs.edge_index.shape[1]), gs.num_node_features,
        gs.edge_dim, _le(gs.node_ptr), _le(gs.edge_ptr), _le(gs.x), _le(gs.edge_index),
        None if gs.edge_attr is None else _le(gs.edge_attr), _le(gs.y))
    gs._java = (session, j)
    return j


def _le(a) -> bytes:
    return a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes(order="C")
