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
