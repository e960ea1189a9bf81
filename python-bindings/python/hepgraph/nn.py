"""``hepgraph.nn``: PyG-named layers that run in hepgraph's Java engine.

    import hepgraph.nn as hnn
    model = hnn.Sequential("x, edge_index, batch", [
        (hnn.GCNConv(3, 16), "x, edge_index -> x"),
        hnn.ReLU(),
        (hnn.GINConv(hnn.MLP([16, 16, 16])), "x, edge_index -> x"),
        (hnn.global_mean_pool, "x, batch -> x"),
        (hnn.Linear(16, 2), "x -> x"),
    ], seed=0)
    out = model(x, edge_index, batch)        # numpy or torch in, a torch tensor out
    pyg_module = model.to_pyg()              # the same weights in torch_geometric

Every class takes the constructor arguments of its torch_geometric namesake, with the same defaults
(they are read from PyG's own signature); an option the Java layers (``org.hepgraph.nn.LayerSpecs``)
do not support is refused with :class:`~hepgraph.errors.InvalidArgumentError` naming it. Weights are
initialised as PyG initialises them, under ``torch.manual_seed(seed)`` (``seed=0`` by default; a
:class:`Sequential` re-initialises its children under its own seed), so equal seeds give equal
weights. The Java model is built on first use through :func:`hepgraph.from_pyg` (the one spec
serialiser, in ``hepgraph.pyg``); it runs in inference mode (dropout off, batch norm uses its
running statistics). torch and torch_geometric are needed (imported when a layer is made).
"""

from __future__ import annotations

import copy
import inspect

from . import pyg as _pyg
from .errors import InvalidArgumentError

__all__ = [
    "Dropout",
    "ELU",
    "EdgeConv",
    "GATConv",
    "GCNConv",
    "GELU",
    "GINConv",
    "GINEConv",
    "LeakyReLU",
    "Linear",
    "MLP",
    "Module",
    "ReLU",
    "SAGEConv",
    "Sequential",
    "SiLU",
    "Sigmoid",
    "Tanh",
    "global_add_pool",
    "global_max_pool",
    "global_mean_pool",
]


def _require():
    torch, _ = _pyg._require_pyg()
    import torch_geometric.nn as pyg_nn

    return torch, pyg_nn


def _unwrap(m):
    """The PyG object behind a hepgraph.nn object (a private copy), or m itself."""
    if isinstance(m, Module):
        return copy.deepcopy(m._template)
    if isinstance(m, _Pool):
        return m._fn()
    return m


def _check_options(name, cls, args, kwargs, supported):
    """Binds the arguments to PyG's signature of ``cls`` (same names, same defaults) and refuses
    any option outside ``supported`` given a value other than PyG's default."""
    sig = inspect.signature(cls.__init__)
    try:
        bound = sig.bind(None, *args, **kwargs)
    except TypeError as e:
        raise InvalidArgumentError(f"hepgraph.nn.{name}: {e}; the arguments are those of "
                                   f"torch_geometric.nn.{cls.__name__}{sig}") from None
    for key, value in list(bound.arguments.items())[1:]:
        p = sig.parameters[key]
        if p.kind is p.VAR_KEYWORD:
            items = value.items()
        elif p.kind is p.VAR_POSITIONAL:
            if value:
                raise InvalidArgumentError(f"hepgraph.nn.{name}: extra positional arguments "
                                           f"{value!r}")
            continue
        else:
            items = [(key, value)]
        for k, v in items:
            if k in supported:
                continue
            default = sig.parameters[k].default if k in sig.parameters else inspect.Parameter.empty
            if default is not inspect.Parameter.empty and _same(v, default):
                continue
            raise InvalidArgumentError(
                f"hepgraph.nn.{name}: option {k}={v!r} is not supported by hepgraph's Java layers; "
                f"supported options: {', '.join(supported) or 'none'}")


def _same(a, b):
    try:
        return bool(a == b) and type(a) is type(b)
    except Exception:  # noqa: BLE001 - e.g. tensors
        return a is b


def _validate(name, template):
    try:
        _pyg._steps(template, None)
    except InvalidArgumentError as e:
        msg = str(e).removeprefix("hg.from_pyg: ").replace(" cannot be mapped to hepgraph",
                                                           " is not supported")
        raise InvalidArgumentError(f"hepgraph.nn.{name}: {msg}") from None


