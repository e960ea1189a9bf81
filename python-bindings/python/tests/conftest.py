"""Shared fixtures. The JVM the tests start uses one OpenMP thread, as the Java tests do, so that
scores are reproducible across processes (test_parity compares to 1e-6)."""

import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")

import hepgraph as hg  # noqa: E402

REPO = Path(__file__).resolve().parents[3]


def random_graphs(n=32, nodes=8, features=3, edges=20, seed=0, label=None):
    rng = np.random.default_rng(seed)
    return [
        hg.Data(x=rng.normal(size=(nodes, features)),
                edge_index=rng.integers(0, nodes, size=(2, edges)), y=label)
        for _ in range(n)
    ]


@pytest.fixture
def graphs():
    return random_graphs()


@pytest.fixture
def session():
    """The running JVM (started if needed)."""
    return hg.connect()
