"""Graphs in PyG's vocabulary: :class:`Data` (one graph) and :class:`GraphSet` (many, in columns).

A :class:`GraphSet` holds the same columns as the Java ``org.hepgraph.data.GraphSet`` (``x [N, F]``
float32, ``edge_index [2, E]`` int64 with node ids local to their graph, ``edge_attr [E, D]``,
``y [B]`` int64 with -1 for "no label", ``node_ptr`` and ``edge_ptr [B + 1]``), so it crosses to
the JVM column by column. Python checks only what those columns cannot express (array ranks and
shapes, integer indices, equal widths); the values themselves (finite features, indices inside
their graph, no empty graph) are checked once, by the Java side, which raises the same
:class:`~hepgraph.errors.InvalidGraphError` with the same message a Java caller gets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._optional import numpy as np

from .errors import InvalidGraphError


def _to_numpy(value, who: str, name: str, error=InvalidGraphError,
              hint: str = " (float32 features, int64 indices)") -> np.ndarray:
    """``value`` (numpy, torch or nested lists) as a numpy array; ``error`` when not numeric."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor, without importing torch
        value = value.detach().cpu().numpy()
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        raise error(f"{who}: {name} holds {arr.dtype} values; it must be numeric{hint}")
    return arr


class _GraphSizes:
    """Node, edge and feature counts of a graph or batch that holds ``x [N, F]`` and
    ``edge_index [2, E]``."""

    __slots__ = ()

    @property
    def num_nodes(self) -> int:
        return int(self.x.shape[0])

    @property
    def num_edges(self) -> int:
        return int(self.edge_index.shape[1])

    @property
    def num_node_features(self) -> int:
        return int(self.x.shape[1])


class Data(_GraphSizes):
    """One graph, as ``torch_geometric.data.Data``: node features, edges, an optional label.

    Args:
        x: node features ``[num_nodes, num_features]`` (numpy, torch or nested lists; stored as
            float32).
        edge_index: ``[2, num_edges]`` integer node ids in ``[0, num_nodes)``, sources in row 0 and
            targets in row 1 (stored as int64).
        y: the graph's label (an int, or a one-element array/tensor); None for none.
        edge_attr: optional edge features ``[num_edges, D]`` (a 1-D array counts as ``D = 1``).
    """

    __slots__ = ("x", "edge_index", "edge_attr", "y")

    def __init__(self, x, edge_index, y=None, edge_attr=None):
        who = "Data"
        x = _to_numpy(x, who, "x")
        if x.ndim != 2:
            hint = "; for one feature per node pass x.reshape(-1, 1)" if x.ndim == 1 else ""
            raise InvalidGraphError(
                f"{who}: x has shape {tuple(x.shape)}; it must be [num_nodes, num_features]{hint}")
        ei = _to_numpy(edge_index, who, "edge_index")
        if ei.size == 0:
            ei = ei.reshape(2, 0)
        if ei.ndim != 2 or ei.shape[0] != 2:
            hint = "; pass edge_index.T" if ei.ndim == 2 and ei.shape[1] == 2 else ""
            raise InvalidGraphError(
                f"{who}: edge_index has shape {tuple(ei.shape)}; it must be [2, num_edges] "
                f"(sources in row 0, targets in row 1){hint}")
        if ei.dtype.kind not in "iu" and ei.size:
            raise InvalidGraphError(
                f"{who}: edge_index holds {ei.dtype} values; node ids must be integers (int64), "
                f"e.g. edge_index.astype(np.int64) or edge_index.long()")
        if edge_attr is not None:
            edge_attr = _to_numpy(edge_attr, who, "edge_attr")
            if edge_attr.ndim == 1:
                edge_attr = edge_attr.reshape(-1, 1)
            if edge_attr.ndim != 2 or edge_attr.shape[0] != ei.shape[1]:
                raise InvalidGraphError(
                    f"{who}: edge_attr has shape {tuple(edge_attr.shape)}; it must be [num_edges, "
                    f"D] with num_edges = {ei.shape[1]} (the columns of edge_index)")
            edge_attr = np.ascontiguousarray(edge_attr, dtype=np.float32)
        self.x = np.ascontiguousarray(x, dtype=np.float32)
        self.edge_index = np.ascontiguousarray(ei, dtype=np.int64)
        self.edge_attr = edge_attr
        self.y = _label(y, who)

    num_features = _GraphSizes.num_node_features

    def to_pyg(self):
        """This graph as a ``torch_geometric.data.Data`` (imports torch_geometric)."""
        from .pyg import to_pyg_data

        return to_pyg_data(self)

    def __repr__(self):
        extra = f", edge_attr={list(self.edge_attr.shape)}" if self.edge_attr is not None else ""
        label = f", y={self.y}" if self.y is not None else ""
        return (f"Data(x={list(self.x.shape)}, edge_index={list(self.edge_index.shape)}"
                f"{extra}{label})")


def _label(y, who) -> int | None:
    if y is None:
        return None
    arr = _to_numpy(y, who, "y").reshape(-1)
    if arr.size != 1:
        raise InvalidGraphError(
            f"{who}: y has {arr.size} values; a graph has one label (an int), e.g. y=1")
    v = arr[0]
    if arr.dtype.kind == "f" and not float(v).is_integer():
        raise InvalidGraphError(f"{who}: y = {v}; a graph label must be an integer class id")
    return int(v)


