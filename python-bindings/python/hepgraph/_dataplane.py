"""The data plane: tensors and graph sets as Arrow IPC files in shared memory, mapped, not copied.

The JVM side is ``org.hepgraph.io.exchange`` (``GraphSetIpc``, ``TensorIpc``,
``SharedMemoryExchange``); both sides write and read the same files:

* one record batch of one row; every column is an ``arrow.fixed_shape_tensor`` that holds one
  whole field, row-major, little-endian;
* schema metadata ``hepgraph.schema`` (``graphset`` or ``tensor``) and
  ``hepgraph.schema.version`` (``1``); a reader refuses anything else, naming what it found;
* a graph set has ``nodePtr [B+1]``, ``edgePtr [B+1]``, ``x [N, F]``, ``edgeIndex [2, E]``
  (node ids local to their graph), ``y [B]``, and optionally ``edgeAttr [E, D]``, ``pos [N, P]``,
  ``graphAttr [B, G]``; float fields are float32, the others int64;
* a tensor file has one column ``tensor`` (float32, float64, int32, int64, int8 or uint8).

Files live in a private directory ``/dev/shm/hepgraph-<uid>-<pid>-<session>`` (0700, files 0600)
that :class:`Exchange` removes on ``close()``; directories of processes that are no longer alive
(a crash, SIGKILL) are removed when the next :class:`Exchange` (Python or Java) starts.

Readers return views: numpy arrays made with ``np.frombuffer`` over the mapping, torch tensors
with ``torch.frombuffer``; nothing is copied, and a write by either process is seen by the other.
pyarrow and torch are imported lazily (the module must import under GraalPy too).
"""

from __future__ import annotations

import mmap
import os
import shutil
import tempfile
import warnings
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self

from ._optional import numpy as np

SCHEMA_KEY = "hepgraph.schema"
VERSION_KEY = "hepgraph.schema.version"
SCHEMA_VERSION = "1"
GRAPHSET = "graphset"
TENSOR = "tensor"
# /dev/shm where it exists (Linux); elsewhere the temporary directory (backed by disk there).
DEFAULT_PARENT = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
PREFIX = "hepgraph-"

# (Arrow column, PyG-style alias, dtype, rank, required), in file order.
GRAPHSET_FIELDS = (
    ("nodePtr", "node_ptr", "int64", 1, True),
    ("edgePtr", "edge_ptr", "int64", 1, True),
    ("x", "x", "float32", 2, True),
    ("edgeIndex", "edge_index", "int64", 2, True),
    ("y", "y", "int64", 1, True),
    ("edgeAttr", "edge_attr", "float32", 2, False),
    ("pos", "pos", "float32", 2, False),
    ("graphAttr", "graph_attr", "float32", 2, False),
)

_TENSOR_DTYPES = ("float32", "float64", "int32", "int64", "int8", "uint8")


class DataPlaneError(ValueError):
    """A data-plane file is missing, truncated, corrupt, or of another schema or version."""


def _pa():
    import pyarrow as pa

    return pa


# --------------------------------------------------------------------------- shared-memory dir


def remove_stale(parent: str | os.PathLike = DEFAULT_PARENT) -> list[Path]:
    """Removes this user's ``hepgraph-<uid>-<pid>-*`` directories whose process is not alive."""
    parent = Path(parent)
    removed = []
    mine = f"{PREFIX}{os.getuid()}-"
    if not parent.is_dir():
        return removed
    for p in parent.iterdir():
        name = p.name
        if not name.startswith(mine) or p.is_symlink() or not p.is_dir():
            continue
        pid_text = name[len(mine) :].split("-", 1)[0]
        if not pid_text.isdigit():
            continue
        if not _alive(int(pid_text)):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (killed, not yet reaped) holds no resources: count it as gone.
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


