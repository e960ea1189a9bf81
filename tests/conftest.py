"""Shared set-up of the repository-level suites (tests/): the Python package from this checkout
and this folder (helpers such as parity_report, imported by their plain names) on the path, one
OpenMP thread for the JVM the tests start (as the Java tests, for reproducible sums), and the
parity tables written when the session ends (parity_report.py). Imported as ``tests.conftest``
(tests/ is a package), so python-bindings/python/tests' ``from conftest import ...`` still finds
its own conftest in a session that runs both folders."""

import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for p in (REPO / "python-bindings" / "python", HERE):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import parity_report  # noqa: E402


def pytest_sessionfinish(session, exitstatus):
    parity_report.flush()
