"""Drives one detector both ways, for the parity tests: the Java model through the bridge's
``DetectorTrace`` (``HepgraphEntryPoint.detectorTraces()``), and its PyG reference
(``detector_reference``), from the same initial weights (drawn by the reference, sent to Java over
the data plane), on the same graphs, in the same step order.

A graph here is ``(x float32 [N, F], edge_index int64 [2, E])`` with local node ids.
"""
from __future__ import annotations

import json
import os
import re

import numpy as np
import torch
from torch_geometric.data import Batch, Data

import hepgraph as hg
from hepgraph import _dataplane, _jvm, _transfer
from detector_reference.adam import DjlAdam
from detector_reference.gae import GraphAutoencoder
from detector_reference.glocalkd import GLocalKD
from detector_reference.graphcl import GraphCL
from detector_reference.ocgin import OCGIN

KINDS = ("ocgin", "gae", "glocalkd", "graphcl")


def reference_model(kind: str, settings: dict, in_channels: int):
    """The PyG reference of ``kind`` with the registry's defaults where ``settings`` is silent."""
    s = {k: str(v) for k, v in settings.items()}
    hidden, layers = int(s.get("hidden", 32)), int(s.get("layers", 3))
    aggr = s.get("aggregation", "sum")
    if kind == "ocgin":
        return OCGIN(in_channels, hidden, layers, aggr)
    if kind == "gae":
        return GraphAutoencoder(in_channels, hidden, layers, int(s.get("latent", 4)), aggr)
    if kind == "glocalkd":
        return GLocalKD(in_channels, hidden, layers, aggr, s.get("pooling", "sum"),
                        float(s.get("nodeWeight", 1.0)))
    if kind == "graphcl":
        return GraphCL(in_channels, hidden, layers, aggr, float(s.get("temperature", 0.2)),
                       int(s.get("neighbours", 5)))
    raise ValueError(kind)


def reference_name(java: str) -> str:
    """Java parameter name → the reference's state-dict name, e.g.
    ``01encoder_02gin1_01mlp_01linear1_weight`` → ``encoder.convs.1.nn.lins.0.weight``."""
    for tail in ("feature_mean", "feature_std", "center"):
        if java.endswith(tail):
            return tail
    out = []
    for part in java.split("_"):
        part = re.sub(r"^\d\d", "", part)
        if m := re.fullmatch(r"gin(\d+)", part):
            out += ["convs", m.group(1)]
        elif part == "mlp":
            out.append("nn")
        elif m := re.fullmatch(r"linear(\d+)", part):
            out += ["lins", str(int(m.group(1)) - 1)]
        else:
            out.append(part)
    return ".".join(out)


def pyg_batch(graphs, dtype=torch.float32) -> Batch:
    return Batch.from_data_list([Data(x=torch.from_numpy(np.ascontiguousarray(x)).to(dtype),
                                      edge_index=torch.from_numpy(np.ascontiguousarray(ei)))
                                 for x, ei in graphs])


def graphset(graphs) -> hg.GraphSet:
    return hg.GraphSet.from_data_list([hg.Data(x, ei) for x, ei in graphs])


def graphs_of(gs: hg.GraphSet, positions) -> list:
    out = []
    for i in positions:
        g = gs[int(i)]
        out.append((np.array(g.x, np.float32), np.array(g.edge_index, np.int64)))
    return out