class Exchange:
    """A private directory in shared memory for data-plane files (0700; files 0600).

    ``Exchange()`` first removes stale directories of dead processes, then creates
    ``<parent>/hepgraph-<uid>-<pid>-<session>``. ``close()`` (or the ``with`` block, or, as a
    guard, garbage collection and interpreter exit) removes it with every file in it.
    """

    def __init__(self, parent: str | os.PathLike = DEFAULT_PARENT):
        parent = Path(parent)
        remove_stale(parent)
        import secrets  # here: it costs seconds to import under GraalPy, which never gets here

        self.directory = parent / f"{PREFIX}{os.getuid()}-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            os.mkdir(self.directory, 0o700)
        except OSError as e:
            raise DataPlaneError(
                f"Exchange: cannot create {self.directory}: {e}; check that {parent} exists and"
                " is writable, or pass another parent directory"
            ) from e
        os.chmod(self.directory, 0o700)
        self._counter = 0
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.directory), True)

    def new_path(self, prefix: str = "data") -> Path:
        """A fresh file name in the directory (not created yet; the writers create it 0600)."""
        if self.closed:
            raise DataPlaneError(f"Exchange: {self.directory} is closed")
        self._counter += 1
        return self.directory / f"{prefix}-py{self._counter}.arrow"

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        """Removes the directory and every file in it (idempotent)."""
        self._finalizer()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Exchange({str(self.directory)!r}{', closed' if self.closed else ''})"


# --------------------------------------------------------------------------------- writing


def _as_numpy(value: Any, dtype, name: str) -> np.ndarray:
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # a torch tensor
        value = value.detach().cpu().numpy()
    a = np.asarray(value)
    if a.dtype != dtype:
        if np.issubdtype(dtype, np.integer) and not np.issubdtype(a.dtype, np.integer):
            raise DataPlaneError(
                f"{name}: dtype {a.dtype} where {np.dtype(dtype).name} indices belong;"
                " pass integer indices"
            )
        a = a.astype(dtype)
    return np.ascontiguousarray(a)


def _tensor_column(a: np.ndarray):
    pa = _pa()
    values = pa.array(a.reshape(-1))  # zero copy for a contiguous numeric array
    storage = pa.Array.from_buffers(
        pa.list_(values.type, int(a.size)), 1, [None], children=[values]
    )
    return pa.ExtensionArray.from_storage(
        pa.fixed_shape_tensor(values.type, [int(d) for d in a.shape]), storage
    )


def _write(
    path: str | os.PathLike, names: list[str], arrays: list[np.ndarray], schema: str
) -> Path:
    """Writes one record batch into ``path``: sized first, then written in place into a map."""
    pa = _pa()
    path = Path(path)
    columns = [_tensor_column(a) for a in arrays]
    meta = {SCHEMA_KEY: schema, VERSION_KEY: SCHEMA_VERSION}
    batch = pa.record_batch(columns, names=names).replace_schema_metadata(meta)
    sizer = pa.MockOutputStream()
    with pa.ipc.new_file(sizer, batch.schema) as w:
        w.write_batch(batch)
    size = sizer.size()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.ftruncate(fd, size)
    finally:
        os.close(fd)
    with pa.memory_map(str(path), "r+") as sink:
        with pa.ipc.new_file(sink, batch.schema) as w:
            w.write_batch(batch)
        written = sink.tell()
    if written != size:
        raise DataPlaneError(f"write: {path} took {written} bytes, expected {size}")
    return path