class Module:
    """Base of the hepgraph.nn layers: a PyG template module (the weights until the Java model is
    built) and, after the first call, the Java model (:class:`hepgraph.HepgraphModel`)."""

    _pyg_name: str = ""
    _supported: tuple = ()
    _kind = "graph"  # graph: (x, edge_index); node: (x); act: (x), computed in torch

    def __init__(self, *args, seed: int = 0, **kwargs):
        torch, pyg_nn = _require()
        cls = self._pyg_class(torch, pyg_nn)
        _check_options(type(self).__name__, cls, args, kwargs, self._supported)
        args = tuple(_unwrap(a) for a in args)
        kwargs = {k: _unwrap(v) for k, v in kwargs.items()}
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            try:
                template = cls(*args, **kwargs)
            except (TypeError, ValueError, AssertionError) as e:
                raise InvalidArgumentError(f"hepgraph.nn.{type(self).__name__}: {e}") from None
        self._init(template.eval(), seed)

    def _init(self, template, seed):
        self._template = template
        self.seed = seed
        self._model = None
        _validate(type(self).__name__, template)

    def _pyg_class(self, torch, pyg_nn):
        return getattr(pyg_nn, self._pyg_name)

    def _java(self):
        if self._model is None:
            self._model = _pyg.from_pyg(self._template)
        return self._model

    def __call__(self, x, edge_index=None, batch=None, edge_attr=None):
        import torch

        x = torch.as_tensor(x)
        if self._kind == "act":
            with torch.no_grad():
                return self._template(x.to(torch.float32).clone())
        if edge_index is None:
            if self._kind == "graph":
                raise InvalidArgumentError(f"hepgraph.nn.{type(self).__name__}: edge_index is "
                                           "required (a [2, E] integer array)")
            edge_index = torch.zeros((2, 0), dtype=torch.int64)
        return self._java()(x, edge_index, batch, edge_attr=edge_attr)

    def state_dict(self) -> dict:
        """The weights under PyG's names (torch tensors; the Java ones once the model is built)."""
        out = {k: v.detach().clone() for k, v in self._template.state_dict().items()}
        if self._model is not None:
            out.update(self._model.state_dict())
        return out

    def load_state_dict(self, state_dict, strict: bool = True):
        """Loads a PyG state dict (e.g. from the PyG namesake or :meth:`state_dict`)."""
        result = self._template.load_state_dict(state_dict, strict=strict)
        if self._model is not None:
            self._model._load(self._template)
        return result

    def to_pyg(self):
        """The equivalent torch_geometric module with these weights, in eval mode."""
        if self._model is not None:
            return self._model.to_pyg()
        return copy.deepcopy(self._template).eval()

    def close(self):
        """Frees the Java model (built again on the next call)."""
        if self._model is not None:
            self._model.close()
            self._model = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"hepgraph.nn.{self._template!r}"


class GCNConv(Module):
    """torch_geometric.nn.GCNConv (``cached`` and other MessagePassing options are refused)."""

    _pyg_name = "GCNConv"
    _supported = ("in_channels", "out_channels", "improved", "add_self_loops", "normalize", "bias")


class GATConv(Module):
    """torch_geometric.nn.GATConv (no ``residual`` or bipartite input; ``dropout`` is accepted and
    is off at inference; with ``edge_dim`` call it with ``edge_attr=``)."""

    _pyg_name = "GATConv"
    _supported = ("in_channels", "out_channels", "heads", "concat", "negative_slope", "dropout",
                  "add_self_loops", "fill_value", "edge_dim", "bias")


class SAGEConv(Module):
    """torch_geometric.nn.SAGEConv (aggr 'mean', 'add'/'sum' or 'max')."""

    _pyg_name = "SAGEConv"
    _supported = ("in_channels", "out_channels", "aggr", "normalize", "root_weight", "project",
                  "bias")


class GINConv(Module):
    """torch_geometric.nn.GINConv; ``nn`` is a :class:`MLP` (hepgraph's or PyG's)."""

    _pyg_name = "GINConv"
    _supported = ("nn", "eps", "train_eps", "aggr")


class GINEConv(Module):
    """torch_geometric.nn.GINEConv; ``nn`` is a :class:`MLP`; call it with ``edge_attr=``
    ([E, edge_dim], or [E, in_channels] without ``edge_dim``)."""

    _pyg_name = "GINEConv"
    _supported = ("nn", "eps", "train_eps", "edge_dim")


class EdgeConv(Module):
    """torch_geometric.nn.EdgeConv; ``nn`` is a :class:`MLP` taking 2 * in_channels."""

    _pyg_name = "EdgeConv"
    _supported = ("nn", "aggr")


