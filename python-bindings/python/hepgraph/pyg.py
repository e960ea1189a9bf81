"""Conversions to and from PyTorch Geometric. torch and torch_geometric are imported here, lazily,
only when one of these functions runs: the rest of hepgraph needs neither."""

from __future__ import annotations

import copy
import json
import os
import weakref

from . import _dataplane, _jvm
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


# ------------------------------------------------------------------------------------------------
# Models: hg.from_pyg(module) and HepgraphModel.to_pyg()

_ACTS = {"ReLU": "relu", "Tanh": "tanh", "Sigmoid": "sigmoid", "SiLU": "silu", "ELU": "elu",
         "GELU": "gelu", "LeakyReLU": "leaky_relu"}
_POOLS = {"global_add_pool": "add", "global_mean_pool": "mean", "global_max_pool": "max",
          "SumAggregation": "add", "MeanAggregation": "mean", "MaxAggregation": "max"}


def _refuse(what: str, fix: str = ""):
    from .errors import InvalidArgumentError

    raise InvalidArgumentError(
        f"hg.from_pyg: {what} cannot be mapped to hepgraph" + (f"; {fix}" if fix else ""))


def _act_name(act) -> str:
    name = type(act).__name__
    if name not in _ACTS:
        _refuse(f"activation {name}", "use one of " + ", ".join(sorted(_ACTS)))
    if name == "LeakyReLU" and act.negative_slope != 0.01:
        _refuse(f"LeakyReLU(negative_slope={act.negative_slope})", "only 0.01 is supported")
    if name == "ELU" and act.alpha != 1.0:
        _refuse(f"ELU(alpha={act.alpha})", "only alpha=1 is supported")
    if name == "GELU" and act.approximate != "none":
        _refuse(f"GELU(approximate={act.approximate!r})", "only approximate='none'")
    return _ACTS[name]


def _aggr(layer) -> str:
    a = layer.aggr
    if a not in ("add", "sum", "mean", "max"):
        _refuse(f"{type(layer).__name__}(aggr={a!r})", "use 'add', 'mean' or 'max'")
    return a


def _mlp(mlp, prefix: str):
    """(spec, {pyg name: hepgraph name}) of a torch_geometric.nn.MLP."""
    if type(mlp).__name__ != "MLP":
        _refuse(f"the network {type(mlp).__name__} of a GINConv/EdgeConv",
                "give it a torch_geometric.nn.MLP")
    lins, norms = list(mlp.lins), list(mlp.norms)
    kinds = {type(n).__name__ for n in norms}
    if len(kinds) > 1 or (kinds and kinds.pop() not in ("Identity", "BatchNorm", "LayerNorm")):
        _refuse(f"MLP norms {sorted({type(n).__name__ for n in norms})}",
                "use norm=None, 'batch_norm' or 'layer_norm'")
    first = type(norms[0]).__name__ if norms else "Identity"
    norm = {"Identity": "none", "BatchNorm": "batch_norm", "LayerNorm": "layer_norm"}[first]
    for n in norms:
        if norm == "batch_norm" and (n.module.eps != 1e-5 or not n.module.affine
                                     or not n.module.track_running_stats):
            _refuse("MLP batch norm with eps/affine/track_running_stats other than the defaults")
        if norm == "layer_norm" and (n.mode != "graph" or n.eps != 1e-5 or n.weight is None):
            _refuse(f"MLP LayerNorm(mode={n.mode!r}, eps={n.eps})", "only the defaults")
    if mlp.act_first and norm != "none":
        _refuse("MLP(act_first=True) with a norm")
    if any(lin.bias is None for lin in lins) and any(lin.bias is not None for lin in lins):
        _refuse("MLP with bias on some layers only")
    spec = {"type": "MLP", "channels": [int(c) for c in mlp.channel_list],
            "act": _act_name(mlp.act) if mlp.act is not None else "none", "norm": norm,
            "plainLast": bool(mlp.plain_last), "bias": lins[0].bias is not None}
    order = []
    for i in range(len(lins)):
        order.append(f"linear{i + 1}")
        if i < len(norms) and norm != "none":
            order.append(f"norm{i + 1}")
    child = {c: f"{k + 1:02d}{c}" for k, c in enumerate(order)}
    names = {}
    for i in range(len(lins)):
        names[f"lins.{i}.weight"] = f"{prefix}{child[f'linear{i + 1}']}_weight"
        if lins[i].bias is not None:
            names[f"lins.{i}.bias"] = f"{prefix}{child[f'linear{i + 1}']}_bias"
        if f"norm{i + 1}" in child:
            base = f"{prefix}{child[f'norm{i + 1}']}_"
            if norm == "batch_norm":
                for p, q in {"weight": "gamma", "bias": "beta", "running_mean": "runningMean",
                             "running_var": "runningVar"}.items():
                    names[f"norms.{i}.module.{p}"] = base + q
            else:
                names[f"norms.{i}.weight"] = base + "weight"
                names[f"norms.{i}.bias"] = base + "bias"
    return spec, names


