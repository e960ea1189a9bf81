"""ROOT files (CMS NanoAOD, flat ntuples) as graph sets, through uproot + awkward.

    import hepgraph as hg
    events = hg.read_root("nano_dy.root", tree="Events",
                          particles={"Muon": ["pt", "eta", "phi", "mass", "charge"],
                                     "Electron": ["pt", "eta", "phi", "mass", "charge"]},
                          event_features=["MET_pt"], ids=["run", "luminosityBlock", "event"])
    with hg.Detector("ocgin", epochs=5) as det:
        det.fit(events)
        scores = det.score(events)          # one per event, in events.row_ids order

One graph per event (PyG's ``InMemoryDataset`` of ``Data``): the particles of the declared
collections are its nodes, ``x [n, F (+ C)]`` -- the declared fields in order, then, when more than
one collection is read, a one-hot of the collection (``is_Muon``, ``is_Electron``); a node's row
in ``x`` follows the file's order, collection by collection. Event-level branches become the graph
features ``graph_attr [B, G]``; integer branches named in ``ids`` ride along per event
(``id_columns``); ``row_ids`` are the TTree entry numbers. Edges: fully connected without self
loops (``graph="full"``, the default: ``j -> i`` for every ``i != j``, grouped by target), none
(``graph="none"``), or ΔR neighbours built by the Java builders -- pass
``hg.transforms.KNNGraph(k)`` or ``hg.transforms.RadiusGraph(r)``, which read the fields named
``eta`` and ``phi`` (the ``deltar`` argument names others).

``particles`` declares, per collection, either field names -- jagged branches
``<collection>_<field>`` (NanoAOD ``Muon_pt[nMuon]``, the HZZ ntuple's ``Muon_Px[NMuon]``) -- or a
list of particle slots, each the list of its scalar branches, for flat trees that store a fixed
number of particles per event (``uproot-Zmumu.root``:
``{"mu": [["pt1", "eta1", "phi1", "Q1"], ["pt2", "eta2", "phi2", "Q2"]]}``). Every collection
gives the same number of fields, in the same meaning.

uproot and awkward are imported when :func:`read_root` runs, not with the package.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from ._optional import numpy as np

from .data import GraphSet
from .errors import DataFormatError, InvalidArgumentError

GRAPHS = ("full", "none")


class EventGraphSet(GraphSet):
    """A :class:`~hepgraph.GraphSet` of events read from a file, with where each came from.

    Attributes (besides the GraphSet columns):
        graph_attr: ``[B, G]`` float32 event-level features (None when none were asked for).
        row_ids: ``[B]`` int64 TTree entry number of each graph.
        id_columns: name -> ``[B]`` int64 per-event ids (e.g. ``run``, ``event``).
        feature_names: the names of the columns of ``x``.
        graph_feature_names: the names of the columns of ``graph_attr``.
        source: ``path:tree`` the events came from.
    """

    def __init__(self, x, edge_index, node_ptr, edge_ptr, y, *, graph_attr, row_ids, id_columns,
                 feature_names, graph_feature_names, source):
        super().__init__(x, edge_index, node_ptr, edge_ptr, y)
        self.graph_attr = graph_attr
        self.row_ids = row_ids
        self.id_columns = id_columns
        self.feature_names = list(feature_names)
        self.graph_feature_names = list(graph_feature_names)
        self.source = source

    def save(self, path) -> Path:
        """Writes the events to folder ``path`` for the command line's ``--dataset graphs:DIR``:
        ``graphs.arrow`` (the data-plane graph-set file: x, edges, y, graph_attr), ``rows.csv``
        (``row`` = the entry number, then the id columns) and ``recipe.properties`` (the feature
        names). Returns the folder.

            events.save("dy_events")
            # bin/hepgraph train --dataset graphs:dy_events -o dy.hgmodel
        """
        from . import _dataplane

        out = Path(os.fspath(path))
        out.mkdir(parents=True, exist_ok=True)
        _dataplane.write_graphset(out / "graphs.arrow", {
            "node_ptr": self.node_ptr, "edge_ptr": self.edge_ptr, "x": self.x,
            "edge_index": self.edge_index, "y": self.y, "graph_attr": self.graph_attr})
        (out / "graphs.arrow").chmod(0o644)  # a user's file, not a private exchange file
        names = ["row", *self.id_columns]
        cols = [self.row_ids, *self.id_columns.values()]
        lines = [",".join(names)] + [",".join(str(int(v)) for v in row) for row in zip(*cols)]
        (out / "rows.csv").write_text("\n".join(lines) + "\n")
        recipe = {"features": ",".join(self.feature_names), "node_features": "root-particles",
                  "graph_features": ",".join(self.graph_feature_names), "source": self.source}
        (out / "recipe.properties").write_text(
            "".join(f"{k}={_escape(v)}\n" for k, v in recipe.items()))
        return out

    def __repr__(self):
        attr = f", graph_attr {self.graph_feature_names}" if self.graph_feature_names else ""
        return (f"EventGraphSet({self.source}: {self.num_graphs} events, {self.x.shape[0]} "
                f"particles, {self.edge_index.shape[1]} edges, x {self.feature_names}{attr})")


def _escape(v: str) -> str:
    """A value for a Java properties file (backslashes and line breaks escaped)."""
    return v.replace("\\", "\\\\").replace("\n", "\\n")


def read_root(path, tree: str = "Events", *, particles: Mapping, event_features: Sequence = (),
              ids: Sequence = (), graph="full", deltar: tuple[str, str] = ("eta", "phi"),
              min_particles: int = 1, entry_start: int | None = None,
              entry_stop: int | None = None, label: int | None = None,
              feature_names: Sequence | None = None, progress: bool = True) -> EventGraphSet:
    """Reads the events of a ROOT TTree as one graph per event (see the module doc).

    Args:
        path: the ROOT file.
        tree: the TTree's name (NanoAOD: ``Events``; the scikit-hep ntuples: ``events``).
        particles: collection -> field names (jagged ``<collection>_<field>`` branches), or
            collection -> list of slots, each a list of scalar branch names (flat trees).
        event_features: scalar branches -> ``graph_attr`` (float32).
        ids: integer scalar branches -> ``id_columns`` (int64), e.g. ``["run", "event"]``.
        graph: ``"full"`` (default), ``"none"``, or an ``hg.transforms.KNNGraph`` /
            ``RadiusGraph`` (edges in ΔR from the Java builders).
        deltar: the fields holding η and φ, for a ΔR graph.
        min_particles: events with fewer particles (over all collections) are left out (their
            entry numbers are not in ``row_ids``); at least 1, as a graph needs a node.
        entry_start, entry_stop: the entries to read (uproot's meaning; None: all).
        label: a label for every graph (``y``), e.g. 0 for a background file; None: -1 (none).
        feature_names: names for the declared fields (default: the first collection's field
            names, or its first slot's branch names).
        progress: a tqdm bar over the entries.

    Raises:
        DataFormatError: a missing file, a file that is not ROOT, a missing tree or branch (the
            message lists what exists), a non-numeric branch or a non-finite value.
        InvalidArgumentError: a bad declaration, or no event left after the selection.
    """
    who = "read_root"
    decl = _declaration(who, particles, event_features, ids, graph, min_particles)
    if feature_names is not None and len(feature_names) != decl[0].width:
        raise InvalidArgumentError(
            f"{who}: feature_names has {len(feature_names)} names for {decl[0].width} fields "
            f"({decl[0].names()}); give one name per field")
    path = Path(os.fspath(path))
    ttree = _open_tree(who, path, tree)
    source = f"{path}:{tree}"
    branches = _branches(decl, event_features, ids)
    _check_branches(who, source, ttree, branches)
    arrays = _read(ttree, branches, entry_start, entry_stop, progress)
    first = 0 if entry_start is None else _entry(entry_start, ttree.num_entries)
    return _assemble(who, source, decl, arrays, event_features, ids, graph, deltar,
                     min_particles, first, label, feature_names)


class _Collection:
    """One declared particle collection: jagged fields or fixed slots of scalar branches."""

    def __init__(self, name, fields=None, slots=None):
        self.name = name
        self.fields = fields
        self.slots = slots

    @property
    def width(self) -> int:
        return len(self.fields) if self.fields is not None else len(self.slots[0])

    def branches(self) -> list[str]:
        if self.fields is not None:
            return [f"{self.name}_{f}" for f in self.fields]
        return [b for slot in self.slots for b in slot]

    def names(self) -> list[str]:
        return list(self.fields) if self.fields is not None else list(self.slots[0])


def _declaration(who, particles, event_features, ids, graph, min_particles) -> list[_Collection]:
    if not isinstance(particles, Mapping) or not particles:
        raise InvalidArgumentError(
            f"{who}: particles = {particles!r}; declare the collections that become nodes, e.g. "
            f"particles={{'Muon': ['pt', 'eta', 'phi', 'mass', 'charge']}}")
    out = []
    for name, spec in particles.items():
        if isinstance(spec, str) or not isinstance(spec, Sequence) or not spec:
            raise InvalidArgumentError(
                f"{who}: particles[{name!r}] = {spec!r}; give a list of field names (jagged "
                f"branches {name}_<field>) or a list of slots, each a list of branch names")
        if all(isinstance(s, str) for s in spec):
            out.append(_Collection(str(name), fields=list(spec)))
        elif all(isinstance(s, Sequence) and not isinstance(s, str) for s in spec):
            slots = [list(s) for s in spec]
            if len({len(s) for s in slots}) != 1 or not slots[0]:
                raise InvalidArgumentError(
                    f"{who}: particles[{name!r}] has slots of {[len(s) for s in slots]} branches; "
                    f"every slot names the same quantities in the same order")
            out.append(_Collection(str(name), slots=slots))
        else:
            raise InvalidArgumentError(
                f"{who}: particles[{name!r}] mixes names and lists; give field names or slots")
    widths = {c.name: c.width for c in out}
    if len(set(widths.values())) != 1:
        raise InvalidArgumentError(
            f"{who}: the collections give {widths} fields; every collection gives the same "
            f"fields in the same order (they share the columns of x)")
    for what, names in (("event_features", event_features), ("ids", ids)):
        if isinstance(names, str) or not all(isinstance(n, str) for n in names):
            raise InvalidArgumentError(
                f"{who}: {what} = {names!r}; give a list of branch names, e.g. ['MET_pt']")
    if not (isinstance(graph, str) and graph in GRAPHS) and not hasattr(graph, "_kind"):
        raise InvalidArgumentError(
            f"{who}: graph = {graph!r}; use 'full', 'none', hg.transforms.KNNGraph(k) or "
            f"hg.transforms.RadiusGraph(r)")
    if isinstance(min_particles, bool) or not isinstance(min_particles, int) or min_particles < 1:
        raise InvalidArgumentError(
            f"{who}: min_particles = {min_particles!r}; give an integer >= 1 (a graph needs a "
            f"node)")
    return out


def _open_tree(who, path: Path, tree: str):
    if not path.exists():
        raise DataFormatError(f"{who}: file {path.resolve()} does not exist; check the path")
    if path.is_dir():
        raise DataFormatError(f"{who}: {path.resolve()} is a folder; give a .root file")
    import uproot

    try:
        f = uproot.open(path)
    except Exception as e:  # uproot raises ValueError, OSError, its own errors
        with open(path, "rb") as fh:
            head = fh.read(4)
        raise DataFormatError(
            f"{who}: {path} is not a readable ROOT file (it starts with {head!r}, a ROOT file "
            f"with b'root'; uproot: {type(e).__name__}: {e}); give a .root file") from e
    try:
        obj = f[tree]
    except Exception:
        trees = sorted({k.split(";")[0] for k, cls in f.classnames().items()
                        if cls in ("TTree", "TNtuple", "ROOT::RNTuple")})
        raise DataFormatError(
            f"{who}: {path} has no tree {tree!r}; its trees are {trees} (pass tree=...)") from None
    if not hasattr(obj, "num_entries") or not hasattr(obj, "arrays"):
        raise DataFormatError(
            f"{who}: {path}:{tree} is a {type(obj).__name__}, not a TTree; pass tree=... naming "
            f"a tree")
    return obj


def _branches(decl, event_features, ids) -> list[str]:
    out = []
    for c in decl:
        out.extend(c.branches())
    out.extend(event_features)
    out.extend(ids)
    return list(dict.fromkeys(out))


def _check_branches(who, source, ttree, branches):
    have = list(ttree.keys())
    missing = [b for b in branches if b not in have]
    if not missing:
        return
    hints = []
    for b in missing:
        prefix = b.split("_")[0] + "_" if "_" in b else None
        near = [k for k in have if prefix and k.startswith(prefix)][:40]
        near = near or difflib.get_close_matches(b, have, n=8, cutoff=0.5)
        hints.append(f"{b!r} (close: {near})" if near else repr(b))
    raise DataFormatError(
        f"{who}: {source} has no branch " + ", ".join(hints)
        + f"; it has {len(have)} branches (first: {have[:20]}). Declare branches that exist")


def _entry(i, n):
    return max(0, i + n if i < 0 else min(i, n))


def _read(ttree, branches, entry_start, entry_stop, progress):
    import awkward as ak

    n = ttree.num_entries
    start = 0 if entry_start is None else _entry(entry_start, n)
    stop = n if entry_stop is None else _entry(entry_stop, n)
    if stop <= start:
        raise InvalidArgumentError(
            f"read_root: no event to read: entries [{start}, {stop}) of the {n} in the tree are "
            f"empty; give entry_start < entry_stop within [0, {n}]")
    bar = None
    if progress and stop - start > 0:
        from tqdm.auto import tqdm

        bar = tqdm(total=stop - start, desc="read_root", unit="event", leave=False)
    parts = {b: [] for b in branches}
    try:
        for chunk in ttree.iterate(branches, entry_start=start, entry_stop=stop,
                                   step_size="64 MB", library="ak"):
            for b in branches:
                parts[b].append(chunk[b])
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    return {b: ak.concatenate(p) if len(p) > 1 else p[0] for b, p in parts.items()}


def _numbers(who, source, name, array, kind="f"):
    import awkward as ak

    flat = ak.to_numpy(ak.flatten(array, axis=None)) if array.ndim > 1 else ak.to_numpy(array)
    if flat.dtype.kind not in "biuf":
        raise DataFormatError(
            f"{who}: {source} branch {name!r} holds {flat.dtype} values; only numeric branches "
            f"can be node or graph features")
    if kind == "i":
        if flat.dtype.kind == "f":
            raise DataFormatError(
                f"{who}: {source} branch {name!r} holds floats; ids must be integer branches")
        return flat.astype(np.int64)
    return flat.astype(np.float32)


def _assemble(who, source, decl, arrays, event_features, ids, graph, deltar, min_particles,
              first, label, names):
    import awkward as ak

    num_events = len(next(iter(arrays.values()))) if arrays else 0
    per_coll = []  # (values [n_c, F], counts [B])
    for c in decl:
        if c.fields is not None:
            branches = c.branches()
            counts = ak.to_numpy(ak.num(arrays[branches[0]], axis=1)).astype(np.int64) \
                if arrays[branches[0]].ndim > 1 else None
            if counts is None:
                raise DataFormatError(
                    f"{who}: {source} branch {branches[0]!r} has one value per event; jagged "
                    f"fields need per-particle branches (for flat trees give slots: "
                    f"particles={{{c.name!r}: [['pt1', ...], ['pt2', ...]]}})")
            for b in branches[1:]:
                other = ak.to_numpy(ak.num(arrays[b], axis=1)) if arrays[b].ndim > 1 else None
                if other is None or not np.array_equal(other, counts):
                    raise DataFormatError(
                        f"{who}: {source}: {b!r} has other per-event counts than "
                        f"{branches[0]!r}; the fields of one collection share one counter")
            cols = [_numbers(who, source, b, arrays[b]) for b in branches]
            values = np.stack(cols, axis=1) if cols else np.zeros((0, 0), np.float32)
        else:
            for b in c.branches():
                if arrays[b].ndim > 1:
                    raise DataFormatError(
                        f"{who}: {source} branch {b!r} is jagged; a slot names scalar branches "
                        f"(one value per event)")
            slot_values = [np.stack([_numbers(who, source, b, arrays[b]) for b in slot], axis=1)
                           for slot in c.slots]
            # slot-major per event: event e's particles are rows [e*S, (e+1)*S)
            values = np.stack(slot_values, axis=1).reshape(-1, c.width)
            counts = np.full(num_events, len(c.slots), np.int64)
        per_coll.append((values, counts))

    total = np.sum([cnt for _, cnt in per_coll], axis=0) if per_coll else np.zeros(0, np.int64)
    keep = np.flatnonzero(total >= min_particles)
    if keep.size == 0:
        raise InvalidArgumentError(
            f"{who}: no event of {source} has at least {min_particles} particle(s) in "
            f"{[c.name for c in decl]} ({num_events} events read); read other collections or "
            f"entries, or lower min_particles")

    feature_names = list(names) if names is not None else decl[0].names()
    one_hot = len(decl) > 1
    if one_hot:
        feature_names = feature_names + [f"is_{c.name}" for c in decl]
    width = len(feature_names)
    counts_kept = total[keep]
    node_ptr = np.zeros(keep.size + 1, np.int64)
    np.cumsum(counts_kept, out=node_ptr[1:])
    x = np.zeros((int(node_ptr[-1]), width), np.float32)
    # where each kept event starts, then collection by collection
    start = node_ptr[:-1].copy()
    for ci, (values, counts) in enumerate(per_coll):
        src_ptr = np.zeros(num_events + 1, np.int64)
        np.cumsum(counts, out=src_ptr[1:])
        n_kept = counts[keep]
        rows = _ranges(src_ptr[keep], n_kept)
        dest = _ranges(start, n_kept)
        x[dest, :values.shape[1]] = values[rows]
        if one_hot:
            x[dest, decl[0].width + ci] = 1.0
        start += n_kept
    bad = ~np.isfinite(x)
    if bad.any():
        node, col = np.argwhere(bad)[0]
        g = int(np.searchsorted(node_ptr, node, side="right") - 1)
        raise DataFormatError(
            f"{who}: {source} entry {first + int(keep[g])}: {feature_names[col]!r} of particle "
            f"{int(node - node_ptr[g])} is {x[node, col]}; node features must be finite (drop "
            f"the entry with entry_start/entry_stop or choose other fields)")

    edge_index, edge_ptr = _edges(who, graph, x, node_ptr, feature_names, deltar)
    graph_attr = None
    if event_features:
        for b in event_features:
            if arrays[b].ndim > 1:
                raise DataFormatError(f"{who}: {source} branch {b!r} is jagged; event_features "
                                      f"are scalar branches (one value per event)")
        graph_attr = np.stack([_numbers(who, source, b, arrays[b]) for b in event_features],
                              axis=1)[keep]
        if not np.all(np.isfinite(graph_attr)):
            e, col = np.argwhere(~np.isfinite(graph_attr))[0]
            raise DataFormatError(
                f"{who}: {source} entry {first + int(keep[e])}: {event_features[col]!r} is "
                f"{graph_attr[e, col]}; event features must be finite")
        graph_attr = np.ascontiguousarray(graph_attr, np.float32)
    id_columns = {}
    for b in ids:
        if arrays[b].ndim > 1:
            raise DataFormatError(f"{who}: {source} branch {b!r} is jagged; ids are scalar")
        id_columns[b] = _numbers(who, source, b, arrays[b], kind="i")[keep]
    y = np.full(keep.size, -1 if label is None else int(label), np.int64)
    return EventGraphSet(x, edge_index, node_ptr, edge_ptr, y, graph_attr=graph_attr,
                         row_ids=(keep + first).astype(np.int64), id_columns=id_columns,
                         feature_names=feature_names, graph_feature_names=list(event_features),
                         source=source)


def _ranges(starts, lengths) -> np.ndarray:
    """Concatenated ``arange(s, s + n)`` for each (s, n), vectorised."""
    lengths = np.asarray(lengths, np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(np.asarray(starts, np.int64), lengths) + np.arange(total) - offsets


def _edges(who, graph, x, node_ptr, feature_names, deltar):
    sizes = np.diff(node_ptr)
    if isinstance(graph, str):
        per = sizes * (sizes - 1) if graph == "full" else np.zeros_like(sizes)
        edge_ptr = np.zeros(sizes.size + 1, np.int64)
        np.cumsum(per, out=edge_ptr[1:])
        edge_index = np.zeros((2, int(edge_ptr[-1])), np.int64)
        if graph == "full":
            for n in np.unique(sizes):
                if n < 2:
                    continue
                tgt, src = np.divmod(np.arange(n * n), n)
                off = src != tgt
                src, tgt = src[off], tgt[off]  # j -> i, grouped by target i (as FullyConnected)
                graphs = np.flatnonzero(sizes == n)
                cols = (edge_ptr[graphs][:, None] + np.arange(n * (n - 1))).reshape(-1)
                edge_index[0, cols] = np.tile(src, graphs.size)
                edge_index[1, cols] = np.tile(tgt, graphs.size)
        return edge_index, edge_ptr
    lower = [f.lower() for f in feature_names]
    try:
        ie, ip = (lower.index(d.lower()) for d in deltar)
    except ValueError:
        raise InvalidArgumentError(
            f"{who}: a ΔR graph ({graph!r}) reads the fields {list(deltar)} but x has "
            f"{feature_names}; read eta and phi, or name them with deltar=(eta_field, "
            f"phi_field)") from None
    # The Java builders take padded (pt, eta, phi, e); only η and φ place the edges (raw
    # features), so pt and e are given as 1 and the graphs' x is replaced by ours below.
    b, p = sizes.size, int(sizes.max())
    padded = np.zeros((b, p, 4), np.float32)
    slot = np.arange(x.shape[0]) - np.repeat(node_ptr[:-1], sizes)
    g = np.repeat(np.arange(b), sizes)
    padded[g, slot, 0] = 1.0
    padded[g, slot, 1] = x[:, ie]
    padded[g, slot, 2] = x[:, ip]
    padded[g, slot, 3] = 1.0
    built = graph(padded, sizes.astype(np.int32))
    if not np.array_equal(np.asarray(built.node_ptr), node_ptr):
        raise InvalidArgumentError(f"{who}: {graph!r} returned other node counts than the events")
    return np.array(built.edge_index, np.int64), np.array(built.edge_ptr, np.int64)
