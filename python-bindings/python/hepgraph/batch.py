"""Mini-batches in PyG's layout: :class:`Batch` (many graphs as one disconnected graph) and
:class:`DataLoader` (batches of a :class:`~hepgraph.GraphSet` or a list of graphs).

Numpy first: the arrays of a :class:`Batch` are numpy; :meth:`Batch.to_torch` gives the same batch
with torch tensors (importing torch only then), and :meth:`Batch.to_pyg` a
``torch_geometric.data.Batch``. Torch tensors are accepted wherever arrays are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ._optional import numpy as np

from .data import Data, GraphSet, _GraphSizes, _to_numpy, as_graphset
from .errors import InvalidGraphError


class Batch(_GraphSizes):
    """Graphs stacked as one disconnected graph, as ``torch_geometric.data.Batch``.

    Attributes:
        x: node features ``[N, F]`` float32 (all graphs' nodes, graph by graph).
        edge_index: ``[2, E]`` int64, node ids global to the batch (graph ``g``'s ids are shifted
            by ``ptr[g]``).
        batch: ``[N]`` int64, the graph of each node.
        ptr: ``[B + 1]`` int64, graph ``g`` holds nodes ``ptr[g]:ptr[g + 1]``.
        y: ``[B]`` int64 graph labels, -1 where a graph has none.
        edge_attr: ``[E, D]`` float32 or None.
        edge_ptr: ``[B + 1]`` int64, graph ``g`` holds edges ``edge_ptr[g]:edge_ptr[g + 1]``.
    """

    __slots__ = ("batch", "edge_attr", "edge_index", "edge_ptr", "ptr", "x", "y")

    def __init__(self, x, edge_index, batch, ptr, y, edge_attr=None, edge_ptr=None):
        self.x = x
        self.edge_index = edge_index
        self.batch = batch
        self.ptr = ptr
        self.y = y
        self.edge_attr = edge_attr
        if edge_ptr is None and not _is_torch(edge_index):
            ei = np.asarray(edge_index)
            b = np.asarray(batch)
            graph_of_edge = b[ei[0]] if ei.shape[1] else np.zeros(0, np.int64)
            counts = np.bincount(graph_of_edge, minlength=len(ptr) - 1)
            edge_ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.edge_ptr = edge_ptr

    # ----------------------------------------------------------------------------- building

    @classmethod
    def from_data_list(cls, graphs: Iterable) -> Batch:
        """Stacks graphs (:class:`~hepgraph.Data`, or ``torch_geometric.data.Data``) into one
        batch; their node ids are shifted so that each graph keeps its own nodes."""
        return cls.from_graphset(as_graphset(list(graphs)))

    @classmethod
    def from_graphset(cls, graphs: GraphSet, index=None) -> Batch:
        """The graphs ``index`` (all when None) of a :class:`~hepgraph.GraphSet` as one batch, in
        the order given."""
        who = "Batch.from_graphset"
        n = len(graphs)
        if index is None:
            idx = np.arange(n, dtype=np.int64)
        else:
            idx = _to_numpy(index, who, "index").reshape(-1).astype(np.int64)
            if idx.size == 0:
                raise InvalidGraphError(f"{who}: no graphs selected; give at least one index")
            if idx.min() < -n or idx.max() >= n:
                bad = idx[(idx < -n) | (idx >= n)][0]
                raise InvalidGraphError(
                    f"{who}: index {bad} is out of range for a set of {n} graphs; give indices in "
                    f"[0, {n})")
            idx = np.where(idx < 0, idx + n, idx)
        node_ptr = np.asarray(graphs.node_ptr)
        edge_ptr = np.asarray(graphs.edge_ptr)
        nodes = node_ptr[idx + 1] - node_ptr[idx]
        edges = edge_ptr[idx + 1] - edge_ptr[idx]
        ptr = np.zeros(idx.size + 1, np.int64)
        np.cumsum(nodes, out=ptr[1:])
        eptr = np.zeros(idx.size + 1, np.int64)
        np.cumsum(edges, out=eptr[1:])
        node_rows = _ranges(node_ptr[idx], nodes)
        edge_cols = _ranges(edge_ptr[idx], edges)
        batch = np.repeat(np.arange(idx.size, dtype=np.int64), nodes)
        x = np.asarray(graphs.x)[node_rows]
        shift = np.repeat(ptr[:-1], edges)
        edge_index = np.asarray(graphs.edge_index)[:, edge_cols] + shift[None, :]
        edge_attr = None if graphs.edge_attr is None else np.asarray(graphs.edge_attr)[edge_cols]
        y = np.asarray(graphs.y)[idx].astype(np.int64)
        return cls(x, edge_index, batch, ptr, y, edge_attr, eptr)

    # ----------------------------------------------------------------------------- reading

    @property
    def num_graphs(self) -> int:
        return int(len(self.ptr) - 1)

    def __len__(self) -> int:
        return self.num_graphs

    def to_graphset(self) -> GraphSet:
        """The batch as a :class:`~hepgraph.GraphSet` (node ids local to their graph again)."""
        b = self.to_numpy()
        edges = np.diff(b.edge_ptr)
        shift = np.repeat(b.ptr[:-1], edges)
        return GraphSet(b.x, b.edge_index - shift[None, :], b.ptr.copy(), b.edge_ptr.copy(),
                        b.y.copy(), b.edge_attr)

    def to_data_list(self) -> list[Data]:
        """The graphs of the batch, each a :class:`~hepgraph.Data` with its own node ids."""
        return list(self.to_graphset())

    def get_example(self, i: int) -> Data:
        """Graph ``i`` of the batch."""
        return self.to_graphset()[i]

    # ----------------------------------------------------------------------------- conversion

    def to_numpy(self) -> Batch:
        """This batch with numpy arrays (itself when it holds numpy already)."""
        if not _is_torch(self.x):
            return self

        def n(v):
            return None if v is None else v.detach().cpu().numpy()

        return Batch(n(self.x), n(self.edge_index), n(self.batch), n(self.ptr), n(self.y),
                     n(self.edge_attr), n(self.edge_ptr))

    def to_torch(self, device=None) -> Batch:
        """This batch with torch tensors (``x``/``edge_attr`` float32, the rest int64), on
        ``device`` (default CPU); the numpy arrays are shared where they can be (imports torch)."""
        import torch

        def t(v):
            if v is None:
                return None
            v = v if _is_torch(v) else torch.from_numpy(np.ascontiguousarray(v))
            return v.to(device) if device is not None else v

        return Batch(t(self.x), t(self.edge_index), t(self.batch), t(self.ptr), t(self.y),
                     t(self.edge_attr), t(self.edge_ptr))

    def to_pyg(self):
        """This batch as a ``torch_geometric.data.Batch`` (imports torch_geometric)."""
        from torch_geometric.data import Batch as PygBatch

        from .pyg import to_pyg_data

        return PygBatch.from_data_list([to_pyg_data(g) for g in self.to_data_list()])

    def __repr__(self):
        kind = "torch" if _is_torch(self.x) else "numpy"
        extra = "" if self.edge_attr is None else f", edge_attr={list(self.edge_attr.shape)}"
        return (f"Batch({self.num_graphs} graphs, x={list(self.x.shape)}, "
                f"edge_index={list(self.edge_index.shape)}{extra}, {kind})")


def _is_torch(v) -> bool:
    return hasattr(v, "detach") and hasattr(v, "cpu")


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(s, s + l)`` for each start and length, without a Python loop."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.arange(total, dtype=np.int64) + offsets


class DataLoader:
    """Batches of graphs, as ``torch_geometric.loader.DataLoader``.

    Args:
        graphs: a :class:`~hepgraph.GraphSet`, a list of :class:`~hepgraph.Data`, or PyG data
            (anything :func:`~hepgraph.as_graphset` takes).
        batch_size: graphs per batch (the last one may be smaller unless ``drop_last``).
        shuffle: a new random order each epoch (each ``iter()``).
        seed: seed of the shuffling; the same seed gives the same sequence of epochs.
        drop_last: leave out a last, smaller batch.
    """

    def __init__(self, graphs, batch_size: int = 32, shuffle: bool = False, seed=None,
                 drop_last: bool = False):
        if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) \
                or batch_size < 1:
            raise InvalidGraphError(
                f"DataLoader: batch_size = {batch_size!r}; give a positive integer, e.g. 32")
        self.graphs = as_graphset(graphs)
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.drop_last = bool(drop_last)
        self._rng = np.random.default_rng(seed)

    def __len__(self) -> int:
        n = len(self.graphs)
        return n // self.batch_size if self.drop_last else -(-n // self.batch_size)

    def __iter__(self) -> Iterator[Batch]:
        n = len(self.graphs)
        order = self._rng.permutation(n) if self.shuffle else np.arange(n)
        for start in range(0, n, self.batch_size):
            idx = order[start:start + self.batch_size]
            if self.drop_last and idx.size < self.batch_size:
                return
            yield Batch.from_graphset(self.graphs, idx)

    def __repr__(self):
        return (f"DataLoader({len(self.graphs)} graphs, batch_size={self.batch_size}, "
                f"shuffle={self.shuffle})")