class JavaTrace:
    """The Java side: ``DetectorTrace`` of ``kind`` with ``settings``."""

    def __init__(self, kind: str, settings: dict, in_channels: int, dtype=torch.float32):
        self.dtype = dtype
        self.s = _jvm.session()
        bridge = self.s.call("detector trace", self.s.entry.detectorTraces)
        self.j = self.s.call("detector trace", bridge.open, kind,
                             {k: str(v) for k, v in settings.items()}, in_channels,
                             str(dtype).replace("torch.", ""))
        self.params = json.loads(self.j.parametersJson())

    def close(self):
        self.j.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def load(self, model: torch.nn.Module):
        state = model.state_dict()
        ex = self.s.exchange()
        files = {}
        try:
            for p in self.params:
                if p["computed"]:
                    continue
                path = ex.new_path("weight")
                _dataplane.write_tensor(path, state[reference_name(p["name"])]
                                        .detach().to(self.dtype).contiguous())
                files[p["name"]] = str(path)
            self.s.call("trace weights", self.j.loadParameters, files)
        finally:
            for f in files.values():
                os.unlink(f)

    def prepare(self, graphs):
        with _transfer.sent(self.s, graphset(graphs)) as jgs:
            self.s.call("trace prepare", self.j.prepare, jgs)

    def train(self, steps, second=None) -> np.ndarray:
        flat = [g for step in steps for g in step]
        ptr = np.concatenate([[0], np.cumsum([len(step) for step in steps])]).tolist()
        with _transfer.sent(self.s, graphset(flat)) as a:
            if second is None:
                out = self.s.call("trace train", self.j.train, a, None, json.dumps(ptr))
            else:
                with _transfer.sent(self.s, graphset([g for st in second for g in st])) as b:
                    out = self.s.call("trace train", self.j.train, a, b, json.dumps(ptr))
        return np.array(json.loads(out)["losses"])

    def weights(self) -> dict:
        ex = self.s.exchange()
        files = {p["name"]: str(ex.new_path("weight")) for p in self.params}
        out = {}
        try:
            self.s.call("trace weights", self.j.writeParameters, files)
            for name, f in files.items():
                with _dataplane.map_tensor(f) as m:
                    out[name] = np.array(m.numpy())
        finally:
            for f in files.values():
                if os.path.exists(f):
                    os.unlink(f)
        return out

    def scores(self, graphs, bank=None) -> np.ndarray:
        path = self.s.exchange().new_path("scores")
        try:
            with _transfer.sent(self.s, graphset(graphs)) as g:
                if bank is None:
                    self.s.call("trace score", self.j.scoreToFile, g, None, str(path))
                else:
                    with _transfer.sent(self.s, graphset(bank)) as b:
                        self.s.call("trace score", self.j.scoreToFile, g, b, str(path))
            with _dataplane.map_tensor(path) as m:
                return np.array(m.numpy())
        finally:
            path.unlink(missing_ok=True)


class ReferenceTrace:
    """The PyG side, doing what ``DetectorTrace`` does on the Java side."""

    def __init__(self, kind: str, settings: dict, model: torch.nn.Module, dtype=torch.float32):
        self.kind, self.model, self.dtype = kind, model.to(dtype), dtype
        s = {k: str(v) for k, v in settings.items()}
        self.lr = float(s.get("lr", 1e-3))
        self.cosine = s.get("cosine", "true").lower() == "true"
        self.clip = float(s.get("clipNorm", 5.0))
        self.batch_size = int(s.get("batchSize", 64))

    def prepare(self, graphs):
        self.model.set_feature_scaling(np.concatenate([x for x, _ in graphs]))
        self.model.before_training([pyg_batch(graphs[i:i + self.batch_size], self.dtype)
                                    for i in range(0, len(graphs), self.batch_size)])

    def train(self, steps, second=None) -> np.ndarray:
        opt = DjlAdam(self.model.parameters(), lr=self.lr, cosine=self.cosine,
                      total_steps=len(steps), clip_norm=self.clip)
        losses = []
        for i, step in enumerate(steps):
            if second is None:
                loss = self.model.loss_per_graph(pyg_batch(step, self.dtype)).mean()
            else:
                loss = self.model.contrastive_loss(pyg_batch(step, self.dtype),
                                                   pyg_batch(second[i], self.dtype)).mean()
            loss.backward()
            losses.append(float(loss.detach().to(torch.float64)))
            opt.step()
        return np.array(losses)

    def weights(self, java_names) -> dict:
        state = self.model.state_dict()
        return {n: state[reference_name(n)].detach().numpy().copy() for n in java_names}

    @torch.no_grad()
    def scores(self, graphs, bank=None) -> np.ndarray:
        out = []
        ref = None
        if bank is not None:
            ref = torch.cat([self.model.embed(pyg_batch(bank[i:i + 256], self.dtype))
                             for i in range(0, len(bank), 256)])
        for i in range(0, len(graphs), 256):
            b = pyg_batch(graphs[i:i + 256], self.dtype)
            out.append(self.model.score(b) if ref is None else self.model.score(b, ref))
        return torch.cat(out).to(torch.float32).numpy()


def auc(scores, labels) -> float:
    """Mann–Whitney AUC (ties count half), label 1 = anomaly = positive."""
    scores, labels = np.asarray(scores, np.float64), np.asarray(labels)
    pos, neg = scores[labels == 1], scores[labels == 0]
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))