def fields_from_pyg(data: Any) -> dict[str, np.ndarray]:
    """The graph-set fields of a PyG ``Data`` (one graph) or ``Batch`` (duck-typed: ``x``,
    ``edge_index``, optional ``batch``/``ptr``, ``edge_attr``, ``pos``, ``y``).

    PyG's ``Batch`` numbers nodes globally and keeps each graph's edges together; the graph set
    numbers them within their graph, so the edge ids are rebased here (a new array; the node and
    edge features are passed on as they are).
    """

    def arr(v):
        if v is None:
            return None
        if hasattr(v, "detach"):
            v = v.detach().cpu().numpy()
        return np.asarray(v)

    x = arr(data.x)
    ei = arr(data.edge_index).astype(np.int64, copy=False)
    batch = arr(getattr(data, "batch", None))
    ptr = arr(getattr(data, "ptr", None))
    if batch is None:
        node_ptr = np.array([0, x.shape[0]], np.int64)
        edge_ptr = np.array([0, ei.shape[1]], np.int64)
        local = ei
    else:
        batch = batch.astype(np.int64, copy=False)
        num_graphs = int(ptr.shape[0] - 1) if ptr is not None else int(batch.max(initial=-1)) + 1
        node_ptr = (
            ptr.astype(np.int64)
            if ptr is not None
            else np.concatenate([[0], np.cumsum(np.bincount(batch, minlength=num_graphs))])
        )
        edge_graph = batch[ei[0]] if ei.shape[1] else np.zeros(0, np.int64)
        if np.any(np.diff(edge_graph) < 0):
            raise DataPlaneError(
                "fields_from_pyg: the edges of the batch are not grouped by graph; build the"
                " batch with Batch.from_data_list or sort edge_index by graph"
            )
        counts = np.bincount(edge_graph, minlength=num_graphs)
        edge_ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        local = ei - node_ptr[edge_graph][None, :]
    y = arr(getattr(data, "y", None))
    num_graphs = node_ptr.shape[0] - 1
    out = {"x": x, "edge_index": local, "node_ptr": node_ptr, "edge_ptr": edge_ptr}
    if y is not None and y.size == num_graphs:  # graph labels only; node labels stay in PyG
        out["y"] = y.reshape(-1).astype(np.int64)
    for k in ("edge_attr", "pos"):
        v = arr(getattr(data, k, None))
        if v is not None:
            out[k] = v.reshape(v.shape[0], -1)
    return out


def write_graphset(path: str | os.PathLike, fields: Any) -> Path:
    """Writes a graph set to ``path`` (0600) and returns the path.

    ``fields`` maps PyG-style or Java names to arrays (numpy, torch, lists): ``x [N, F]``,
    ``edge_index [2, E]`` (ids local to each graph), ``node_ptr [B+1]``, ``edge_ptr [B+1]``, and
    optionally ``y [B]`` (default -1), ``edge_attr [E, D]``, ``pos [N, P]``, ``graph_attr [B, G]``.
    A single graph may leave out ``node_ptr`` and ``edge_ptr``. A PyG ``Data`` or ``Batch`` is
    taken as well (through :func:`fields_from_pyg`).
    """
    if not isinstance(fields, Mapping) and hasattr(fields, "edge_index"):
        fields = fields_from_pyg(fields)
    known = {alias: col for col, alias, *_ in GRAPHSET_FIELDS} | {
        col: col for col, *_ in GRAPHSET_FIELDS
    }
    given = {}
    for k, v in fields.items():
        if k not in known:
            raise DataPlaneError(
                f"write_graphset: unknown field {k!r}; fields are "
                + ", ".join(alias for _, alias, *_ in GRAPHSET_FIELDS)
            )
        if v is not None:
            given[known[k]] = v
    if "x" not in given or "edgeIndex" not in given:
        raise DataPlaneError("write_graphset: x and edge_index are required")
    x = _as_numpy(given["x"], np.float32, "x")
    ei = _as_numpy(given["edgeIndex"], np.int64, "edge_index")
    if x.ndim != 2 or ei.ndim != 2 or ei.shape[0] != 2:
        raise DataPlaneError(
            f"write_graphset: x has shape {x.shape} and edge_index {ei.shape};"
            " need x [N, F] and edge_index [2, E]"
        )
    if "nodePtr" not in given:
        given["nodePtr"] = np.array([0, x.shape[0]], np.int64)
    if "edgePtr" not in given:
        given["edgePtr"] = np.array([0, ei.shape[1]], np.int64)
    num_graphs = len(np.asarray(given["nodePtr"])) - 1
    if "y" not in given:
        given["y"] = np.full(num_graphs, -1, np.int64)
    names, arrays = [], []
    for col, alias, dtype, rank, required in GRAPHSET_FIELDS:
        if col not in given:
            continue
        a = _as_numpy(given[col], dtype, alias)
        if a.ndim != rank:
            raise DataPlaneError(
                f"write_graphset: {alias} has shape {a.shape}; it needs {rank} dimensions"
            )
        names.append(col)
        arrays.append(a)
    return _write(path, names, arrays, GRAPHSET)