def _channels(layer):
    cin = layer.in_channels
    if not isinstance(cin, int) or cin <= 0:
        _refuse(f"{type(layer).__name__}(in_channels={cin})", "give a positive int (no lazy or "
                "bipartite input)")
    return cin


def _step(m):
    """(spec, {pyg name: hepgraph name}, kind) of one PyG module; kind graph/node/act/pool."""
    import torch

    name = type(m).__name__
    if name == "GCNConv":
        if m.aggr != "add":
            _refuse(f"GCNConv(aggr={m.aggr!r})")
        spec = {"type": name, "in": _channels(m), "out": m.out_channels,
                # PyG 2.8.1's gcn_norm adds its self loops of weight 2 (improved) only when edge
                # weights are given; these models pass none, so PyG computes improved=False.
                "improved": False, "normalize": bool(m.normalize),
                "addSelfLoops": bool(m.add_self_loops), "bias": m.bias is not None}
        names = {"lin.weight": "01linear_weight"}
        if m.bias is not None:
            names["bias"] = "bias"
        return spec, names, "graph"
    if name == "GATConv":
        if getattr(m, "res", None) is not None:
            _refuse("GATConv(residual=True)")
        if m.fill_value != "mean" and m.add_self_loops:
            _refuse(f"GATConv(fill_value={m.fill_value!r})")
        if getattr(m, "lin", None) is None:
            _refuse("GATConv with a bipartite (tuple) in_channels")
        spec = {"type": name, "in": _channels(m), "out": m.out_channels, "heads": m.heads,
                "concat": bool(m.concat), "negativeSlope": float(m.negative_slope),
                "dropout": float(m.dropout), "addSelfLoops": bool(m.add_self_loops),
                "bias": m.bias is not None}
        names = {"lin.weight": "01linear_weight", "att_src": "att_src", "att_dst": "att_dst"}
        if m.edge_dim is not None:
            spec["edgeDim"] = int(m.edge_dim)
            names["lin_edge.weight"] = "02edge_weight"
            names["att_edge"] = "att_edge"
        if m.bias is not None:
            names["bias"] = "bias"
        return spec, names, "graph"
    if name == "SAGEConv":
        spec = {"type": name, "in": _channels(m), "out": m.out_channels, "aggr": _aggr(m),
                "normalize": bool(m.normalize), "rootWeight": bool(m.root_weight),
                "project": bool(m.project), "bias": m.lin_l.bias is not None}
        names, k = {"lin_l.weight": "01neighbour_weight"}, 2
        if m.lin_l.bias is not None:
            names["lin_l.bias"] = "01neighbour_bias"
        if m.root_weight:
            names["lin_r.weight"] = f"{k:02d}root_weight"
            k += 1
        if m.project:
            names["lin.weight"] = f"{k:02d}project_weight"
            names["lin.bias"] = f"{k:02d}project_bias"
        return spec, names, "graph"
    if name in ("GINConv", "GINEConv", "EdgeConv"):
        nn_spec, nn_names = _mlp(m.nn, "01mlp_")
        spec = {"type": name, "in": nn_spec["channels"][0] // (2 if name == "EdgeConv" else 1),
                "nn": nn_spec}
        if name == "GINEConv":
            if m.aggr not in ("add", "sum"):
                _refuse(f"GINEConv(aggr={m.aggr!r})", "GINEConv sums its messages")
        else:
            spec["aggr"] = _aggr(m)
        names = {f"nn.{k}": v for k, v in nn_names.items()}
        if name == "GINEConv" and m.lin is not None:
            spec["edgeDim"] = int(getattr(m.lin, "in_channels", None) or m.lin.in_features)
            names["lin.weight"] = "02edge_weight"
            names["lin.bias"] = "02edge_bias"
        if name != "EdgeConv":
            spec["eps"] = float(m.eps.item() if hasattr(m.eps, "item") else m.eps)
            spec["trainEps"] = isinstance(m.eps, torch.nn.Parameter)
            if spec["trainEps"]:
                names["eps"] = "eps"
        return spec, names, "graph"
    if name == "MLP":
        spec, names = _mlp(m, "")
        return spec, names, "node"
    if isinstance(m, torch.nn.Linear) or name == "Linear":
        cin = m.in_features if isinstance(m, torch.nn.Linear) else m.in_channels
        cout = m.out_features if isinstance(m, torch.nn.Linear) else m.out_channels
        if not isinstance(cin, int) or cin <= 0:
            _refuse(f"{name}(in_channels={cin})", "give a positive in_channels (no lazy layer)")
        spec = {"type": "MLP", "channels": [cin, cout], "norm": "none",
                "bias": m.bias is not None}
        names = {"weight": "01linear1_weight"}
        if m.bias is not None:
            names["bias"] = "01linear1_bias"
        return spec, names, "node"
    if name in _ACTS:
        return {"type": "act", "name": _act_name(m)}, {}, "act"
    if name in ("Dropout", "Identity"):
        return None, {}, "act"
    pool = _POOLS.get(getattr(m, "__name__", None) or name)
    if pool is not None:
        return {"type": "pool", "reduce": pool}, {}, "pool"
    _refuse(f"{getattr(m, '__name__', None) or name}", "supported: GCNConv, GATConv, SAGEConv, "
            "GINConv, GINEConv, EdgeConv, MLP, Linear, "
            "activations, global add/mean/max pools, Sequential and the GCN, GIN, GAT, "
            "GraphSAGE, EdgeCNN, MLP models")


