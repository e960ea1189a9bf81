"""Detectors of the Java registry, driven from Python: ``hg.Detector("ocgin", epochs=5)``.

A :class:`Detector` holds its Java object (``org.hepgraph.bridge.DetectorHandle``), whose native
memory (the weights) lives until :meth:`Detector.close` -- called by ``with``, and by a finaliser as
a guard when the Python object is collected.
"""

from __future__ import annotations

import json
import os
import re
import weakref
from dataclasses import dataclass, field

from . import _backend, _transfer
from ._optional import tqdm
from .errors import HepgraphError, InvalidArgumentError


@dataclass(frozen=True)
class DetectorOption:
    key: str
    default: str
    description: str


@dataclass(frozen=True)
class DetectorInfo:
    """One registered detector kind (``hg.detectors()``)."""

    kind: str
    display_name: str
    description: str
    options: tuple[DetectorOption, ...] = field(default_factory=tuple)

    def defaults(self) -> dict[str, str]:
        return {o.key: o.default for o in self.options}


def detectors() -> list[DetectorInfo]:
    """Every detector kind the engine knows, with its options and defaults."""
    s = _backend.session()
    out = []
    for d in json.loads(s.call("hepgraph.detectors", s.entry.detectorsJson)):
        opts = tuple(DetectorOption(o["key"], o["default"], o["description"]) for o in d["options"])
        out.append(DetectorInfo(d["kind"], d["displayName"], d["description"], opts))
    return out


@dataclass(frozen=True)
class TrainingHistory:
    """What :meth:`Detector.fit` did: per-epoch losses, the epoch kept, early stop, steps."""

    train_loss: list[float]
    validation_loss: list[float]
    best_epoch: int
    stopped_early: bool
    steps: int

    @property
    def epochs(self) -> int:
        return len(self.train_loss)


@dataclass(frozen=True)
class ScoreSummary:
    """What :meth:`Detector.score_file` did: ``rows`` (graphs scored, one CSV line each), ``auc``
    (None unless the file has labels of both classes), ``labelled``, ``csv`` (absolute path) and
    ``uri``."""

    rows: int
    auc: float | None
    labelled: bool
    csv: str
    uri: str


def _camel(key: str) -> str:
    # batch_size -> batchSize, as the Java options are named; camelCase keys pass unchanged
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), key)