def write_tensor(path: str | os.PathLike, array: Any) -> Path:
    """Writes one tensor (numpy or torch; C-contiguous afterwards) to ``path`` (0600)."""
    if hasattr(array, "detach") and hasattr(array, "cpu"):
        array = array.detach().cpu().numpy()
    a = np.ascontiguousarray(np.asarray(array))
    if a.dtype.name not in _TENSOR_DTYPES:
        raise DataPlaneError(
            f"write_tensor: dtype {a.dtype} is not supported; use one of {', '.join(_TENSOR_DTYPES)}"
        )
    return _write(path, [TENSOR], [a.astype(a.dtype.newbyteorder("<"), copy=False)], TENSOR)


# --------------------------------------------------------------------------------- reading


class MappedFile:
    """An Arrow IPC file of the data plane, memory-mapped; :attr:`arrays` are numpy views of it.

    ``writable=True`` maps the file read-write (writes through the views reach the file and any
    other process that mapped it). ``close()`` drops this object's hold on the mapping; views
    handed out keep their pages alive until they are gone themselves (never a dangling view).
    """

    def __init__(self, path: str | os.PathLike, schema: str, writable: bool = False):
        pa = _pa()
        self.path = Path(path)
        self.writable = writable
        what = f"map_{schema}"
        try:
            size = os.path.getsize(self.path)
        except OSError as e:
            raise DataPlaneError(f"{what}: no file {self.path} ({e})") from e
        self._mmap = None
        try:
            # Python's mmap rather than pa.memory_map: pyarrow's reader of a memory-mapped file
            # advises the kernel to fetch the whole body (madvise WILLNEED), which takes time in
            # proportion to the size (0.65 ms for 1 GiB against 0.04 ms for 1 MiB); over a buffer
            # it only parses the metadata. Arrays are then sliced out of the same mapping.
            with open(self.path, "r+b" if writable else "rb") as f:
                access = mmap.ACCESS_WRITE if writable else mmap.ACCESS_READ
                self._mmap = mmap.mmap(f.fileno(), 0, access=access)
            whole = pa.py_buffer(self._mmap)
            base = whole.address
            source = pa.BufferReader(whole)
            reader = pa.ipc.open_file(source)
            batch = reader.get_batch(0) if reader.num_record_batches == 1 else None
        except (pa.ArrowException, OSError, ValueError) as e:
            self._release()
            raise DataPlaneError(
                f"{what}: {self.path} ({size} bytes) is not a readable Arrow IPC file: {e}"
            ) from e
        if batch is None:
            self._release()
            raise DataPlaneError(
                f"{what}: {self.path} holds {reader.num_record_batches} record batches; expected 1"
            )
        meta = {k.decode(): v.decode() for k, v in (reader.schema.metadata or {}).items()}
        if meta.get(SCHEMA_KEY) != schema:
            self._release()
            raise DataPlaneError(
                f"{what}: {self.path} holds schema {meta.get(SCHEMA_KEY)!r}, not {schema!r}"
            )
        if meta.get(VERSION_KEY) != SCHEMA_VERSION:
            self._release()
            raise DataPlaneError(
                f"{what}: {self.path} has {schema} schema version {meta.get(VERSION_KEY)} but"
                f" this hepgraph reads version {SCHEMA_VERSION}; write it with a matching hepgraph"
            )
        self.schema = reader.schema
        self.arrays: dict[str, np.ndarray] = {}
        for name, column in zip(batch.schema.names, batch.columns):
            self.arrays[name] = self._view(column, base)
        self._source = source

    def _view(self, column, base: int) -> np.ndarray:
        pa = _pa()
        if not isinstance(column.type, pa.FixedShapeTensorType):
            raise DataPlaneError(
                f"map: {self.path} column type {column.type} is not arrow.fixed_shape_tensor"
            )
        shape = tuple(column.type.shape)
        if column.type.permutation not in (None, list(range(len(shape)))):
            raise DataPlaneError(f"map: {self.path} has a permuted tensor; write row-major data")
        values = column.storage.values
        dtype = np.dtype(values.type.to_pandas_dtype())
        count = int(np.prod(shape, dtype=np.int64))
        buf = values.buffers()[1]
        start = values.offset * dtype.itemsize
        if count == 0:
            return np.zeros(shape, dtype)
        if buf is None or buf.size < start + count * dtype.itemsize:
            raise DataPlaneError(
                f"map: {self.path} column of shape {shape} is truncated (truncated or corrupt file)"
            )
        # A view of the mapping itself (read-only unless mapped writable), at the buffer's place.
        a = np.frombuffer(self._mmap, dtype=dtype, count=count, offset=buf.address - base + start)
        return a.reshape(shape)

    def numpy(self, name: str) -> np.ndarray:
        """Column ``name`` as a numpy view of the mapping (no copy)."""
        self._check_open()
        return self.arrays[name]

    def _check_open(self) -> None:
        if self._source is None:
            raise DataPlaneError(
                f"{type(self).__name__}: {self.path} is closed; map it again (views taken"
                " before close() stay valid)"
            )

    def torch(self, name: str):
        """Column ``name`` as a torch tensor sharing the mapping (``torch.frombuffer``, no copy)."""
        import torch

        a = self.numpy(name)
        if a.size == 0:
            return torch.from_numpy(a.copy())
        with warnings.catch_warnings():
            # A read-only mapping: torch warns that it cannot protect it; writes are the caller's.
            warnings.simplefilter("ignore", UserWarning)
            t = torch.frombuffer(a, dtype=getattr(torch, a.dtype.name))
        return t.reshape(a.shape)

    def _release(self) -> None:
        if self._mmap is not None:
            try:
                self._mmap.close()
            except BufferError:
                pass  # views still point into it: the mapping lives until they are gone
        self._mmap = None

    def close(self) -> None:
        self.arrays = {}
        self._source = None
        self._release()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        cols = ", ".join(f"{k}={list(v.shape)}" for k, v in self.arrays.items())
        return f"{type(self).__name__}({str(self.path)!r}, {cols})"