def _steps(module, pool):
    """[(spec, names, pyg path prefix)] for the whole module."""
    import torch

    name = type(module).__name__
    out = []
    if name == "Sequential" and hasattr(module, "_children"):
        params = list(module.signature.param_dict)
        if len(params) not in (2, 3):
            _refuse(f"Sequential('{', '.join(params)}')", "expected 'x, edge_index' or "
                    "'x, edge_index, batch'")
        xname, ei = params[0], params[1]
        batch = params[2] if len(params) == 3 else None
        for child in module._children:
            m = getattr(module, child.name)
            desc = f"'{', '.join(child.param_names)} -> {', '.join(child.return_names)}'"
            try:
                spec, names, kind = _step(m)
            except HepgraphError as e:
                _refuse(f"Sequential step {child.name} ({desc})", str(e))
            want = {"graph": [xname, ei], "node": [xname], "act": [xname],
                    "pool": [xname, batch]}[kind]
            if list(child.param_names) != want or len(child.return_names) != 1:
                _refuse(f"Sequential step {child.name} ({type(m).__name__}: "
                        f"'{', '.join(child.param_names)} -> {', '.join(child.return_names)}')",
                        f"only linear chains: '{', '.join(want)} -> {xname}'")
            xname = child.return_names[0]
            out.append((spec, names, child.name + "."))
    elif name in ("GCN", "GIN", "GAT", "GraphSAGE", "EdgeCNN") and hasattr(module, "convs"):
        if module.jk_mode is not None or hasattr(module, "lin"):
            _refuse(f"{name}(jk={module.jk_mode!r})", "use jk=None")
        if any(not isinstance(n, torch.nn.Identity) for n in module.norms):
            _refuse(f"{name}(norm={module.norm!r})", "use norm=None")
        if module.act_first:
            _refuse(f"{name}(act_first=True)")
        for i, conv in enumerate(module.convs):
            spec, names, _ = _step(conv)
            out.append((spec, names, f"convs.{i}."))
            if i < len(module.convs) - 1 and module.act is not None:
                out.append(({"type": "act", "name": _act_name(module.act)}, {}, None))
    elif isinstance(module, torch.nn.Sequential):
        _refuse("torch.nn.Sequential", "use torch_geometric.nn.Sequential with 'x, edge_index'")
    else:
        spec, names, kind = _step(module)
        if kind == "pool":
            _refuse(f"a lone pool {name}", "give pool= with a model")
        out.append((spec, names, ""))
    if pool is not None:
        if pool not in ("add", "mean", "max"):
            _refuse(f"pool={pool!r}", "use 'add', 'mean' or 'max'")
        out.append(({"type": "pool", "reduce": pool}, {}, None))
    return [s for s in out if s[0] is not None]


