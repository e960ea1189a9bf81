"""ROC figures computed by the Java ``org.hepgraph.metrics.RocCurve`` (the one ``bin/hepgraph``
reports), so Python and Java give the same numbers to the last bit.

Scores: higher = more signal-like (more anomalous). Labels: 1 = signal (positive), 0 = background.
Selecting ``score >= t`` gives ``TPR`` (signal efficiency ε_S) and ``FPR`` (background efficiency
ε_B); tied scores make one point, so ``roc_auc`` is the Mann–Whitney probability with ties counted
1/2. ``tpr_at_fpr`` takes the real cut with the largest FPR not above the target (no
interpolation). ``sic`` is ``TPR / sqrt(FPR)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._optional import numpy as np

from . import _backend
from ._optional import available
from .data import _to_numpy
from .errors import InvalidArgumentError


@dataclass(frozen=True)
class RocCurve:
    """The points of a ROC curve (from the origin, FPR and TPR non-decreasing): ``fpr``, ``tpr``,
    ``thresholds`` (the first is +inf, selecting nothing), ``sic`` (NaN where FPR = 0) and the
    ``auc``."""

    fpr: np.ndarray
    tpr: np.ndarray
    thresholds: np.ndarray
    sic: np.ndarray
    auc: float

    @property
    def rejection(self) -> np.ndarray:
        """Background rejection ``1 / FPR`` (inf where FPR = 0)."""
        with np.errstate(divide="ignore"):
            return 1.0 / self.fpr


def _java_roc(scores, labels, who):
    s, lab = _checked(scores, labels, who)
    sess = _backend.session()
    return sess, sess.roc(who, s, lab)


def _checked(scores, labels, who):
    """1-D float64 scores and int32 labels (numpy arrays; plain lists where numpy is missing,
    as under GraalPy), or :class:`InvalidArgumentError` naming what is wrong."""
    if not available("numpy"):
        return _checked_plain(scores, labels, who)
    s = _to_array(scores, who, "scores").astype(np.float64)
    lab = _to_array(labels, who, "labels")
    if lab.dtype.kind == "b":
        lab = lab.astype(np.int32)
    elif lab.dtype.kind == "f" and (not np.all(np.isfinite(lab)) or np.any(lab != np.round(lab))):
        raise InvalidArgumentError(
            f"{who}: labels hold non-integer values; give 1 (signal) or 0 (background)")
    if lab.size and (lab.max() > 2**31 - 1 or lab.min() < -(2**31)):
        raise InvalidArgumentError(
            f"{who}: labels hold values beyond int32; give 1 (signal) or 0 (background)")
    return s, lab.astype(np.int32)


def _checked_plain(scores, labels, who):
    def flat(value, name):
        if isinstance(value, memoryview):
            if value.ndim != 1:
                raise InvalidArgumentError(
                    f"{who}: {name} has shape {value.shape}; give one value per event (1-D)")
            return value.tolist()
        out = list(value)
        if any(isinstance(v, (list, tuple, memoryview)) for v in out):
            raise InvalidArgumentError(f"{who}: {name} is nested; give one value per event (1-D)")
        return out

    try:
        s = [float(v) for v in flat(scores, "scores")]
        raw = flat(labels, "labels")
        lab = [int(v) for v in raw]
    except (TypeError, ValueError) as e:
        raise InvalidArgumentError(f"{who}: scores and labels must be numeric ({e})") from None
    if any(float(a) != float(b) for a, b in zip(raw, lab)):
        raise InvalidArgumentError(
            f"{who}: labels hold non-integer values; give 1 (signal) or 0 (background)")
    if any(v > 2**31 - 1 or v < -(2**31) for v in lab):
        raise InvalidArgumentError(
            f"{who}: labels hold values beyond int32; give 1 (signal) or 0 (background)")
    return s, lab


def _to_array(value, who, name) -> np.ndarray:
    a = _to_numpy(value, who, name, InvalidArgumentError, "")
    if a.ndim != 1:
        raise InvalidArgumentError(
            f"{who}: {name} has shape {a.shape}; give one value per event (1-D)")
    return a


def roc_auc(scores, labels) -> float:
    """The area under the ROC curve (ties count 1/2)."""
    s, roc = _java_roc(scores, labels, "hg.metrics.roc_auc")
    return float(s.call("hg.metrics.roc_auc", roc.auc))


def tpr_at_fpr(scores, labels, fpr):
    """The signal efficiency of the best real cut whose background efficiency is at most ``fpr``
    (a float, or a list/array of them: then an array)."""
    who = "hg.metrics.tpr_at_fpr"
    s, roc = _java_roc(scores, labels, who)
    if not isinstance(fpr, (int, float)) and np.ndim(fpr):
        return np.array([s.call(who, roc.tprAtFpr, float(f)) for f in np.asarray(fpr).ravel()])
    return float(s.call(who, roc.tprAtFpr, float(fpr)))


def sic(scores, labels, min_negatives: int = 10) -> float:
    """The largest significance improvement ``TPR / sqrt(FPR)`` over the cuts that pass at least
    ``min_negatives`` background events (the usual guard against a SIC made of one or two
    background events); NaN if no cut passes that many. The whole curve is in
    :func:`roc_curve` (``.sic``)."""
    who = "hg.metrics.sic"
    s, roc = _java_roc(scores, labels, who)
    return float(s.call(who, roc.maxSic, int(min_negatives)))


def roc_curve(scores, labels) -> RocCurve:
    """Every point of the ROC curve, with the SIC at each and the AUC."""
    who = "hg.metrics.roc_curve"
    s, roc = _java_roc(scores, labels, who)
    fpr, tpr, thresholds, sic_ = s.roc_points(who, roc)
    return RocCurve(fpr, tpr, thresholds, sic_, float(s.call(who, roc.auc)))