class MappedGraphSet(MappedFile):
    """A mapped graph set; :meth:`field` takes PyG-style names (``edge_index``)."""

    def __init__(self, path, writable: bool = False):
        super().__init__(path, GRAPHSET, writable)
        for col, alias, dtype, rank, required in GRAPHSET_FIELDS:
            a = self.arrays.get(col)
            if a is None:
                if required:
                    self.close()
                    raise DataPlaneError(f"map_graphset: {self.path} has no column {col!r}")
                continue
            if a.dtype != dtype or a.ndim != rank:
                self.close()
                raise DataPlaneError(
                    f"map_graphset: {self.path} column {col!r} is {a.dtype} {list(a.shape)};"
                    f" expected {np.dtype(dtype).name} of rank {rank}"
                )

    def field(self, name: str, torch: bool = False):
        """Field ``name`` (``x``, ``edge_index``, ``node_ptr``, ...) as a view, numpy or torch."""
        self._check_open()
        col = {alias: c for c, alias, *_ in GRAPHSET_FIELDS}.get(name, name)
        if col not in self.arrays:
            return None
        return self.torch(col) if torch else self.arrays[col]

    @property
    def num_graphs(self) -> int:
        return int(self.arrays["y"].shape[0])


class MappedTensor(MappedFile):
    """A mapped tensor: :meth:`numpy` / :meth:`torch` without a name give the tensor."""

    def __init__(self, path, writable: bool = False):
        super().__init__(path, TENSOR, writable)
        if TENSOR not in self.arrays:
            self.close()
            raise DataPlaneError(f"map_tensor: {self.path} has no column {TENSOR!r}")

    def numpy(self, name: str = TENSOR) -> np.ndarray:
        return super().numpy(name)

    def torch(self, name: str = TENSOR):
        return super().torch(name)


def map_graphset(path: str | os.PathLike, writable: bool = False) -> MappedGraphSet:
    """Maps a graph-set file; its fields are views of the mapping (no copy)."""
    return MappedGraphSet(path, writable)


def map_tensor(path: str | os.PathLike, writable: bool = False) -> MappedTensor:
    """Maps a tensor file; ``.numpy()`` / ``.torch()`` are views of the mapping (no copy)."""
    return MappedTensor(path, writable)