class HepgraphModel:
    """A PyG module rebuilt in hepgraph's Java engine (:func:`from_pyg`); call it as the PyG module:
    ``model(x, edge_index)`` or ``model(x, edge_index, batch)``, torch tensors in and out, in
    inference mode. :meth:`to_pyg` gives back a PyG module with the Java weights."""

    def __init__(self, template, steps, session, java, dtype="float32"):
        self._template = template
        self.dtype = dtype
        self._steps = steps
        self._session = session
        self._java = java
        self._finalizer = weakref.finalize(self, _jvm.close_quietly, session, java)
        self._shapes = {p["name"]: p["shape"] for p in
                        json.loads(session.call("from_pyg", java.parametersJson))}
        # PyG 2.8.1's GCNConv ignores improved=True unless edge weights are passed, so from_pyg
        # maps it to improved=false (the weightless result); with edge weights it cannot be
        # reproduced by that model, and a call with edge_attr is refused (docs/parity.md).
        self._improved_dropped = template is not None and any(
            type(mod).__name__ == "GCNConv" and mod.improved for mod in template.modules()) and any(
            s.get("type") == "GCNConv" and not s.get("improved") for s, _, _ in steps)
        self._names = {}
        for i, (_, names, prefix) in enumerate(steps):
            for pyg, hg in names.items():
                self._names[prefix + pyg] = f"{i}.{hg}"
        if set(self._names.values()) != set(self._shapes):
            raise HepgraphError(
                "hg.from_pyg: hepgraph's parameters do not match the PyG module's: PyG gives "
                f"{sorted(set(self._names.values()))}, hepgraph has {sorted(self._shapes)}")

    @property
    def spec(self) -> list:
        """The layer spec sent to Java (a list of dicts)."""
        return [s for s, _, _ in self._steps]

    def _load(self, module):
        import torch

        if not self._names:
            return
        state = module.state_dict()
        ex = self._session.exchange()
        files = {}
        try:
            for pyg, hg in self._names.items():
                t = state[pyg].detach().to("cpu", dtype=getattr(torch, self.dtype))
                path = ex.new_path("weight")
                _dataplane.write_tensor(path, t.reshape(self._shapes[hg]).contiguous())
                files[hg] = str(path)
            self._session.call("from_pyg weights", self._java.loadParameters, files)
        finally:
            for p in files.values():
                os.unlink(p)

    def state_dict(self) -> dict:
        """The Java weights under the PyG module's names (torch tensors, PyG's shapes)."""
        import torch

        ex = self._session.exchange()
        files = {hg: str(ex.new_path("weight")) for hg in self._names.values()}
        shapes = self._template.state_dict()
        out = {}
        try:
            self._session.call("to_pyg weights", self._java.writeParameters, files)
            for pyg, hg in self._names.items():
                with _dataplane.map_tensor(files[hg]) as m:
                    out[pyg] = torch.from_numpy(m.numpy().copy()).reshape(shapes[pyg].shape)
        finally:
            for p in files.values():
                if os.path.exists(p):
                    os.unlink(p)
        return out

    def to_pyg(self):
        """An equivalent PyG module (a copy of the one given to :func:`from_pyg`) holding the
        Java weights, in eval mode."""
        m = copy.deepcopy(self._template)
        m.load_state_dict(self.state_dict(), strict=False)
        return m.eval()

    def __call__(self, x, edge_index, batch=None, edge_attr=None):
        import torch

        self._check_edge_attr(edge_attr)
        ex = self._session.exchange()
        dtype = getattr(torch, self.dtype)
        paths = [ex.new_path("x"), ex.new_path("edges"), ex.new_path("out")]
        bpath = apath = None
        try:
            _dataplane.write_tensor(paths[0], torch.as_tensor(x).to(dtype))
            _dataplane.write_tensor(paths[1], torch.as_tensor(edge_index).to(torch.int64))
            if edge_attr is not None:
                apath = ex.new_path("edge_attr")
                _dataplane.write_tensor(apath, torch.as_tensor(edge_attr).to(dtype))
            graphs = 1
            if batch is not None:
                batch = torch.as_tensor(batch).to(torch.int64)
                bpath = ex.new_path("batch")
                _dataplane.write_tensor(bpath, batch)
                graphs = int(batch.max()) + 1 if batch.numel() else 0
            self._session.call("HepgraphModel.forward", self._java.forwardToFile, str(paths[0]),
                               str(paths[1]), None if apath is None else str(apath),
                               None if bpath is None else str(bpath), graphs, str(paths[2]))
            with _dataplane.map_tensor(paths[2]) as m:
                return torch.from_numpy(m.numpy().copy())
        finally:
            for p in paths + [q for q in (bpath, apath) if q]:
                p.unlink(missing_ok=True)

    def forward_backward(self, x, edge_index, grad, *, edge_attr=None, ptr=None, batch=None,
                         num_graphs=None, training=False) -> dict:
        """One Java forward and backward pass of ``loss = (out * grad).sum()``, for checking
        gradients against PyG (the parity suite in ``tests/``). ``ptr`` (PyG's ``Batch.ptr``)
        runs the inputs as a planned hepgraph batch, as in training; ``batch`` (with
        ``num_graphs``) as raw arrays, as :meth:`__call__`. ``training`` uses batch statistics
        in batch norm (and draws dropout masks). Returns ``{"out": ..., "x": d loss/d x,
        "edge_attr": ... (when given), <PyG parameter name>: ...}`` as torch tensors of the
        model's dtype, parameter gradients in PyG's shapes."""
        import torch

        self._check_edge_attr(edge_attr)
        dtype = getattr(torch, self.dtype)
        ex = self._session.exchange()
        given = {"x": torch.as_tensor(x).to(dtype), "grad": torch.as_tensor(grad).to(dtype),
                 "edge_index": torch.as_tensor(edge_index).to(torch.int64)}
        if edge_attr is not None:
            given["edge_attr"] = torch.as_tensor(edge_attr).to(dtype)
        if ptr is not None:
            given["ptr"] = torch.as_tensor(ptr).to(torch.int64)
        if batch is not None:
            given["batch"] = torch.as_tensor(batch).to(torch.int64)
        if num_graphs is None:
            num_graphs = 1 if batch is None else (int(batch.max()) + 1 if len(batch) else 0)
        inputs = {k: str(ex.new_path(k)) for k in given}
        wanted = ["out", "grad.x"] + (["grad.edge_attr"] if edge_attr is not None else [])
        wanted += [f"grad.{hg}" for hg in self._names.values()]
        outputs = {k: str(ex.new_path("grad")) for k in wanted}
        shapes = self._template.state_dict() if self._template is not None else {}
        try:
            for k, t in given.items():
                _dataplane.write_tensor(inputs[k], t.contiguous())
            self._session.call("HepgraphModel.forward_backward", self._java.forwardBackward,
                               inputs, int(num_graphs), bool(training), outputs)

            def read(key):
                with _dataplane.map_tensor(outputs[key]) as m:
                    return torch.from_numpy(m.numpy().copy())

            out = {"out": read("out"), "x": read("grad.x")}
            if edge_attr is not None:
                out["edge_attr"] = read("grad.edge_attr")
            for pyg, hg in self._names.items():
                out[pyg] = read(f"grad.{hg}").reshape(shapes[pyg].shape)
            return out
        finally:
            for p in list(inputs.values()) + list(outputs.values()):
                if os.path.exists(p):
                    os.unlink(p)

    def _check_edge_attr(self, edge_attr):
        if edge_attr is not None and self._improved_dropped:
            from .errors import InvalidArgumentError

            raise InvalidArgumentError(
                "HepgraphModel: this model has a GCNConv(improved=True), which PyG 2.8.1 applies "
                "only with edge weights; hg.from_pyg built it for calls without edge weights "
                "(improved=False). Call it without edge_attr, or build the PyG layer with "
                "improved=False (docs/parity.md)")

    def close(self):
        """Frees the Java model (also done when this object is garbage-collected)."""
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"HepgraphModel({', '.join(s['type'] for s in self.spec)})"


