"""ROC plots (matplotlib, imported when a plot is made). The curves are the Java ``RocCurve``'s,
through :func:`hepgraph.metrics.roc_curve`."""

from __future__ import annotations

from collections.abc import Mapping

from ._optional import numpy as np

from .errors import InvalidArgumentError
from .metrics import roc_curve


def roc(scores_by_name, labels, ax=None, *, rejection: bool = True, min_negatives: int = 1):
    """Plots one ROC curve per entry of ``scores_by_name`` and returns the figure.

    Args:
        scores_by_name: ``{"name": scores}`` (one curve each; the legend shows name and AUC), or a
            single array of scores.
        labels: 1 = signal, 0 = background; one array for every curve, or a mapping with the same
            names when the curves are over different events.
        ax: a matplotlib Axes to draw in (default: a new figure).
        rejection: the field's convention (default): background rejection ``1/ε_B`` (log scale)
            against signal efficiency ``ε_S``, with the random classifier's ``1/ε_S`` dashed;
            False: ``TPR`` against ``FPR`` with the diagonal.
        min_negatives: in the rejection view, leave out cuts that pass fewer background events
            (1: only the point of no background at all, where 1/ε_B is infinite).
    """
    if ax is None:
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(5.5, 4.5))
    else:
        fig = ax.figure
    if not isinstance(scores_by_name, Mapping):
        scores_by_name = {"score": scores_by_name}
    if not scores_by_name:
        raise InvalidArgumentError("hg.plot.roc: no scores given; pass {'name': scores}")
    for name, scores in scores_by_name.items():
        lab = labels[name] if isinstance(labels, Mapping) else labels
        c = roc_curve(scores, lab)
        text = f"{name} (AUC = {c.auc:.3f})"
        if rejection:
            n_neg = int(np.sum(np.asarray(lab) == 0))
            keep = c.fpr * n_neg >= max(min_negatives, 1) - 1e-9
            ax.plot(c.tpr[keep], 1.0 / c.fpr[keep], label=text)
        else:
            ax.plot(c.fpr, c.tpr, label=text)
    if rejection:
        eff = np.linspace(1e-3, 1, 200)
        ax.plot(eff, 1.0 / eff, "k--", lw=0.8, label="random")
        ax.set_yscale("log")
        ax.set_xlim(0, 1)
        ax.set_xlabel(r"signal efficiency $\varepsilon_S$")
        ax.set_ylabel(r"background rejection $1/\varepsilon_B$")
    else:
        ax.plot([0, 1], [0, 1], "k--", lw=0.8, label="random")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("false positive rate (background efficiency)")
        ax.set_ylabel("true positive rate (signal efficiency)")
    ax.legend(loc="best", fontsize="small")
    ax.grid(True, which="both", alpha=0.3)
    return fig