class GraphSet(Sequence):
    """Many graphs in columns, as the Java ``GraphSet`` and PyG's ``InMemoryDataset`` store them.

    Build one with :meth:`from_data_list` (or :func:`as_graphset`, which also takes PyG data).
    ``gs[i]`` is graph ``i`` as a :class:`Data` whose arrays are views of the columns.
    """

    def __init__(self, x, edge_index, node_ptr, edge_ptr, y, edge_attr=None):
        self.x = x
        self.edge_index = edge_index
        self.node_ptr = node_ptr
        self.edge_ptr = edge_ptr
        self.y = y
        self.edge_attr = edge_attr
        self._java = None  # (session, Java GraphSet), filled when first sent to the JVM

    @classmethod
    def from_data_list(cls, graphs: Iterable[Data]) -> GraphSet:
        who = "GraphSet.from_data_list"
        graphs = list(graphs)
        if not graphs:
            raise InvalidGraphError(f"{who}: no graphs given; pass at least one Data")
        for i, g in enumerate(graphs):
            if not isinstance(g, Data):
                raise InvalidGraphError(
                    f"{who}: graph {i} is a {type(g).__name__}, not a hepgraph.Data; convert PyG "
                    f"graphs with hepgraph.from_pyg_data or pass them to hepgraph.as_graphset")
        f = graphs[0].num_node_features
        d = None if graphs[0].edge_attr is None else graphs[0].edge_attr.shape[1]
        for i, g in enumerate(graphs):
            if g.num_node_features != f:
                raise InvalidGraphError(
                    f"{who}: graph {i} has {g.num_node_features} node features but graph 0 has "
                    f"{f}; every graph of a set has the same feature width")
            gd = None if g.edge_attr is None else g.edge_attr.shape[1]
            if gd != d:
                raise InvalidGraphError(
                    f"{who}: graph {i} has edge_attr width {gd} but graph 0 has {d}; every graph "
                    f"of a set has edge features of one width, or none")
        node_ptr = np.zeros(len(graphs) + 1, dtype=np.int64)
        edge_ptr = np.zeros(len(graphs) + 1, dtype=np.int64)
        np.cumsum([g.num_nodes for g in graphs], out=node_ptr[1:])
        np.cumsum([g.num_edges for g in graphs], out=edge_ptr[1:])
        x = np.concatenate([g.x for g in graphs], axis=0)
        edge_index = np.ascontiguousarray(np.concatenate([g.edge_index for g in graphs], axis=1))
        edge_attr = None if d is None else np.concatenate([g.edge_attr for g in graphs], axis=0)
        y = np.array([-1 if g.y is None else g.y for g in graphs], dtype=np.int64)
        return cls(x, edge_index, node_ptr, edge_ptr, y, edge_attr)

    @property
    def num_graphs(self) -> int:
        return len(self.node_ptr) - 1

    @property
    def num_node_features(self) -> int:
        return int(self.x.shape[1])

    @property
    def edge_dim(self) -> int:
        return 0 if self.edge_attr is None else int(self.edge_attr.shape[1])

    def __len__(self) -> int:
        return self.num_graphs

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"GraphSet: graph {i} of {n}")
        n0, n1 = self.node_ptr[i], self.node_ptr[i + 1]
        e0, e1 = self.edge_ptr[i], self.edge_ptr[i + 1]
        g = Data.__new__(Data)
        g.x = self.x[n0:n1]
        g.edge_index = self.edge_index[:, e0:e1]
        g.edge_attr = None if self.edge_attr is None else self.edge_attr[e0:e1]
        g.y = None if self.y[i] < 0 else int(self.y[i])
        return g

    def labels(self) -> np.ndarray:
        """The graph labels, -1 where a graph has none."""
        return self.y

    def __repr__(self):
        return (f"GraphSet({self.num_graphs} graphs, {self.x.shape[0]} nodes, "
                f"{self.edge_index.shape[1]} edges, {self.num_node_features} features"
                f"{f', edge_dim {self.edge_dim}' if self.edge_dim else ''})")


def as_graphset(graphs) -> GraphSet:
    """A :class:`GraphSet` from a GraphSet, one Data, a list of Data, or PyG data.

    PyG input: a ``torch_geometric.data.Data``, a ``Batch`` (split back into its graphs), a
    dataset or any iterable of them.
    """
    if isinstance(graphs, GraphSet):
        return graphs
    if isinstance(graphs, Data):
        return GraphSet.from_data_list([graphs])
    if hasattr(graphs, "to_data_list") and hasattr(graphs, "batch"):  # a PyG Batch
        graphs = graphs.to_data_list()
    elif hasattr(graphs, "edge_index") and hasattr(graphs, "x") and not _is_pyg_dataset(graphs):
        graphs = [graphs]  # one PyG Data (an InMemoryDataset has x and edge_index too)
    from .pyg import from_pyg_data

    items = []
    for g in graphs:
        items.append(g if isinstance(g, Data) else from_pyg_data(g))
    return GraphSet.from_data_list(items)


def _is_pyg_dataset(obj) -> bool:
    """Whether ``obj`` is a ``torch_geometric.data.Dataset`` (found by its classes, so that torch
    is not imported here): iterating it gives its graphs."""
    return any(c.__name__ == "Dataset" and c.__module__.startswith("torch_geometric.data")
               for c in type(obj).__mro__)