def from_pyg(module, pool: str | None = None, *, dtype: str = "float32") -> HepgraphModel:
    """A hepgraph model equivalent to a PyG ``module`` (its structure, options and weights): one
    layer (GCNConv, GATConv, SAGEConv, GINConv, GINEConv, EdgeConv, MLP, Linear), a
    ``torch_geometric.nn.Sequential`` linear chain, or a basic model (GCN, GIN, GAT, GraphSAGE,
    EdgeCNN) with default jk/norm; ``pool`` ('add', 'mean', 'max') adds a global pool. Anything
    unmappable raises :class:`~hepgraph.errors.InvalidArgumentError` naming the class or option.
    ``dtype`` ('float32' or 'float64') is the type the Java model computes in. Layers with edge
    features (GCNConv edge weights, GATConv/GINEConv) take ``edge_attr=`` when called.
    """
    _require_pyg()
    return _build(module, _steps(module, pool), dtype)


def _build(module, steps, dtype="float32") -> HepgraphModel:
    """The Java model of ``steps`` ([(spec, names, prefix)]) with ``module``'s weights."""
    from ._jvm import session as _session

    if dtype not in ("float32", "float64"):
        from .errors import InvalidArgumentError

        raise InvalidArgumentError(f"hg.from_pyg: dtype must be 'float32' or 'float64', "
                                   f"got {dtype!r}")
    s = _session()
    spec = json.dumps([st[0] for st in steps])
    java = (s.call("from_pyg", s.entry.buildModel, spec) if dtype == "float32"
            else s.call("from_pyg", s.entry.buildModel, spec, dtype))
    model = HepgraphModel(module, steps, s, java, dtype)
    model._load(module)
    return model
