"""Conversions to and from PyTorch Geometric. torch and torch_geometric are imported here, lazily,
only when one of these functions runs: the rest of hepgraph needs neither."""

from __future__ import annotations

from .data import Data
from .errors import HepgraphError


def _require_pyg():
    try:
        import torch
        import torch_geometric.data
    except ImportError as e:
        raise HepgraphError(
            f"hepgraph's PyG conversions need torch and torch_geometric ({e}); install them with "
            f"pip install torch==2.7.1 torch_geometric") from e
    return torch, torch_geometric.data


def from_pyg_data(data) -> Data:
    """A :class:`hepgraph.Data` from a ``torch_geometric.data.Data`` (x, edge_index, edge_attr, y).

    The arrays are copied to numpy; y, when present, must be one graph label.
    """
    x = getattr(data, "x", None)
    if x is None:
        raise HepgraphError(
            "from_pyg_data: the PyG graph has no node features (data.x is None); hepgraph's "
            "detectors need x, e.g. data.x = torch.ones(data.num_nodes, 1)")
    return Data(x=x, edge_index=data.edge_index, y=getattr(data, "y", None),
                edge_attr=getattr(data, "edge_attr", None))


def to_pyg_data(data: Data):
    """A ``torch_geometric.data.Data`` from a :class:`hepgraph.Data` (tensors share the numpy
    arrays' memory; y becomes a one-element long tensor)."""
    torch, pyg_data = _require_pyg()
    kwargs = dict(x=torch.from_numpy(data.x), edge_index=torch.from_numpy(data.edge_index))
    if data.edge_attr is not None:
        kwargs["edge_attr"] = torch.from_numpy(data.edge_attr)
    if data.y is not None:
        kwargs["y"] = torch.tensor([data.y], dtype=torch.long)
    return pyg_data.Data(**kwargs)