class MLP(Module):
    """torch_geometric.nn.MLP (norm None, 'batch_norm' or 'layer_norm' with default kwargs)."""

    _pyg_name = "MLP"
    _kind = "node"
    _supported = ("channel_list", "in_channels", "hidden_channels", "out_channels", "num_layers",
                  "dropout", "act", "act_first", "norm", "plain_last", "bias")


class Linear(Module):
    """torch_geometric.nn.Linear (a positive ``in_channels``; initialisers are accepted)."""

    _pyg_name = "Linear"
    _kind = "node"
    _supported = ("in_channels", "out_channels", "bias", "weight_initializer", "bias_initializer")


class ReLU(Module):
    """torch.nn.ReLU (computed in torch when called alone; in Java inside a Sequential)."""

    _kind = "act"
    _supported = ("inplace",)

    def _pyg_class(self, torch, pyg_nn):
        return torch.nn.ReLU


def _activation(torch_name, supported, doc):
    cls = type(torch_name, (Module,), {
        "__doc__": doc, "_kind": "act", "_supported": supported, "__module__": __name__,
        "_pyg_class": lambda self, torch, pyg_nn: getattr(torch.nn, torch_name)})
    return cls


Tanh = _activation("Tanh", (), "torch.nn.Tanh.")
Sigmoid = _activation("Sigmoid", (), "torch.nn.Sigmoid.")
SiLU = _activation("SiLU", ("inplace",), "torch.nn.SiLU.")
ELU = _activation("ELU", ("inplace",), "torch.nn.ELU (alpha=1 only).")
GELU = _activation("GELU", (), "torch.nn.GELU (approximate='none' only).")
LeakyReLU = _activation("LeakyReLU", ("inplace",),
                        "torch.nn.LeakyReLU (negative_slope=0.01 only).")
Dropout = _activation("Dropout", ("p", "inplace"),
                      "torch.nn.Dropout: the identity (hepgraph's models run in inference mode).")


class _Pool:
    """global_{add,mean,max}_pool: usable in a Sequential (``'x, batch -> x'``) or called as the
    PyG function (computed in torch)."""

    def __init__(self, name):
        self.__name__ = name

    def _fn(self):
        _, pyg_nn = _require()
        return getattr(pyg_nn, self.__name__)

    def __call__(self, x, batch=None, size=None):
        import torch

        x = torch.as_tensor(x).to(torch.float32)
        return self._fn()(x, None if batch is None else torch.as_tensor(batch), size)

    def __repr__(self):
        return f"hepgraph.nn.{self.__name__}"


global_add_pool = _Pool("global_add_pool")
global_mean_pool = _Pool("global_mean_pool")
global_max_pool = _Pool("global_max_pool")


class Sequential(Module):
    """torch_geometric.nn.Sequential: ``Sequential('x, edge_index[, batch]', [(module,
    'x, edge_index -> x'), module, ...], seed=0)``; a linear chain of hepgraph.nn (or PyG)
    layers, activations and global pools. The children are copied and re-initialised under
    ``seed``. Call it with the input arguments: ``model(x, edge_index[, batch])``."""

    def __init__(self, input_args: str, modules, seed: int = 0):
        torch, pyg_nn = _require()
        children = []
        for item in modules:
            if isinstance(item, tuple):
                if len(item) != 2:
                    raise InvalidArgumentError(
                        f"hepgraph.nn.Sequential: a step is (module, 'args -> out'), got {item!r}")
                children.append((_unwrap(item[0]), item[1]))
            else:
                children.append(_unwrap(item))
        try:
            seq = pyg_nn.Sequential(input_args, children)
        except (TypeError, ValueError) as e:
            raise InvalidArgumentError(f"hepgraph.nn.Sequential: {e}") from None
        # PyG compiles forward() from a template that imports the caller's module by the file's
        # base name ('nn', not importable); point it at this module so that the compiled forward
        # (and that of its copies, made by to_pyg) has the signature of input_args.
        seq._caller_module = __name__
        seq._set_jittable_template(raise_on_error=True)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            for child in seq.children():
                if hasattr(child, "reset_parameters"):
                    child.reset_parameters()
        self._inputs = len(seq.signature.param_dict)
        self._init(seq.eval(), seed)

    def __call__(self, *args):
        if len(args) != self._inputs:
            raise InvalidArgumentError(
                f"hepgraph.nn.Sequential: called with {len(args)} arguments, its input is "
                f"'{', '.join(self._template.signature.param_dict)}'")
        return self._java()(*args)

    def __repr__(self):
        return f"hepgraph.nn.{self._template!r}"