def _setting(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Detector:
    """A graph-level anomaly detector of a registered kind (see :func:`hepgraph.detectors`).

    ``hg.Detector("ocgin", epochs=5, hidden=16, seed=0)``: the keyword arguments are the kind's
    options (``batch_size`` is accepted for ``batchSize``); unknown keys and bad values raise
    :class:`~hepgraph.errors.InvalidArgumentError` listing the valid ones. Fit on normal graphs,
    then score: higher is more anomalous.

    Your own encoder, trained in Java: ``model = hg.from_pyg(gin)`` (a node-level PyG module, or
    one ending in a pool), then ``det = hg.Detector("svdd", encoder=model)``: Deep SVDD whose graph
    embedding is ``model``'s output pooled per graph (``readout="add"``, ``"mean"`` or ``"max"``;
    not when the module has its own pool), starting from ``model``'s weights as they are now.
    After :meth:`fit`, :meth:`encoder_to_pyg` gives the PyG module with the trained weights.
    """

    def __init__(self, kind: str, **settings):
        from .pyg import HepgraphModel

        s = _backend.session()
        model = settings.get("encoder")
        if isinstance(model, HepgraphModel):
            settings["encoder"] = json.dumps(model.spec)
        else:
            model = None
        java_settings = {_camel(k): _setting(v) for k, v in settings.items()}
        java = s.call(f"Detector({kind!r})", s.entry.createDetector, kind, java_settings)
        self._attach(s, java)
        if model is not None:
            s.call(f"Detector({kind!r}, encoder=...)", java.startEncoderFrom, model._java)
            self._encoder = model

    @classmethod
    def _from_java(cls, session, java) -> Detector:
        d = cls.__new__(cls)
        d._attach(session, java)
        return d

    def _attach(self, session, java):
        self._session = session
        self._java = java
        self._closed = False
        self._encoder = None
        self._model_path = None  # the file hg.load read it from: its recipe applies in score_file
        self.kind = session.call("Detector.kind", java.kind)
        self._finalizer = weakref.finalize(self, _backend.close_quietly, session, java)

    def _live(self, what: str):
        if self._closed:
            raise InvalidArgumentError(
                f"Detector.{what}: this {self.kind} detector was closed; create or load it again")
        if not self._session.is_running():
            raise self._session._gone(f"Detector.{what}")
        return self._session

    @property
    def config(self) -> dict[str, str]:
        """Every option of this detector with its value."""
        s = self._live("config")
        return json.loads(s.call("Detector.config", self._java.configJson))

    def fit(self, graphs, progress: bool = True, callback=None) -> TrainingHistory:
        """Fits the detector on ``graphs`` (all taken as normal), replacing what it had learnt.

        Args:
            graphs: a :class:`hepgraph.GraphSet`, a list of :class:`hepgraph.Data`, or PyG data.
            progress: draw a tqdm bar over the epochs (terminal or notebook; in a notebook
                without ipywidgets the text bar redraws at most every 2 s, so that an executed
                notebook keeps a few lines, not one per epoch).
            callback: called as ``callback(epoch, train_loss, validation_loss)`` after each epoch,
                for custom logging; an exception it raises stops training and is re-raised.

        Ctrl-C (KeyboardInterrupt) stops training after the current epoch and re-raises.
        """
        s = self._live("fit")
        with _transfer.sent(s, graphs) as jgs:
            return self._fit(s, jgs, progress, callback)

    def _fit(self, s, jgs, progress, callback) -> TrainingHistory:
        job = s.call("Detector.fit", self._java.fitAsync, jgs)
        bar = None
        known = 0
        started = False
        try:
            while True:
                # -1 until training has started: the first answer then comes with the epoch count
                ask = known if started else -1
                snap = json.loads(s.call("Detector.fit", job.pollJson, ask, 500))
                started = snap["total"] >= 0
                if bar is None and progress and snap["total"] >= 0:
                    bar = tqdm(total=snap["total"], desc=f"train {self.kind}", unit="epoch")
                for train_loss, val_loss in snap["epochs"]:
                    known += 1
                    if bar is not None:
                        # postfix first, without a redraw of its own: one redraw per epoch
                        bar.set_postfix(loss=f"{train_loss:.4g}", val=f"{val_loss:.4g}",
                                        refresh=False)
                        bar.update(1)
                    if callback is not None:
                        callback(known - 1, train_loss, val_loss)
                if snap["done"]:
                    break
        except BaseException:
            self._stop(s, job)
            raise
        finally:
            if bar is not None:
                bar.close()
        h = json.loads(s.call("Detector.fit", job.resultJson))
        return TrainingHistory(h["trainLoss"], h["validationLoss"], h["bestEpoch"],
                               h["stoppedEarly"], h["steps"])

    @staticmethod
    def _stop(s, job):
        """Cancels a training run and waits for it, if the JVM is still there."""
        if not s.is_running():
            return
        try:
            job.cancel()
            while not json.loads(job.pollJson(1 << 30, 1000))["done"]:
                pass
        except Exception:  # noqa: BLE001 - the original error is the one to show
            pass

    def score(self, graphs, as_torch: bool | None = None):
        """One float32 score per graph, in order; higher = more anomalous.

        The scores are the JVM's own output file, mapped without a copy: a writable numpy view,
        or with ``as_torch=True`` a ``torch.Tensor`` sharing that memory (``torch.from_numpy`` of
        the view). Under GraalPy (``hepgraph run``) they are a float32 ``memoryview`` of the
        Java buffer the scores were written to (no numpy there; no copy either). ``as_torch=None`` (the default) gives torch when ``graphs`` came as torch data
        (PyG Data / Batch / dataset, or a list of them) and numpy otherwise. The mapping stays
        alive as long as the array or tensor does, even after :meth:`close` or the JVM exits.
        """
        s = self._live("score")
        if as_torch is None:
            as_torch = _transfer.torch_input(graphs)
        with _transfer.sent(s, graphs) as jgs:
            return s.scores("Detector.score", self._java, jgs, as_torch=bool(as_torch))

    def score_file(self, uri: str, out, *, chunk_rows: int = 4096, progress: bool = True,
                   train_label: int | None = None, **options) -> ScoreSummary:
        """Scores every row of the file ``uri`` into the CSV ``out``, ``chunk_rows`` rows at a
        time, so that files larger than memory (Python's and the JVM's) are scored: the Python
        twin of ``hepgraph score --chunk-rows N`` (the same Java loop, the same CSV
        ``row,[id columns],[label],score``; docs/data.md, "Chunked reading and scoring").

        ``uri`` must come from a source that streams (``adc2021:``, ``toptag:``, ``h5:``,
        ``csv:``, ``images:``, ``graphs:``, ``jetimages:``); ``options`` are its settings as in
        :func:`hepgraph.dataset` (e.g. ``k=16``). For a detector read with :func:`hepgraph.load`
        the model file's graph recipe applies as in the CLI: it gives the default ``k`` and
        ``node_features``, the data must be built the same way (else
        :class:`~hepgraph.errors.InvalidArgumentError` names both), and the training split seed
        is the default ``seed``. ``train_label`` is the raw label of normal rows (default 0), as
        ``--train-label``. ``progress`` draws a tqdm bar over the rows, one update per chunk.

        Returns a :class:`ScoreSummary`: rows scored and, with labels, the AUC.
        """
        s = self._live("score_file")
        out = os.path.abspath(os.fspath(out))
        java_opts = {str(k): _setting(v) for k, v in options.items()}
        job = s.call("Detector.score_file", s.entry.scoreFile, self._java, self._model_path,
                     str(uri), java_opts, out, int(chunk_rows), train_label)
        bar = None
        try:
            while True:
                snap = json.loads(s.call("Detector.score_file", job.stepJson))
                if bar is None and progress:
                    bar = tqdm(total=snap["total"], desc=f"score {self.kind}", unit="row")
                if bar is not None:
                    bar.set_postfix(graphs=snap["scored"], refresh=False)
                    bar.update(snap["done"] - bar.n)
                if snap["finished"]:
                    break
            r = json.loads(s.call("Detector.score_file", job.resultJson))
        finally:
            if bar is not None:
                bar.close()
            if s.is_running():
                s.release(job)
        return ScoreSummary(r["rows"], r["auc"], r["labelled"], r["csv"], r["uri"])

    def encoder_to_pyg(self, template=None, pool: str | None = None):
        """The fitted ``svdd`` detector's encoder as a PyG module holding the trained Java weights
        (a copy of the module given to :func:`hepgraph.from_pyg`, in eval mode). The
        :class:`~hepgraph.HepgraphModel` given as ``encoder`` is updated to the trained weights
        too. For a loaded detector pass ``template``, the PyG module the encoder came from (and
        ``pool`` as given to ``from_pyg`` then)."""
        from .pyg import from_pyg

        s = self._live("encoder_to_pyg")
        model = self._encoder
        if template is not None:
            model = from_pyg(template, pool=pool)
            given = json.dumps(model.spec)
            if given != self.config.get("encoder"):
                raise InvalidArgumentError(
                    "Detector.encoder_to_pyg: template's layer spec is not this detector's "
                    f"encoder ({given} != {self.config.get('encoder')}); pass the PyG module the "
                    "encoder was built from")
        if model is None:
            raise InvalidArgumentError(
                f"Detector.encoder_to_pyg: this {self.kind} detector has no PyG encoder to fill; "
                "create it as hg.Detector('svdd', encoder=hg.from_pyg(module)), or, for a loaded "
                "one, pass template=module")
        s.call("Detector.encoder_to_pyg", self._java.writeEncoderTo, model._java)
        return model.to_pyg()

    def save(self, path, **metadata) -> None:
        """Saves the fitted detector (versioned, with provenance) to ``path``; ``metadata`` is
        free key/value text stored in the header (read it back with :func:`read_metadata`)."""
        s = self._live("save")
        s.call("Detector.save", self._java.save, os.fspath(path),
               {str(k): str(v) for k, v in metadata.items()})

    def close(self) -> None:
        """Frees the detector's native memory in the JVM. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._finalizer()

    def __enter__(self) -> Detector:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self):
        state = "closed" if self._closed else f"JVM pid {self._session.pid}"
        return f"<hepgraph.Detector {self.kind} ({state})>"


def load(path) -> Detector:
    """A fitted detector read from a file written by :meth:`Detector.save` or ``hepgraph train``."""
    s = _backend.session()
    java = s.call("hepgraph.load", s.entry.loadDetector, os.fspath(path))
    d = Detector._from_java(s, java)
    d._model_path = os.path.abspath(os.fspath(path))
    return d


def read_metadata(path) -> dict[str, str]:
    """The header of a saved model (config, your metadata, provenance) without loading it."""
    s = _backend.session()
    return json.loads(s.call("hepgraph.read_metadata", s.entry.readMetadataJson, os.fspath(path)))


__all__ = ["Detector", "DetectorInfo", "DetectorOption", "ScoreSummary", "TrainingHistory", "detectors", "load",
           "read_metadata", "HepgraphError"]
