"""hg.metrics (the Java RocCurve through the gateway) against a numpy reference, and hg.plot.roc."""

import numpy as np
import pytest

import hepgraph as hg


def reference(scores, labels):
    """ROC points per distinct score (ties: one point), as a plain numpy computation."""
    scores = np.asarray(scores, np.float64) + 0.0
    labels = np.asarray(labels)
    thr = np.unique(scores)[::-1]
    pos, neg = (labels == 1).sum(), (labels == 0).sum()
    tp = np.array([0] + [((scores >= t) & (labels == 1)).sum() for t in thr])
    fp = np.array([0] + [((scores >= t) & (labels == 0)).sum() for t in thr])
    return tp / pos, fp / neg, tp, fp, pos, neg


def mann_whitney(scores, labels):
    s = np.asarray(scores, np.float64)
    p, n = s[labels == 1], s[labels == 0]
    return ((p[:, None] > n[None, :]).sum() + 0.5 * (p[:, None] == n[None, :]).sum()) / (
        p.size * n.size)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    labels = (rng.random(3000) < 0.3).astype(np.int64)
    scores = rng.normal(size=3000) + 1.2 * labels
    scores[:200] = np.round(scores[:200], 1)  # ties
    return scores, labels


def test_auc_matches_numpy(data):
    scores, labels = data
    tpr, fpr, *_ = reference(scores, labels)
    assert abs(hg.metrics.roc_auc(scores, labels) - np.trapezoid(tpr, fpr)) < 1e-9
    assert abs(hg.metrics.roc_auc(scores, labels) - mann_whitney(scores, labels)) < 1e-9


def test_tpr_at_fpr_and_sic_match_numpy(data):
    scores, labels = data
    tpr, fpr, _, fp, _, neg = reference(scores, labels)
    for target in (1e-3, 0.01, 0.1, 0.5, 1.0):
        want = tpr[np.nonzero(fp <= target * neg)[0].max()]
        assert abs(hg.metrics.tpr_at_fpr(scores, labels, target) - want) < 1e-9
    many = hg.metrics.tpr_at_fpr(scores, labels, [0.01, 0.1])
    assert many.shape == (2,)
    with np.errstate(divide="ignore", invalid="ignore"):
        sic = np.where(fp > 0, tpr / np.sqrt(fpr), np.nan)
    want = np.nanmax(np.where(fp >= 10, sic, np.nan))
    assert abs(hg.metrics.sic(scores, labels) - want) < 1e-9
    curve = hg.metrics.roc_curve(scores, labels)
    np.testing.assert_allclose(curve.fpr, fpr, rtol=0, atol=1e-12)
    np.testing.assert_allclose(curve.tpr, tpr, rtol=0, atol=1e-12)
    np.testing.assert_allclose(curve.sic, sic, rtol=1e-12, atol=0, equal_nan=True)
    assert curve.thresholds[0] == np.inf


def test_torch_and_bool_input():
    torch = pytest.importorskip("torch")
    s = torch.tensor([0.1, 0.9, 0.4, 0.3])
    y = torch.tensor([False, True, True, False])
    assert hg.metrics.roc_auc(s, y) == 1.0


def test_bad_input_gets_the_java_errors():
    with pytest.raises(hg.errors.InvalidArgumentError, match="labels must be 1"):
        hg.metrics.roc_auc([0.1, 0.2, 0.3], [0, 1, 2])
    with pytest.raises(hg.errors.InvalidArgumentError, match="is NaN"):
        hg.metrics.roc_auc([0.1, np.nan], [0, 1])
    with pytest.raises(hg.errors.InvalidArgumentError, match="at least one of each label"):
        hg.metrics.roc_auc([0.1, 0.2], [1, 1])
    with pytest.raises(hg.errors.InvalidArgumentError, match="scores has 3 entries but labels"):
        hg.metrics.roc_auc([0.1, 0.2, 0.3], [0, 1])
    with pytest.raises(hg.errors.InvalidArgumentError, match="targetFpr is 2.0"):
        hg.metrics.tpr_at_fpr([0.1, 0.2], [0, 1], 2.0)
    assert hg.metrics.roc_auc([0.1, 0.2], [0, 1]) == 1.0


def test_roc_plot_renders(tmp_path, data):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    scores, labels = data
    fig = hg.plot.roc({"model": scores, "noise": np.random.default_rng(0).random(len(labels))},
                      labels)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert any("model (AUC = " in t.get_text() for t in ax.get_legend().get_texts())
    out = tmp_path / "roc.png"
    fig.savefig(out)
    assert out.stat().st_size > 1000 and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.pyplot as plt

    _, ax2 = plt.subplots()
    fig2 = hg.plot.roc(scores, labels, ax=ax2, rejection=False)
    assert fig2 is ax2.figure and ax2.get_yscale() == "linear"
    plt.close("all")
