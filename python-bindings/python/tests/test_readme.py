"""The README's Python session runs as written."""

import re

import numpy as np

from conftest import REPO

MARKER = "<!-- readme-python-session"


def readme_session() -> str:
    text = (REPO / "README.md").read_text()
    after = text[text.index(MARKER):]
    return re.search(r"```python\n(.*?)```", after, re.S).group(1)


def test_readme_python_session_runs_as_written():
    code = readme_session()
    assert len(code.strip().splitlines()) == 5
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)
    scores = namespace["scores"]
    assert isinstance(scores, np.ndarray) and scores.shape == (64,)
    assert np.all(np.isfinite(scores))
    namespace["detector"].close()


def test_readme_from_pyg_example_runs_as_written():
    import pytest

    torch = pytest.importorskip("torch")
    pytest.importorskip("torch_geometric")
    text = (REPO / "README.md").read_text()
    after = text[text.index("<!-- readme-from-pyg"):]
    code = re.search(r"```python\n(.*?)```", after, re.S).group(1)
    ns = {}
    exec(compile(code, "README.md", "exec"), ns)
    from torch_geometric.nn import global_mean_pool

    with torch.no_grad():
        expected = global_mean_pool(ns["gin"](ns["x"], ns["edge_index"]), ns["batch"])
    assert ns["out"].shape == (2, 16)
    torch.testing.assert_close(ns["out"], expected, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(ns["back"](ns["x"], ns["edge_index"]),
                               ns["gin"](ns["x"], ns["edge_index"]))
    ns["model"].close()
